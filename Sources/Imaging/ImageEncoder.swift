import CVips
import CVipsShim
import PipelineCore

/// Writes an image in a leaf's format with the configuration's output settings.
struct ImageEncoder {
    var output: OutputSettings
    var cancellation: RenderCancellation
    /// How a kept animation plays (nil for still sources).
    var timing: AnimationTiming?
    /// Whether GIF outputs diffuse the quantisation error. Off for sources that are palette
    /// images already (a GIF): their colours were chosen once and any dithering of their own is
    /// in the pixels; diffusing again adds noise and bytes (README, `output`).
    var ditherPalette = true
    /// AVIF's encoder effort (0–9): libvips' default takes ≈10 s per large image here; 2 keeps it near 1 s.
    static let avifEffort: Int32 = 2

    /// Writes `tile`: all its frames as one animation when it has several and the format
    /// animates, else its first frame.
    func encode(_ tile: TileImage, _ settings: EncodeSettings) throws(ImagingError) -> EncodedImage {
        let format = settings.format == .original ? ImageFormat.png : settings.format
        guard tile.isAnimated, format.animates, let timing else {
            return try encode(tile.image, settings)
        }
        var encoded = try encode(try timing.join(tile.frames), settings)
        encoded.size = tile.image.size
        encoded.frames = tile.frames.count
        return encoded
    }

    func encode(_ image: VipsImageRef, _ settings: EncodeSettings) throws(ImagingError) -> EncodedImage {
        let format = settings.format == .original ? ImageFormat.png : settings.format
        var prepared = image
        let bg = output.background
        if !format.supportsAlpha {
            prepared = try prepared.derive("flattening alpha") { ip_flatten($0, Int32(bg.red), Int32(bg.green), Int32(bg.blue), $1) }
        }
        prepared = try prepared.derive("converting to 8 bits") { ip_to_8bit($0, $1) }
        let metadataMode: Int32 = switch output.metadata { case .strip: 0; case .keep: 1; case .keepCopyright: 2 }
        prepared = try prepared.derive("preparing metadata") { ip_prepare_metadata($0, metadataMode, $1) }
        let hasProfile = vips_image_get_typeof(prepared.pointer, "icc-profile-data") != 0
        // libvips' strip also drops the ICC profile, which `colorProfile: keep` must keep.
        let strip: Int32 = output.metadata == .strip && !hasProfile ? 1 : 0
        let highest = settings.quality ?? output.quality(for: format)
        guard let maxBytes = settings.maxBytes else {
            return try write(prepared, format: format, quality: highest, lossless: settings.lossless, strip: strip)
        }
        return try fit(prepared, format: format, highest: highest, maxBytes: maxBytes, strip: strip)
    }

    /// The highest quality up to `highest` whose file has at most `maxBytes`, by bisection
    /// (at most 8 encodes). Formats without a quality setting are written once.
    private func fit(_ prepared: VipsImageRef, format: ImageFormat, highest: Int, maxBytes: Int, strip: Int32) throws(ImagingError) -> EncodedImage {
        // Computed once: every attempt encodes the same pixels.
        let lazy = prepared
        let prepared = try cancellation.computing(lazy) { () throws(ImagingError) in try lazy.materialized() }
        let first = try write(prepared, format: format, quality: highest, lossless: false, strip: strip)
        if first.bytes.count <= maxBytes {
            return format.hasQuality ? withQuality(first, highest) : first
        }
        guard format.hasQuality else {
            throw ImagingError(code: .outputOverMaxBytes, message: "\(format.rawValue) has no quality to lower and the file is \(first.bytes.count) bytes, over maxBytes \(maxBytes); convert to jpeg, webp or avif, or raise maxBytes")
        }
        var best: EncodedImage?
        var low = 1, high = highest - 1
        var smallest = first.bytes.count
        while low <= high {
            let middle = (low + high) / 2
            let attempt = try write(prepared, format: format, quality: middle, lossless: false, strip: strip)
            smallest = min(smallest, attempt.bytes.count)
            if attempt.bytes.count <= maxBytes {
                best = withQuality(attempt, middle)
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard let best else {
            throw ImagingError(code: .outputOverMaxBytes, message: "even quality 1 gives \(smallest) bytes, over maxBytes \(maxBytes); raise maxBytes or resize smaller first")
        }
        return best
    }

    private func withQuality(_ image: EncodedImage, _ quality: Int) -> EncodedImage {
        var chosen = image
        chosen.chosenQuality = quality
        return chosen
    }

    private func write(_ prepared: VipsImageRef, format: ImageFormat, quality: Int, lossless isLossless: Bool, strip: Int32) throws(ImagingError) -> EncodedImage {
        let quality = Int32(quality)
        let lossless: Int32 = isLossless ? 1 : 0

        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard format != .pdf else {
            // Documents are written by Documents' PDFStructure; no configuration asks for this.
            throw ImagingError(code: .encodeFailed, message: "an image cannot be written as a PDF")
        }
        if format == .avif { try Libvips.loadHEIF() }
        let status: Int32 = try cancellation.computing(prepared) { () -> Int32 in
            switch format {
        case .pdf: -1
        case .jpeg: ip_save_jpeg(prepared.pointer, isLossless ? 100 : quality, strip, &buffer, &length)
        case .png, .original: ip_save_png(prepared.pointer, isLossless ? 100 : quality, strip, &buffer, &length)
        case .webp: ip_save_webp(prepared.pointer, quality, lossless, strip, &buffer, &length)
        case .avif: ip_save_avif(prepared.pointer, quality, lossless, Self.avifEffort, strip, &buffer, &length)
        case .gif: ip_save_gif(prepared.pointer, strip, ditherPalette ? 1 : 0, &buffer, &length)
        case .tiff: ip_save_tiff(prepared.pointer, strip, &buffer, &length)
            }
        }
        try cancellation.checkForTimeout()
        guard status == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "writing \(format.rawValue) failed: \(Libvips.takeErrorMessage(source: prepared.source))")
        }
        defer { g_free(buffer) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        return EncodedImage(bytes: bytes, size: prepared.size, format: format, sha256: Self.sha256(bytes))
    }

    static func sha256(_ bytes: [UInt8]) -> String { ContentDigest.sha256(bytes) }
}
