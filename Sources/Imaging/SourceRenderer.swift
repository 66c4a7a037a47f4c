import CVips
import CVipsShim
import PipelineCore

/// Makes every computed leaf of one source's plan: the source is decoded once, upright and
/// shrunk on load to the plan's `decodeSize`, and each output is derived from that shared
/// image at the exact size the plan computed. Images shared by several leaves are computed
/// once into memory; encode-stage choices only change how a leaf is written.
public struct SourceRenderer: Sendable {
    public var output: OutputSettings
    /// Decode damaged data as far as it goes instead of failing with `CORRUPT_IMAGE`.
    public var acceptDamaged: Bool
    /// Lets a watchdog stop the work.
    public var cancellation: RenderCancellation
    /// How many outputs of this source are made at once (on dedicated threads). Use 1 when
    /// several sources are already being worked on at once.
    public var parallelism: Int = 1

    /// The largest side an output may have.
    public static let maximumSide = 16384

    public init(output: OutputSettings, acceptDamaged: Bool = false, cancellation: RenderCancellation = RenderCancellation()) {
        self.output = output
        self.acceptDamaged = acceptDamaged
        self.cancellation = cancellation
    }

    /// Renders `plan` (made for this source's header) from the file at `path`, calling `emit`
    /// with each computed leaf's index and image, in leaf order.
    public func render(path: String, plan: ExecutionPlan, emit: @escaping @Sendable (Int, EncodedImage) throws -> Void) throws {
        try Libvips.start()
        guard plan.source != nil, let decodeSize = plan.decodeSize else {
            throw ImagingError(code: .processingFailed, message: "the plan was made without the source's size; plan with its header")
        }
        let computed = plan.computedLeaves
        for (_, leaf) in computed {
            if let size = leaf.size, size.width > Self.maximumSide || size.height > Self.maximumSide {
                throw ImagingError(code: .outputTooLarge, message: "output \(leaf.labels.joined(separator: "/")) would be \(size) pixels; the largest side allowed is \(Self.maximumSide)")
            }
        }
        var base = try decode(path: path, size: decodeSize)
        if output.colorProfile == .srgb {
            base = try base.derive("converting to sRGB") { ip_to_srgb($0, $1) }
        }
        if computed.count > 1 {
            // The decode is one computation: let libvips spread it over the cores this source
            // has, then give each output thread a single-threaded libvips of its own.
            if parallelism > 1 { Libvips.setConcurrency(parallelism) }
            let lazy = base
            base = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
            if parallelism > 1 { Libvips.setConcurrency(1) }
        } else if parallelism > 1 {
            // One output: decode, resize and encode stream through one pipeline, as
            // vipsthumbnail does, with libvips' threads on every core this source has.
            Libvips.setConcurrency(parallelism)
        }
        let encoder = ImageEncoder(output: output, cancellation: cancellation)
        do {
            try renderNode(base, depth: 0, leaves: computed.map { ($0.index, $0.leaf) }, encoder: encoder,
                           parallel: parallelism > 1, emit: emit)
        } catch let error as ImagingError where computed.count == 1 && error.code == .encodeFailed {
            // Streamed, a damaged source fails while being written: decode it on its own to
            // report it for what it is. (Only on this failure path; a good source never pays.)
            let lazy = base
            _ = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
            throw error
        }
    }

    private func decode(path: String, size: PixelSize) throws(ImagingError) -> VipsImageRef {
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

    /// One piece of work below a node: a leaf written from the node's image, or the subtree of
    /// leaves that share the node's next step.
    private enum Work: Sendable {
        case encode(Int, PlannedLeaf)
        case subtree(PlanStep, [(Int, PlannedLeaf)])
    }

    /// Makes every leaf below `image`. The first node with more than one piece of work spreads
    /// it over `parallelism` threads; below that, work runs in order on its thread. Each leaf's
    /// bytes depend only on its own path from the shared image, never on the timing.
    private func renderNode(_ image: VipsImageRef, depth: Int, leaves: [(Int, PlannedLeaf)],
                            encoder: ImageEncoder, parallel: Bool, emit: @escaping @Sendable (Int, EncodedImage) throws -> Void) throws {
        var work: [Work] = []
        for (index, leaf) in leaves {
            let steps = leaf.pixelSteps
            if steps.count == depth {
                work.append(.encode(index, leaf))
            } else if let position = work.firstIndex(where: { if case .subtree(let step, _) = $0 { step == steps[depth] } else { false } }),
                      case .subtree(let step, let members) = work[position] {
                work[position] = .subtree(step, members + [(index, leaf)])
            } else {
                work.append(.subtree(steps[depth], [(index, leaf)]))
            }
        }
        let run = { (item: Work, parallelBelow: Bool) throws in
            try cancellation.checkForTimeout()
            switch item {
            case .encode(let index, let leaf):
                try emit(index, try encoder.encode(image, leaf.encoding))
            case .subtree(let step, let members):
                var child = try apply(step, to: image)
                if members.count > 1 {
                    let lazy = child
                    child = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
                }
                try renderNode(child, depth: depth + 1, leaves: members, encoder: encoder, parallel: parallelBelow, emit: emit)
            }
        }
        guard parallel, work.count > 1 else {
            for item in work { try run(item, parallel) }
            return
        }
        try ParallelWork.run(count: work.count, threads: parallelism) { index in
            try run(work[index], false)
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
