/// Exactly what one resize does to an image of known size: every number is computed here,
/// from the size before the resize, so outputs have exact sizes and nothing drifts.
public struct ResizeGeometry: Sendable, Hashable {
    /// The size before the resize.
    public var input: PixelSize
    /// The size after resampling (equal to `input` when no resampling happens).
    public var resample: PixelSize
    public var crop: CropRegion?
    public var embed: CanvasPlacement?

    /// The size after the resize.
    public var output: PixelSize {
        if let embed { return embed.canvas }
        if let crop { return crop.size }
        return resample
    }

    /// True when the resize leaves the image as it is (e.g. `downOnly` on a smaller source).
    public var isIdentity: Bool { resample == input && crop == nil && embed == nil }

    static func identity(_ size: PixelSize) -> ResizeGeometry {
        ResizeGeometry(input: size, resample: size, crop: nil, embed: nil)
    }

    /// The same resize with a smart crop replaced by a centred one (for animations, whose
    /// frames must all be cropped alike).
    public var centred: ResizeGeometry {
        guard case .smart(_, let width, let height) = crop else { return self }
        var geometry = self
        geometry.crop = .fixed(x: (resample.width - width) / 2, y: (resample.height - height) / 2, width: width, height: height)
        return geometry
    }

    /// Resolves `output` against an image of size `input`.
    public static func resolve(_ output: ResizeOutput, input: PixelSize) -> ResizeGeometry {
        switch output.target {
        case .percent(let percent):
            let resample = PixelSize(width: scaled(input.width, percent / 100), height: scaled(input.height, percent / 100))
            return ResizeGeometry(input: input, resample: resample, crop: nil, embed: nil)
        case .template(let template):
            return resolveBox(width: template.width, height: template.height, output: output, input: input)
        case .box(let width, let height):
            return resolveBox(width: width, height: height, output: output, input: input)
        }
    }

    private static func resolveBox(width: Int?, height: Int?, output: ResizeOutput, input: PixelSize) -> ResizeGeometry {
        let W = input.width, H = input.height
        guard let width, let height else {
            // One side given: keep the aspect ratio; fit does not matter.
            let resample = width.map { PixelSize(width: $0, height: proportional(H, $0, W)) }
                ?? PixelSize(width: proportional(W, height ?? H, H), height: height ?? H)
            let grows = resample.width > W || resample.height > H
            return allowed(grows: grows, shrinks: resample.width < W || resample.height < H, output.scaling)
                ? ResizeGeometry(input: input, resample: resample, crop: nil, embed: nil) : .identity(input)
        }
        // Which side limits: width when width/W <= height/H.
        let widthLimits = width * H <= height * W
        let inside = widthLimits
            ? PixelSize(width: width, height: proportional(H, width, W))
            : PixelSize(width: proportional(W, height, H), height: height)
        let outside = widthLimits
            ? PixelSize(width: proportional(W, height, H), height: height)
            : PixelSize(width: width, height: proportional(H, width, W))
        switch output.fit {
        case .inside, .outside, .contain:
            let resample = output.fit == .outside ? outside : inside
            guard allowed(grows: resample.width > W, shrinks: resample.width < W, output.scaling) else { return .identity(input) }
            var geometry = ResizeGeometry(input: input, resample: resample, crop: nil, embed: nil)
            if output.fit == .contain, resample != PixelSize(width: width, height: height) {
                let (x, y) = offsets(free: PixelSize(width: width - resample.width, height: height - resample.height), output.gravity)
                geometry.embed = CanvasPlacement(canvas: PixelSize(width: width, height: height), x: x, y: y)
            }
            return geometry
        case .fill:
            let target = PixelSize(width: width, height: height)
            let grows = width > W || height > H, shrinks = width < W || height < H
            return allowed(grows: grows, shrinks: shrinks, output.scaling)
                ? ResizeGeometry(input: input, resample: target, crop: nil, embed: nil) : .identity(input)
        case .cover:
            // When scaling forbids the resample, cover still crops to at most the box.
            let resample = allowed(grows: outside.width > W, shrinks: outside.width < W, output.scaling) ? outside : input
            let kept = PixelSize(width: min(width, resample.width), height: min(height, resample.height))
            var geometry = ResizeGeometry(input: input, resample: resample, crop: nil, embed: nil)
            if kept != resample {
                if output.gravity.isSmart {
                    geometry.crop = .smart(output.gravity, width: kept.width, height: kept.height)
                } else {
                    let (x, y) = offsets(free: PixelSize(width: resample.width - kept.width, height: resample.height - kept.height), output.gravity)
                    geometry.crop = .fixed(x: x, y: y, width: kept.width, height: kept.height)
                }
            }
            return geometry
        }
    }

    private static func allowed(grows: Bool, shrinks: Bool, _ scaling: Scaling) -> Bool {
        switch scaling {
        case .both: true
        case .downOnly: !grows
        case .upOnly: !shrinks
        }
    }

    /// `length × numerator / denominator`, rounded, at least 1.
    static func proportional(_ length: Int, _ numerator: Int, _ denominator: Int) -> Int {
        max(1, Int((Double(length) * Double(numerator) / Double(denominator)).rounded()))
    }

    static func scaled(_ length: Int, _ factor: Double) -> Int {
        max(1, Int((Double(length) * factor).rounded()))
    }

    /// Where a box with `free` spare pixels on each axis sits for a compass gravity.
    static func offsets(free: PixelSize, _ gravity: Gravity) -> (Int, Int) {
        CropPlacement.offsets(free: free, gravity)
    }
}
