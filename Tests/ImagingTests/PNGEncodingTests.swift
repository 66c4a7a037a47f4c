import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// Truecolour PNG outputs are filtered row by row and deflated at level 4 (`ip_save_png`):
/// lossless, and far smaller than the unfiltered rows libvips 8.14 writes by default.
@Suite struct PNGEncodingTests {
    static func encode(_ image: VipsImageRef, quality: Int32 = 100) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard ip_save_png(image.pointer, quality, 1, &buffer, &length) == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "PNG: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    @Test(arguments: [1, 2, 3, 4]) func aSmoothPictureIsLosslessAndSmall(bands: Int) throws {
        // Unfiltered, deflate finds few repeats in a diagonal gradient: 21 % of the raw bytes
        // for RGB (measured with vips pngsave --filter none); filtered rows are nearly all
        // the same small differences: 0.7 %.
        let source = try GIFEncodingTests.image(width: 1024, height: 768, bands: bands) { x, y, b in
            UInt8([x / 4, y / 3, (x + y) / 7, 255 - x / 5][b] % 256)
        }
        let png = try Self.encode(source)
        let decoded = try decodedImage(png, fileExtension: "png")
        #expect(decoded.size == PixelSize(width: 1024, height: 768))
        #expect(Int(decoded.pointer.pointee.Bands) == bands)
        #expect(try ReduceTests.bytes(decoded) == ReduceTests.bytes(source))
        let raw = 1024 * 768 * bands
        #expect(png.count * 20 < raw, "\(png.count) bytes for \(raw) raw")
    }
}
