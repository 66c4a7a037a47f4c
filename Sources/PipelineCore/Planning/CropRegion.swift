/// The part of a resampled image a `cover` resize keeps.
public enum CropRegion: Sendable, Hashable {
    /// A rectangle known in advance (compass gravity).
    case fixed(x: Int, y: Int, width: Int, height: Int)
    /// A rectangle of this size chosen at run time by looking at the pixels.
    case smart(Gravity, width: Int, height: Int)

    /// The size kept.
    public var size: PixelSize {
        switch self {
        case .fixed(_, _, let width, let height), .smart(_, let width, let height):
            PixelSize(width: width, height: height)
        }
    }
}
