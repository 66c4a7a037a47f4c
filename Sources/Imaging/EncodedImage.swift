import PipelineCore

/// One written output: its bytes and what they are.
public struct EncodedImage: Sendable {
    public var bytes: [UInt8]
    public var size: PixelSize
    public var format: ImageFormat
    /// Lower-case hex SHA-256 of `bytes`.
    public var sha256: String
    /// Frames of an animation written with `output.animation: keep` (1 for a still image).
    public var frames: Int = 1
    /// The quality `maxBytes` settled on, when it chose one.
    public var chosenQuality: Int? = nil
}

extension EncodedImage {
    /// A file made elsewhere (a PDF from its worker process) answered as one output.
    public init(bytes: [UInt8], size: PixelSize, format: ImageFormat, sha256: String) {
        self.bytes = bytes
        self.size = size
        self.format = format
        self.sha256 = sha256
    }
}
