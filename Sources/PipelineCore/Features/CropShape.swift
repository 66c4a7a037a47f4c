/// What a crop keeps: a rectangle, or a circle whose outside becomes transparent.
public enum CropShape: Sendable, Hashable {
    case rectangle(width: Int, height: Int)
    case circle(radius: Int)

    /// The size of the box the shape fits in.
    public var box: PixelSize {
        switch self {
        case .rectangle(let width, let height): PixelSize(width: width, height: height)
        case .circle(let radius): PixelSize(width: 2 * radius, height: 2 * radius)
        }
    }
}
