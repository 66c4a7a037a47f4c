/// Which pairs of features the planner may swap: only those whose swap gives the same files
/// (SPEC §3). Measured with libvips 8.14 on photos (see `FeatureCommutationTests`):
///
/// - `compress` and `convert` only choose how a leaf is written: they commute with everything
///   and the bytes are identical.
/// - `grayscale` treats each pixel on its own, so it commutes exactly with features that only
///   move pixels (`crop` with compass gravity, `rotate`, `slice`, `grid`), and within rounding
///   (at most 6 levels of 255 on a pixel, measured up to 5; under 0.3 on average) with `resize`
///   and `blur`, which are linear. Lossy encoders may turn such a difference into a larger one. It does not commute with a `watermark` (the mark would turn gray or not), with a
///   crop or resize whose smart gravity looks at colour, with a `contain` resize padding with a
///   colour that is not gray, or with `sharpen` (up to 20 levels apart).
/// - Two blurs commute (Gaussians add), within rounding.
/// - Everything else keeps its declared relative order: every pair of geometric features, and
///   `blur`/`sharpen` with any geometric feature or with each other (up to 7 levels apart).
public enum FeatureCommutation {
    public static func commute(_ a: Feature, _ b: Feature, output: OutputSettings) -> Bool {
        if a.type.isEncodeStage || b.type.isEncodeStage { return true }
        switch (a.type, b.type) {
        case (.grayscale, .grayscale), (.blur, .blur), (.grayscale, .blur), (.blur, .grayscale):
            return true
        case (.grayscale, _):
            return grayscaleCommutes(with: b, output: output)
        case (_, .grayscale):
            return grayscaleCommutes(with: a, output: output)
        default:
            return false
        }
    }

    private static func grayscaleCommutes(with feature: Feature, output: OutputSettings) -> Bool {
        let background = output.background
        let grayBackground = background.red == background.green && background.green == background.blue
        switch feature.kind {
        case .rotate, .tiles:
            return true
        case .crop(let outputs):
            return outputs.allSatisfy { !$0.gravity.isSmart }
        case .resize(let outputs):
            return outputs.allSatisfy { output in
                let smart = output.fit == .cover && output.gravity.isSmart
                let coloured = output.fit == .contain && !grayBackground
                return !smart && !coloured
            }
        default:
            return false
        }
    }
}
