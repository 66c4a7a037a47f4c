import CVips
import CVipsShim
import PipelineCore

/// The engine's path for the commonest job, JPEG photos resized into JPEGs: the source is
/// decoded to its YCbCr planes (luma, and chroma at its own resolution), each plane is resized
/// on its own and the outputs are written from planes, so no pixel is converted to RGB and back
/// and the resizes work on 1.5 samples a pixel (4:2:0) instead of 3 (`jpegplanes.c`).
///
/// It applies to a whole plan or not at all, decided from the plan, the source's header and
/// the output settings alone, so a leaf rendered on its own (a rendering URL) has the bytes it
/// has in the ZIP: every computed leaf must be a plain resize (no crop, no padding) or none,
/// written as a JPEG without metadata and without `maxBytes`; the source a still JPEG that needs
/// no turning, whose planes fit `maximumPlaneBytes`, and not a lone output at full DCT scale. The
/// decoder may still decline the file (not 8-bit YCbCr, an ICC profile, damage); the general
/// path then renders it as before.
struct PlanarJPEGRender {
    var output: OutputSettings
    var cancellation: RenderCancellation
    var parallelism: Int

    /// The most memory the decoded planes may take, counted at 3 bytes a pixel (4:4:4) at the
    /// DCT scale. The planes are decoded whole, where the general path streams a lone output
    /// from its decoder: a full-size recompression of a 24 MP photo (72 MB) goes that way.
    static let maximumPlaneBytes = 48 << 20

    /// Whether every leaf of `plan` can be made from the planes of a source with `header`.
    static func applies(to plan: ExecutionPlan, header: SourceHeader, output: OutputSettings) -> Bool {
        guard header.format == .jpeg, header.orientation == 1, header.frames == 1, header.page == 0,
              output.metadata == .strip, let decodeSize = plan.decodeSize else { return false }
        let shrink = SourceRenderer.jpegShrink(stored: header.size, target: decodeSize)
        let scaled = ((header.size.width + shrink - 1) / shrink).multipliedReportingOverflow(by: (header.size.height + shrink - 1) / shrink)
        guard !scaled.overflow, scaled.partialValue <= maximumPlaneBytes / 3 else { return false }
        // A lone output decoded at full scale (a recompression, a slight resize): the general
        // path streams it, decoding and encoding side by side on two cores, where the planes
        // are decoded whole first (recompressing a 7–11 MP photo took 1.2× as long).
        if shrink == 1, plan.computedLeaves.count == 1 { return false }
        return plan.computedLeaves.allSatisfy { _, leaf in
            guard leaf.encoding.format == .jpeg, leaf.encoding.maxBytes == nil else { return false }
            let steps = leaf.pixelSteps
            if steps.isEmpty { return true }
            guard steps.count == 1, case .resize(let geometry) = steps[0] else { return false }
            return geometry.crop == nil && geometry.embed == nil
        }
    }

    /// The quality a leaf is written at.
    static func quality(of leaf: PlannedLeaf, _ output: OutputSettings) -> Int {
        leaf.encoding.lossless ? 100 : leaf.encoding.quality ?? output.quality(for: .jpeg)
    }

    /// Renders `leaves` (some or all of `plan`'s) from the planes decoded at the plan's decode
    /// size. False when the decoder declined the file (nothing was emitted): render it the
    /// general way.
    func render(path: String, header: SourceHeader, plan: ExecutionPlan, decodeSize: PixelSize,
                leaves: [(index: Int, leaf: PlannedLeaf)], emit: @escaping @Sendable (RenderEvent) throws -> Void) throws -> Bool {
        // When every output of the plan is 4:2:0, a 4:4:4 file's chroma is read at half the
        // luma's resolution (folded by 2 × 2 means, as the general path's writer averages it)
        // and the shared chroma is made at half the decode size; otherwise it keeps the source's
        // subsampling. Decided on the whole plan, so a leaf made alone has the same bytes.
        let halveChroma = plan.computedLeaves.allSatisfy { Self.quality(of: $0.leaf, output) < 90 }
        var base: Planes
        do {
            // The decoded planes are dropped once the shared ones are computed from them.
            guard let decoded = try decode(path: path, header: header, decodeSize: decodeSize, halveChroma: halveChroma) else { return false }
            base = try decoded.resized(to: decodeSize, subsampling: halveChroma ? (2, 2) : decoded.subsampling)
        }
        for (keyPath, what) in [(\Planes.luma, "luma"), (\Planes.chroma, "chroma")] {
            let threaded = try base[keyPath: keyPath].derive("choosing the \(what)'s threads") { ip_with_threads($0, Int32(parallelism), $1) }
            let computed = try cancellation.computing(threaded) { () throws(ImagingError) in try threaded.materialized() }
            base[keyPath: keyPath] = leaves.count > 1 && parallelism > 1
                ? try computed.derive("giving each output one thread") { ip_with_threads($0, 1, $1) } : computed
        }
        let shared = base
        let make = { (index: Int, leaf: PlannedLeaf) throws in
            try cancellation.checkForTimeout()
            let quality = Self.quality(of: leaf, output)
            // 4:2:0 below quality 90 and 4:4:4 from 90, as ip_save_jpeg chooses.
            let planes = try shared.resized(to: leaf.size ?? decodeSize, subsampling: quality < 90 ? (2, 2) : (1, 1))
            try emit(.file(leaf: index, suffix: "", image: try write(luma: planes.luma, chroma: planes.chroma, quality: quality)))
        }
        guard parallelism > 1, leaves.count > 1 else {
            for (index, leaf) in leaves { try make(index, leaf) }
            return true
        }
        // The most pixels first: ParallelWork's first thread takes them from the top, the others
        // from the bottom, so the threads finish together and the largest are not made side by side.
        let ordered = leaves.sorted { ($0.leaf.size?.pixelCount ?? 0) > ($1.leaf.size?.pixelCount ?? 0) }
        try ParallelWork.run(count: ordered.count, threads: parallelism, fromBothEnds: true) { item in
            try make(ordered[item].index, ordered[item].leaf)
        }
        return true
    }

    /// A JPEG's planes: the luma, and the chroma (Cb, Cr) subsampled by 1 or 2 on each axis,
    /// its last sample standing for half a sample where the luma's size is odd.
    struct Planes {
        var luma: VipsImageRef
        var chroma: VipsImageRef
        var subsampling: (x: Int, y: Int)

        /// The planes with the luma at `size` and the chroma subsampled by `target`. Both planes
        /// are resampled by the same factor of the picture's extent, so a chroma sample's centre
        /// stays where the luma pixels it covers are (chroma sited at their centre, as JPEG's).
        func resized(to size: PixelSize, subsampling target: (x: Int, y: Int)) throws(ImagingError) -> Planes {
            var luma = self.luma
            let current = luma.size
            if current != size { luma = try PixelOperations.resampled(luma, to: size, "resizing the luma to \(size)") }
            let chromaSize = PixelSize(width: (size.width + target.x - 1) / target.x, height: (size.height + target.y - 1) / target.y)
            let xfactor = Double(current.width) / Double(subsampling.x) / (Double(size.width) / Double(target.x))
            let yfactor = Double(current.height) / Double(subsampling.y) / (Double(size.height) / Double(target.y))
            var chroma = self.chroma
            if chroma.size != chromaSize || xfactor != 1 || yfactor != 1 {
                chroma = try chroma.derive("resizing the chroma to \(chromaSize)") {
                    ip_resize_plane($0, Int32(chromaSize.width), Int32(chromaSize.height), xfactor, yfactor, $1)
                }
            }
            return Planes(luma: luma, chroma: chroma, subsampling: target)
        }
    }

    /// The planes as the file stores them (a 4:4:4 file's chroma halved when every output is
    /// 4:2:0), at libjpeg's DCT scale for the plan's decode size; nil when the decoder declines
    /// the file.
    private func decode(path: String, header: SourceHeader, decodeSize: PixelSize, halveChroma: Bool) throws(ImagingError) -> Planes? {
        guard let pointer = vips_image_new() else {
            throw ImagingError(code: .processingFailed, message: "libvips could not make an image")
        }
        // Registered for the watchdog: the decoder stops when it is killed.
        let token = VipsImageRef(pointer, source: path)
        let shrink = Int32(SourceRenderer.jpegShrink(stored: header.size, target: decodeSize))
        var luma: UnsafeMutablePointer<VipsImage>?, chroma: UnsafeMutablePointer<VipsImage>?
        let status = try cancellation.computing(token) { () throws(ImagingError) -> Int32 in
            let status = ip_jpeg_planes_load(path, shrink, halveChroma ? 1 : 0, token.pointer, &luma, &chroma)
            if status < 0 { throw ImagingError(code: .processingFailed, message: Libvips.takeErrorMessage(source: path)) }
            return status
        }
        guard status == 0, let luma, let chroma else { return nil }
        let y = VipsImageRef(luma, source: path), c = VipsImageRef(chroma, source: path)
        return Planes(luma: y, chroma: c, subsampling: (c.size.width < y.size.width ? 2 : 1, c.size.height < y.size.height ? 2 : 1))
    }

    private func write(luma: VipsImageRef, chroma: VipsImageRef, quality: Int) throws(ImagingError) -> EncodedImage {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status = try cancellation.computing(luma) { () -> Int32 in
            ip_jpeg_planes_save(luma.pointer, chroma.pointer, Int32(quality), &buffer, &length)
        }
        try cancellation.checkForTimeout()
        guard status == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "writing jpeg failed: \(Libvips.takeErrorMessage(source: luma.source))")
        }
        defer { g_free(buffer) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        return EncodedImage(bytes: bytes, size: luma.size, format: .jpeg, sha256: ContentDigest.sha256(bytes))
    }
}
