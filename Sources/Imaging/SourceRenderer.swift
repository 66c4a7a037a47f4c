import CVips
import CVipsShim
import PipelineCore

/// Makes every computed leaf of one source's plan: the source is decoded once, upright and
/// shrunk on load to the plan's `decodeSize`, and each output is derived from that shared
/// image at the exact size the plan computed. Images shared by several leaves are computed
/// once into memory; encode-stage choices only change how a leaf is written.
public struct SourceRenderer {
    public var output: OutputSettings
    /// Decode damaged data as far as it goes instead of failing with `CORRUPT_IMAGE`.
    public var acceptDamaged: Bool
    /// Lets a watchdog stop the work.
    public var cancellation: RenderCancellation

    /// The largest side an output may have.
    public static let maximumSide = 16384

    public init(output: OutputSettings, acceptDamaged: Bool = false, cancellation: RenderCancellation = RenderCancellation()) {
        self.output = output
        self.acceptDamaged = acceptDamaged
        self.cancellation = cancellation
    }

    /// Renders `plan` (made for this source's header) from the file at `path`, calling `emit`
    /// with each computed leaf's index and image, in leaf order.
    public func render(path: String, plan: ExecutionPlan, emit: (Int, EncodedImage) throws -> Void) throws {
        try Libvips.start()
        guard let source = plan.source, let decodeSize = plan.decodeSize else {
            throw ImagingError(code: .processingFailed, message: "the plan was made without the source's size; plan with its header")
        }
        let computed = plan.computedLeaves
        for (_, leaf) in computed {
            if let size = leaf.size, size.width > Self.maximumSide || size.height > Self.maximumSide {
                throw ImagingError(code: .outputTooLarge, message: "output \(leaf.labels.joined(separator: "/")) would be \(size) pixels; the largest side allowed is \(Self.maximumSide)")
            }
        }
        var base = try decode(path: path, size: decodeSize, sourceSize: source.size)
        if output.colorProfile == .srgb {
            base = try base.derive("converting to sRGB") { ip_to_srgb($0, $1) }
        }
        let lazy = base
        base = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
        let encoder = ImageEncoder(output: output, cancellation: cancellation)
        try renderNode(base, depth: 0, leaves: computed.map { ($0.index, $0.leaf) }, encoder: encoder, emit: emit)
    }

    private func decode(path: String, size: PixelSize, sourceSize: PixelSize) throws(ImagingError) -> VipsImageRef {
        var out: UnsafeMutablePointer<VipsImage>?
        try cancellation.checkForTimeout()
        let failOn: Int32 = acceptDamaged ? 0 : 3
        guard ip_thumbnail(path, Int32(size.width), Int32(size.height), failOn, &out) == 0, let out else {
            throw ImagingError(code: .corruptImage, message: "decoding failed: \(Libvips.takeErrorMessage())")
        }
        var image = VipsImageRef(out)
        if image.size != size {
            // Never seen, but an output of the wrong size must not pass silently.
            image = try Self.exact(image, size)
        }
        return image
    }

    private func renderNode(_ image: VipsImageRef, depth: Int, leaves: [(Int, PlannedLeaf)],
                            encoder: ImageEncoder, emit: (Int, EncodedImage) throws -> Void) throws {
        var groups: [(step: PlanStep, members: [(Int, PlannedLeaf)])] = []
        for (index, leaf) in leaves {
            let steps = leaf.pixelSteps
            if steps.count == depth {
                try emit(index, try encoder.encode(image, leaf.encoding))
            } else if let position = groups.firstIndex(where: { $0.step == steps[depth] }) {
                groups[position].members.append((index, leaf))
            } else {
                groups.append((steps[depth], [(index, leaf)]))
            }
        }
        for group in groups {
            try cancellation.checkForTimeout()
            var child = try apply(group.step, to: image)
            if group.members.count > 1 {
                let lazy = child
                child = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
            }
            try renderNode(child, depth: depth + 1, leaves: group.members, encoder: encoder, emit: emit)
        }
    }

    private func apply(_ step: PlanStep, to image: VipsImageRef) throws(ImagingError) -> VipsImageRef {
        switch step {
        case .resize(let geometry):
            return try resize(image, geometry)
        case .grayscale:
            return try image.derive("grayscale") { ip_grayscale($0, $1) }
        case .resizeUnresolved, .compress, .convert:
            throw ImagingError(code: .processingFailed, message: "step \(step) cannot be applied to pixels")
        }
    }

    private func resize(_ image: VipsImageRef, _ geometry: ResizeGeometry) throws(ImagingError) -> VipsImageRef {
        if geometry.isIdentity { return image }
        var result = image
        let current = image.size
        if current != geometry.resample {
            let target = geometry.resample
            let hscale = Double(target.width) / Double(current.width)
            let vscale = Double(target.height) / Double(current.height)
            result = try result.derive("resizing to \(target)") { ip_resize($0, hscale, vscale, $1) }
            if result.size != target { result = try Self.exact(result, target) }
        }
        switch geometry.crop {
        case .fixed(let x, let y, let width, let height):
            result = try result.derive("cropping") { ip_crop($0, Int32(x), Int32(y), Int32(width), Int32(height), $1) }
        case .smart(let gravity, let width, let height):
            let strategy: Int32 = gravity == .entropy ? 1 : 0
            result = try result.derive("smart cropping") { ip_smartcrop($0, Int32(width), Int32(height), strategy, $1) }
        case nil:
            break
        }
        if let embed = geometry.embed {
            let bg = output.background
            result = try result.derive("padding") {
                ip_embed($0, Int32(embed.x), Int32(embed.y), Int32(embed.canvas.width), Int32(embed.canvas.height),
                         Int32(bg.red), Int32(bg.green), Int32(bg.blue), $1)
            }
        }
        return result
    }

    /// Corrects a one-pixel rounding difference by cropping or edge-extending, so every
    /// output has exactly the computed size.
    static func exact(_ image: VipsImageRef, _ size: PixelSize) throws(ImagingError) -> VipsImageRef {
        let current = image.size
        guard abs(current.width - size.width) <= 2, abs(current.height - size.height) <= 2 else {
            throw ImagingError(code: .processingFailed, message: "libvips made \(current) where \(size) was computed")
        }
        var result = image
        if current.width > size.width || current.height > size.height {
            let width = min(current.width, size.width), height = min(current.height, size.height)
            result = try result.derive("trimming") { ip_crop($0, 0, 0, Int32(width), Int32(height), $1) }
        }
        if result.size != size {
            result = try result.derive("extending") { ip_embed($0, 0, 0, Int32(size.width), Int32(size.height), 0, 0, 0, $1) }
        }
        return result
    }
}
