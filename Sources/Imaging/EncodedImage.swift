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
