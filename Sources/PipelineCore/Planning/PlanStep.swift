/// One step of a leaf's recipe, in planned order. Steps carry no output names, so leaves that
/// do the same work compare equal.
public enum PlanStep: Sendable, Hashable {
    /// A resize whose numbers are known (the size of the image it applies to was known).
    case resize(ResizeGeometry)
    /// A resize resolved when it runs: the planner was not told the size (or it applies to
    /// tiles of different sizes).
    case resizeUnresolved(ResizeOutput)
    case crop(CropOutput)
    case rotate(RotateOutput)
    case watermark(WatermarkOutput)
    /// Cuts the image into tiles; the steps after it apply to every tile.
    case tiles(TileOutput)
    case grayscale
    case blur(BlurOutput)
    case sharpen(SharpenOutput)
    /// Encode-stage choices: applied when the leaf is written, not as extra pixel work.
    case compress(CompressSetting)
    case convert(ImageFormat)

    /// Whether the step changes pixels (the others only choose how the leaf is encoded).
    public var isPixelWork: Bool {
        switch self {
        case .compress, .convert: false
        default: true
        }
    }

    /// Whether the step reads its input from top to bottom once, so it can run on a decode
    /// that streams (libvips' sequential access). Turns, vertical flips and tiles read rows out
    /// of order or more than once; a smart crop reads the whole image to choose its window and
    /// then the window again.
    public var readsInOrder: Bool {
        switch self {
        case .rotate, .tiles: false
        case .resize(let geometry):
            if case .smart = geometry.crop { false } else { true }
        case .resizeUnresolved(let output):
            !(output.fit == .cover && output.gravity.isSmart)
        case .crop(let crop):
            !crop.gravity.isSmart
        default: true
        }
    }

    /// Whether the step treats every pixel on its own, so that shrinking the image first
    /// (shrink-on-load) does not change what it does.
    var isPointwise: Bool {
        if case .grayscale = self { return true }
        return false
    }
}
