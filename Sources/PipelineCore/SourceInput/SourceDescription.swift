/// What the planner may know of a source before planning: its upright size and its format.
public struct SourceDescription: Sendable, Hashable, Codable {
    /// The size after EXIF auto-orientation.
    public var size: PixelSize
    /// The format `original` writes for this source.
    public var format: ImageFormat?
    /// Frames of an animation (1 for a still image); `size` is one frame's.
    public var frames: Int

    public init(size: PixelSize, format: ImageFormat? = nil, frames: Int = 1) {
        self.size = size
        self.format = format
        self.frames = frames
    }
}
