import PipelineCore

/// How a JPEG decoded turned a quarter (`SourceRenderer.decodeTurned`) is kept in memory for
/// the outputs made from it.
///
/// libvips 8.14 vectorises its vertical Lanczos reduce but not its horizontal one. Outputs that
/// narrow the shared image are therefore made from the turned copy, where narrowing is a
/// vertical reduce (`PixelOperations.resizeTurned`). The upright pixels are kept in memory too
/// only when more than one piece of work reads them; otherwise they are a view that turns the
/// copy back as it is read, which costs one pass, the same as making the copy.
struct SharedImageLayout {
    /// Keep the turned copy for the outputs that narrow the image.
    var turned: Bool
    /// Keep the upright pixels in memory (else they are a view that turns the copy back).
    var upright: Bool

    /// The layout for an image of `size` whose first steps are those of `leaves`.
    /// Distinct next steps are what cost: leaves that share a step share its work. Only 8-bit
    /// images without alpha take the vectorised reduce.
    init(leaves: [(Int, PlannedLeaf)], size: PixelSize, plainEightBit: Bool) {
        var narrowing: Set<PlanStep> = [], reading: Set<PlanStep> = [], encodes = 0
        for (_, leaf) in leaves {
            guard let step = leaf.pixelSteps.first else {
                encodes += 1 // written from this image as it is
                continue
            }
            if Self.narrows(step, size: size) {
                narrowing.insert(step)
            } else {
                reading.insert(step)
            }
        }
        turned = plainEightBit && !narrowing.isEmpty
        upright = !turned || reading.count + encodes >= 2
    }

    /// Whether `step` resizes an image of `size` to a smaller width.
    static func narrows(_ step: PlanStep, size: PixelSize) -> Bool {
        switch step {
        case .resize(let geometry): takesTurned(geometry.resample, from: size)
        case .resizeUnresolved(let resize): takesTurned(ResizeGeometry.resolve(resize, input: size).resample, from: size)
        default: false
        }
    }

    /// Whether a resize of an image of `size` to `target` is made from the turned copy: when it
    /// narrows the image.
    static func takesTurned(_ target: PixelSize, from size: PixelSize) -> Bool {
        target.width < size.width
    }
}
