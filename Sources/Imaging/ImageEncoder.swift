import CVips
import CVipsShim
import PipelineCore

/// Writes an image in a leaf's format with the configuration's output settings.
struct ImageEncoder {
    var output: OutputSettings
    var cancellation: RenderCancellation
    /// AVIF's encoder effort (0–9): libvips' default takes ≈10 s per large image here; 2 keeps it near 1 s.
    static let avifEffort: Int32 = 2

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
        let quality = Int32(settings.quality ?? output.quality(for: format))
        let lossless: Int32 = settings.lossless ? 1 : 0

        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32 = try cancellation.computing(prepared) { () -> Int32 in
            switch format {
        case .jpeg: ip_save_jpeg(prepared.pointer, settings.lossless ? 100 : quality, strip, &buffer, &length)
        case .png, .original: ip_save_png(prepared.pointer, settings.lossless ? 100 : quality, strip, &buffer, &length)
        case .webp: ip_save_webp(prepared.pointer, quality, lossless, strip, &buffer, &length)
        case .avif: ip_save_avif(prepared.pointer, quality, lossless, Self.avifEffort, strip, &buffer, &length)
        case .gif: ip_save_gif(prepared.pointer, strip, &buffer, &length)
        case .tiff: ip_save_tiff(prepared.pointer, strip, &buffer, &length)
            }
        }
        try cancellation.checkForTimeout()
        guard status == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "writing \(format.rawValue) failed: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(buffer) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        return EncodedImage(bytes: bytes, size: prepared.size, format: format, sha256: Self.sha256(bytes))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        var hex = [CChar](repeating: 0, count: 65)
        bytes.withUnsafeBytes { raw in ip_sha256_hex(raw.baseAddress, raw.count, &hex) }
        return String(cString: hex)
    }
}
