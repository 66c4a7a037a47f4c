import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// Still lossy stripped WebP outputs (`webpsave.c`): libwebp with vips_webpsave's settings and a
/// second thread for the alpha plane. The pixels must be those vips_webpsave writes, which the
/// same function still calls when metadata is kept.
@Suite struct WebPEncodingTests {
    static func encode(_ image: VipsImageRef, quality: Int32 = 75, strip: Bool) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard ip_save_webp(image.pointer, quality, 0, strip ? 1 : 0, &buffer, &length) == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "WebP: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    static func decode(_ webp: [UInt8]) throws -> (bands: Int, size: PixelSize, pixels: [UInt8]) {
        let image = try decodedImage(webp, fileExtension: "webp")
        return (Int(image.pointer.pointee.Bands), image.size, try ReduceTests.bytes(image))
    }

    /// Grey, RGB and RGBA (with real transparency: a soft-edged disc) of a smooth picture.
    @Test(arguments: [1, 3, 4]) func thePixelsAreThoseLibvipsWrites(bands: Int) throws {
        let source = try GIFEncodingTests.image(width: 640, height: 480, bands: bands) { x, y, b in
            if b == 3 {
                let d = ((Double(x) - 320) * (Double(x) - 320) + (Double(y) - 240) * (Double(y) - 240)).squareRoot()
                return UInt8(max(0, min(255, (200 - d) * 4)))
            }
            return UInt8((x * (b + 1) / 3 + y / 2) % 256)
        }
        for quality: Int32 in [30, 75, 95] {
            let ours = try Self.encode(source, quality: quality, strip: true)
            let libvips = try Self.encode(source, quality: quality, strip: false)
            #expect(Array(ours.prefix(4)) == Array("RIFF".utf8) && Array(ours[8..<12]) == Array("WEBP".utf8))
            let (oursBands, oursSize, oursPixels) = try Self.decode(ours)
            let (vipsBands, vipsSize, vipsPixels) = try Self.decode(libvips)
            #expect(oursSize == PixelSize(width: 640, height: 480) && oursSize == vipsSize)
            #expect(oursBands == vipsBands && oursBands == (bands == 4 ? 4 : 3), "\(bands) bands")
            #expect(oursPixels == vipsPixels, "\(bands) bands, quality \(quality)")
            if bands == 4 {
                #expect(oursPixels[3] == 0, "a corner is transparent")
                #expect(oursPixels[(240 * 640 + 320) * 4 + 3] == 255, "the centre is opaque")
            }
        }
    }
}
