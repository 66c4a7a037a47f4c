/// One step of a leaf's recipe, in planned order.
public enum PlanStep: Sendable, Hashable {
    /// A resize whose numbers are known (the source's size was given to the planner).
    case resize(ResizeGeometry)
    /// A resize of a source whose size the planner was not told.
    case resizeUnresolved(ResizeOutput)
    case grayscale
    /// Encode-stage choices: applied when the leaf is written, not as extra pixel work.
    case compress(CompressSetting)
    case convert(ImageFormat)

    /// Whether the step changes pixels (the others only choose how the leaf is encoded).
    public var isPixelWork: Bool {
        switch self {
        case .resize, .resizeUnresolved, .grayscale: true
        case .compress, .convert: false
        }
    }
}
