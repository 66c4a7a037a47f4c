import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// JPEG outputs without metadata that libvips computes on one thread (each of several outputs
/// of a source) are written with libjpeg directly (`jpegsave.c`); the files must be exactly
/// vips_jpegsave's.
@Suite struct JPEGEncodingTests {
    static func encode(_ image: VipsImageRef, quality: Int, strip: Bool = true) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard ip_save_jpeg(image.pointer, Int32(quality), strip ? 1 : 0, &buffer, &length) == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "JPEG: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    static func threads(_ image: VipsImageRef, _ count: Int) throws -> VipsImageRef {
        try image.derive("choosing its threads") { ip_with_threads($0, Int32(count), $1) }
    }

    struct Case: CustomStringConvertible, Sendable {
        var width: Int, height: Int, bands: Int
        var description: String { "\(width)×\(height)×\(bands)" }
    }

    /// Grey and colour, sizes that are and are not whole 16-row MCUs and strips, a single pixel.
    static let cases = [
        Case(width: 640, height: 480, bands: 3), Case(width: 17, height: 9, bands: 3), Case(width: 1, height: 1, bands: 3),
        Case(width: 333, height: 47, bands: 1), Case(width: 2, height: 33, bands: 1),
    ]

    @Test(arguments: cases) func theDirectFileIsVipsJpegsavesByteForByte(c: Case) throws {
        let noise = ReduceTests.noise(ReduceTests.Case(width: c.width, height: c.height, bands: c.bands, to: 1))
        // Noise is the hardest case for the tables; a smooth ramp the commonest.
        let ramp = (0..<(c.width * c.height * c.bands)).map { UInt8(($0 / c.bands) % 256) }
        for bytes in [noise, ramp] {
            let image = try ReduceTests.image(bytes, ReduceTests.Case(width: c.width, height: c.height, bands: c.bands, to: 1))
            let one = try Self.threads(image, 1)
            #expect(ip_save_jpeg_direct(one.pointer, 1) == 1)
            #expect(ip_save_jpeg_direct(image.pointer, 1) == 0) // no thread count: libvips writes it
            for quality in [1, 30, 80, 89, 90, 100] {
                #expect(try Self.encode(one, quality: quality) == Self.encode(image, quality: quality), "\(c) at quality \(quality)")
            }
        }
    }

    @Test func metadataSeveralThreadsAndOtherFormatsGoToLibvips() throws {
        let image = try ReduceTests.image([UInt8](repeating: 9, count: 64 * 4), ReduceTests.Case(width: 8, height: 8, bands: 4, to: 1))
        #expect(ip_save_jpeg_direct(try Self.threads(image, 1).pointer, 1) == 0) // four bands
        let rgb = try ReduceTests.image([UInt8](repeating: 9, count: 64 * 3), ReduceTests.Case(width: 8, height: 8, bands: 3, to: 1))
        #expect(ip_save_jpeg_direct(try Self.threads(rgb, 1).pointer, 0) == 0) // metadata kept
        #expect(ip_save_jpeg_direct(try Self.threads(rgb, 2).pointer, 1) == 0) // libvips' threads
    }

    @Test func aDecodeThatFailsMidwayFailsTheFileWithLibjpegsWords() throws {
        // A photo cut short, decoded lazily: the direct writer asks for rows the decoder cannot give.
        let truncated = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString).jpg").path
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        try Data(try Data(contentsOf: URL(fileURLWithPath: ReduceTests.photo)).prefix(300_000)).write(to: URL(fileURLWithPath: truncated))
        try Libvips.start()
        var out: UnsafeMutablePointer<VipsImage>?
        guard ip_jpeg_load(truncated, 8, 3, &out) == 0, let out else { throw ImagingError(code: .corruptImage, message: truncated) }
        let lazy = try Self.threads(VipsImageRef(out), 1)
        #expect(ip_save_jpeg_direct(lazy.pointer, 1) == 1)
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        #expect(ip_save_jpeg(lazy.pointer, 80, 1, &buffer, &length) != 0)
        #expect(buffer == nil)
        #expect(!Libvips.takeErrorMessage().isEmpty)
    }
}
