/// What the planner may know of a source before planning: its upright size and its format.
public struct SourceDescription: Sendable, Hashable, Codable {
    /// The size after EXIF auto-orientation.
    public var size: PixelSize
    /// The format `original` writes for this source.
    public var format: ImageFormat?

    public init(size: PixelSize, format: ImageFormat? = nil) {
        self.size = size
        self.format = format
    }
}
