/// How a leaf is written.
public struct EncodeSettings: Sendable, Hashable, Codable {
    /// The format; `original` only while the source's format is unknown.
    public var format: ImageFormat
    /// The compress feature's choice, if any (else the `output.quality` default of the format).
    public var quality: Int?
    public var lossless: Bool
    /// When set, `quality` is the highest to try and the file must have at most this many bytes.
    public var maxBytes: Int?

    public init(format: ImageFormat, quality: Int? = nil, lossless: Bool = false, maxBytes: Int? = nil) {
        self.format = format
        self.quality = quality
        self.lossless = lossless
        self.maxBytes = maxBytes
    }
}
