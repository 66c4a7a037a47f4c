import CVips
import CVipsShim
import PipelineCore

/// Makes every computed leaf of one source's plan: the source is decoded once, upright and
/// shrunk on load to the plan's `decodeSize`, and each output is derived from that shared
/// image at the exact size the plan computed. Images shared by several leaves are computed
/// once into memory; encode-stage choices only change how a leaf is written.
public struct SourceRenderer: Sendable {
    public var output: OutputSettings
    /// The operator's limits that apply while rendering: `acceptDamaged` (decode damaged data
    /// as far as it goes instead of failing with `CORRUPT_IMAGE`) and the kept-animation limits.
    public var policy: SourcePolicy
    /// Lets a watchdog stop the work.
    public var cancellation: RenderCancellation
    /// How many outputs of this source are made at once (on dedicated threads). Use 1 when
    /// several sources are already being worked on at once.
    public var parallelism: Int = 1
    /// The marks watermark features draw (needed only when the plan has one).
    public var assets: WatermarkAssets?
    /// When set, only these computed leaves are made (an on-the-fly rendering asks for one).
    /// The plan, and so the decode size, stays that of the whole configuration, so a leaf made
    /// alone has the bytes it has among all the others.
    public var onlyLeaves: Set<Int>?

    /// Whether plans that `PlanarJPEGRender` takes (JPEG photos resized into JPEGs) are made
    /// from the source's YCbCr planes, as they are by default. Off, they take the general RGB
    /// path: tests and benchmarks compare the two.
    public var decodesPlanes = true

    /// The largest side an output may have.
    public static let maximumSide = 16384

    public init(output: OutputSettings, policy: SourcePolicy = SourcePolicy(), cancellation: RenderCancellation = RenderCancellation()) {
        self.output = output
        self.policy = policy
        self.cancellation = cancellation
    }

    /// The most files one source may give (tiles included).
    public static let maximumFiles = 2000

    /// Renders `plan` (made for `header`) from the file at `path`, calling `emit` with each
    /// computed leaf's files (from several threads when `parallelism` > 1).
    public func render(path: String, header: SourceHeader, plan: ExecutionPlan,
                       emit: @escaping @Sendable (RenderEvent) throws -> Void) throws {
        try Libvips.start()
        guard plan.source != nil, let decodeSize = plan.decodeSize else {
            throw ImagingError(code: .processingFailed, message: "the plan was made without the source's size; plan with its header")
        }
        // A leaf that cannot be made from this source (a crop that leaves nothing) fails on
        // its own; the others are made.
        // Nor can one whose steps would build an image past the source pixel limit: refused
        // before anything is decoded, so a tiny file cannot make gigapixel intermediates.
        var computed: [(index: Int, leaf: PlannedLeaf)] = []
        for (index, leaf) in plan.computedLeaves where onlyLeaves?.contains(index) ?? true {
            if let problem = leaf.problem {
                try emit(.leafFailed(leaf: index, error: ImagingError(code: .operationNotApplicable, message: problem)))
            } else if let largest = leaf.largestImage, largest.pixelCount > policy.maxPixels {
                try emit(.leafFailed(leaf: index, error: ImagingError(code: .outputTooLarge, message: "output \(leaf.labels.joined(separator: "/")) would need an image of \(largest) = \(largest.pixelCount) pixels; the limit is \(policy.maxPixels) (the operator can raise it with --max-pixels)")))
            } else {
                computed.append((index, leaf))
            }
        }
        guard !computed.isEmpty else { return }
        let files = onlyLeaves == nil ? plan.leaves.reduce(0) { $0 + ($1.fileCount ?? 1) } : computed.reduce(0) { $0 + ($1.leaf.fileCount ?? 1) }
        if files > Self.maximumFiles {
            throw ImagingError(code: .outputTooLarge, message: "the plan would write \(files) files for this source (tiles included); at most \(Self.maximumFiles) are allowed, so cut fewer, larger tiles")
        }
        for (_, leaf) in computed {
            if let size = leaf.size, size.width > Self.maximumSide || size.height > Self.maximumSide {
                throw ImagingError(code: .outputTooLarge, message: "output \(leaf.labels.joined(separator: "/")) would be \(size) pixels; the largest side allowed is \(Self.maximumSide)")
            }
        }
        let frameCount = header.frames
        let animated = output.animation == .keep && frameCount > 1
        if animated {
            if frameCount > policy.maxKeptAnimationFrames {
                throw ImagingError(code: .sourceTooLarge, message: "keeping its animation means working on \(frameCount) frames; the limit is \(policy.maxKeptAnimationFrames) (use \"animation\": \"firstFrame\")")
            }
            let total = frameCount.multipliedReportingOverflow(by: decodeSize.pixelCount)
            if total.overflow || total.partialValue > policy.maxKeptAnimationPixels {
                throw ImagingError(code: .sourceTooLarge, message: "keeping its animation means decoding \(frameCount) frames at \(decodeSize) = \(total.overflow ? "too many" : String(total.partialValue)) pixels; the limit is \(policy.maxKeptAnimationPixels) (use \"animation\": \"firstFrame\", or smaller outputs)")
            }
        }
        if decodesPlanes, PlanarJPEGRender.applies(to: plan, header: header, output: output) {
            let planar = PlanarJPEGRender(output: output, cancellation: cancellation, parallelism: parallelism)
            if try planar.render(path: path, header: header, plan: plan, decodeSize: decodeSize, leaves: computed, emit: emit) {
                return
            }
        }
        // A lone leaf streams from the decoder unless it reads rows out of order or is encoded
        // several times (a maxBytes search).
        let streams = computed.count == 1 && computed[0].leaf.pixelSteps.allSatisfy(\.readsInOrder)
            && computed[0].leaf.encoding.maxBytes == nil && !animated
        // The decode is one computation: libvips spreads it over the cores this source has. A
        // lone output streams decode, resize and encode through that one pipeline, as
        // vipsthumbnail does; otherwise the decoded image is computed into memory and, when
        // there are several outputs, each output thread gets a single-threaded libvips of its
        // own (a lone output that cannot stream keeps the cores). The number of threads is set
        // on the image, not process-wide: a server renders several sources at once, and one
        // render's choice must not change another's.
        var base = try decode(path: path, header: header, size: decodeSize, allFrames: animated)
        base = try base.derive("choosing its threads") { ip_with_threads($0, Int32(parallelism), $1) }
        if output.colorProfile == .srgb {
            var ignored: Int32 = 0
            base = try base.derive("converting to sRGB") { ip_to_srgb($0, $1, &ignored) }
            if ignored != 0 {
                try emit(.warning(ImagingWarning(code: .iccProfileIgnored, message: "its embedded ICC profile cannot be read or does not fit the image; it was ignored and the colours taken as sRGB (CMYK through a default CMYK profile), as browsers do")))
            }
        }
        if !streams {
            let lazy = base
            base = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
            // An alpha band that is opaque everywhere carries nothing, and images with alpha are
            // resampled premultiplied in floating point: drop it (a GIF that declares a
            // transparent colour decodes with one even when no pixel uses it). Checking needs a
            // pass over the pixels, so a lone streamed output keeps it.
            base = try base.derive("checking the alpha band") { ip_drop_opaque_alpha($0, $1) }
            if parallelism > 1, computed.count > 1 {
                base = try base.derive("giving each output one thread") { ip_with_threads($0, 1, $1) }
            }
        }
        var encoder = ImageEncoder(output: output, cancellation: cancellation)
        encoder.ditherPalette = header.format != .gif
        let operations = PixelOperations(output: output, assets: assets)
        var start = TileImage(suffix: "", image: base)
        if animated {
            start = try frames(of: base, size: decodeSize)
            encoder.timing = AnimationTiming(of: base)
        }
        do {
            try renderNode([start], depth: 0, leaves: computed.map { ($0.index, $0.leaf) }, encoder: encoder,
                           operations: operations, parallel: parallelism > 1, emit: emit)
        } catch let error as ImagingError where streams && error.code == .encodeFailed {
            // Streamed, a damaged source fails while being written: decode it on its own to
            // report it for what it is. (Only on this failure path; a good source never pays.)
            let lazy = base
            _ = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
            throw error
        }
    }

    /// Decodes the source upright at `size`; with `allFrames`, every frame of an animation at
    /// that size, stacked. A JPEG is decoded with libjpeg's DCT scaling at the smallest scale
    /// still at least `size` (or in full), resized from there with Lanczos (`ip_resize`, whose
    /// horizontal reduce is the engine's own vectorised one) and turned upright. libvips'
    /// thumbnail, used for everything else, keeps a factor of 2 for its final resize, so it
    /// often decodes at full size (20 MP for a 2000 px intermediate of a 6028 px photo, reduced
    /// by 3); a 1/2 decode reduced by 1.5 is what sharp does by default ("fastShrinkOnLoad").
    private func decode(path: String, header: SourceHeader, size: PixelSize, allFrames: Bool) throws(ImagingError) -> VipsImageRef {
        var out: UnsafeMutablePointer<VipsImage>?
        try cancellation.checkForTimeout()
        let failOn: Int32 = policy.acceptDamaged ? 0 : 3
        // Orientations 5–8 are stored lying on their side.
        let lying = (5...8).contains(header.orientation)
        let stored = lying ? PixelSize(width: size.height, height: size.width) : size
        let storedSource = lying ? PixelSize(width: header.size.height, height: header.size.width) : header.size
        if !allFrames, header.format == .jpeg {
            guard ip_jpeg_load(path, Int32(Self.jpegShrink(stored: storedSource, target: stored)), failOn, &out) == 0, let out else {
                throw ImagingError(code: .corruptImage, message: "decoding failed: \(Libvips.takeErrorMessage(source: path))")
            }
            var image = VipsImageRef(out, source: path)
            if image.size != stored { image = try PixelOperations.resampled(image, to: stored, "resizing the decoded image to \(stored)") }
            if (2...8).contains(header.orientation) {
                // Turning reads rows out of order: from memory, not from the decoder.
                let lazy = image
                image = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
                image = try image.derive("turning the image upright") { ip_autorot($0, $1) }
            }
            return image
        }
        let status = allFrames
            ? ip_thumbnail_frames(path, Int32(size.width), Int32(size.height), failOn, &out)
            : header.page > 0
            ? ip_thumbnail_page(path, Int32(header.page), Int32(size.width), Int32(size.height), failOn, &out)
            : ip_thumbnail(path, Int32(size.width), Int32(size.height), failOn, &out)
        guard status == 0, let out else {
            throw ImagingError(code: .corruptImage, message: "decoding failed: \(Libvips.takeErrorMessage(source: path))")
        }
        var image = VipsImageRef(out, source: path)
        if !allFrames, image.size != size {
            // Never seen, but an output of the wrong size must not pass silently.
            image = try PixelOperations.exact(image, size)
        }
        return image
    }

    /// libjpeg's largest DCT scale-down (8, 4 or 2) that leaves a JPEG stored at `stored` still
    /// at least `target` on both sides; 1 (a full decode) when none does.
    static func jpegShrink(stored: PixelSize, target: PixelSize) -> Int {
        [8, 4, 2].first { stored.width / $0 >= target.width && stored.height / $0 >= target.height } ?? 1
    }

    /// The frames of a decoded animation (materialized), each cut out of the stack and of
    /// exactly `size`.
    private func frames(of stack: VipsImageRef, size: PixelSize) throws(ImagingError) -> TileImage {
        let height = Int(ip_page_height(stack.pointer))
        let count = height > 0 ? stack.size.height / height : 0
        guard count >= 1, count * height == stack.size.height else {
            throw ImagingError(code: .corruptImage, message: "the animation's frames do not stack evenly (\(stack.size) with frames \(height) high)")
        }
        var frames: [VipsImageRef] = []
        for index in 0..<count {
            var frame = try stack.derive("taking frame \(index + 1)") {
                ip_crop($0, 0, Int32(index * height), Int32(stack.size.width), Int32(height), $1)
            }
            if frame.size != size { frame = try PixelOperations.exact(frame, size) }
            // A copy of its own: a thousand views of one image make libvips' bookkeeping of
            // who depends on whom (lists searched on every new link) grow with the square.
            frames.append(try frame.materialized())
        }
        return TileImage(suffix: "", frames: frames)
    }

    /// One piece of work below a node: a leaf written from the node's image, or the subtree of
    /// leaves that share the node's next step.
    private enum Work: Sendable {
        case encode(Int, PlannedLeaf)
        case subtree(PlanStep, [(Int, PlannedLeaf)])

        /// Output pixels below this piece of work: an estimate of its cost.
        var pixels: Int {
            switch self {
            case .encode(_, let leaf): leaf.size?.pixelCount ?? 0
            case .subtree(_, let members): members.reduce(0) { $0 + ($1.1.size?.pixelCount ?? 0) }
            }
        }
    }

    /// Makes every leaf below `images` (one image, or the tiles of one). The first node with
    /// more than one piece of work spreads it over `parallelism` threads; below that, work runs
    /// in order on its thread. Each leaf's bytes depend only on its own path from the shared
    /// image, never on the timing.
    private func renderNode(_ images: [TileImage], depth: Int, leaves: [(Int, PlannedLeaf)], encoder: ImageEncoder,
                            operations: PixelOperations, parallel: Bool, emit: @escaping @Sendable (RenderEvent) throws -> Void) throws {
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
                do {
                    for tile in images {
                        try emit(.file(leaf: index, suffix: tile.suffix, image: try encoder.encode(tile, leaf.encoding)))
                    }
                } catch let error as ImagingError where error.code == .outputOverMaxBytes {
                    try emit(.leafFailed(leaf: index, error: error))
                }
            case .subtree(let step, let members):
                var children: [TileImage] = []
                for image in images { children += try operations.apply(step, to: image) }
                if members.count > 1 {
                    children = try children.map { child throws -> TileImage in
                        TileImage(suffix: child.suffix, frames: try child.frames.map { lazy throws -> VipsImageRef in
                            try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
                        })
                    }
                }
                try renderNode(children, depth: depth + 1, leaves: members, encoder: encoder, operations: operations,
                               parallel: parallelBelow, emit: emit)
            }
        }
        guard parallel, work.count > 1 else {
            for item in work { try run(item, parallel) }
            return
        }
        // The most pixels first, so the threads finish together instead of one of them being
        // left alone with the largest output at the end.
        let ordered = work.sorted { $0.pixels > $1.pixels }
        try ParallelWork.run(count: ordered.count, threads: parallelism) { index in
            try run(ordered[index], false)
        }
    }
}
