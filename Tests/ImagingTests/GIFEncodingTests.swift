import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// Still GIF outputs (`gifsave.c`): libimagequant chooses the palette from a sample of about
/// 64k pixels and remaps the whole image to it, cgif writes the file, and dithering is the
/// caller's choice (the engine turns it off for GIF sources).
@Suite struct GIFEncodingTests {
    static func encode(_ image: VipsImageRef, dither: Bool) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard ip_save_gif(image.pointer, 1, dither ? 1 : 0, &buffer, &length) == 0, let buffer else {
            throw ImagingError(code: .encodeFailed, message: "GIF: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }

    /// The file as libvips reads it back, and its pixels.
    static func decode(_ gif: [UInt8]) throws -> (image: VipsImageRef, pixels: [UInt8]) {
        let image = try decodedImage(gif, fileExtension: "gif")
        return (image, try ReduceTests.bytes(image))
    }

    /// `width` × `height` × `bands` samples from `sample(x, y, band)`.
    static func image(width: Int, height: Int, bands: Int, _ sample: (Int, Int, Int) -> UInt8) throws -> VipsImageRef {
        var bytes = [UInt8](repeating: 0, count: width * height * bands)
        for y in 0..<height {
            for x in 0..<width {
                for b in 0..<bands { bytes[(y * width + x) * bands + b] = sample(x, y, b) }
            }
        }
        return try ReduceTests.image(bytes, ReduceTests.Case(width: width, height: height, bands: bands, to: 1), format: VipsBandFormat(0)) // VIPS_FORMAT_UCHAR
    }

    /// A smooth gradient of 65,536 colours, 512 × 512: far more colours than a palette holds,
    /// and more pixels (262,144) than the palette is chosen from.
    static func gradient() throws -> VipsImageRef {
        try image(width: 512, height: 512, bands: 3) { x, y, b in UInt8([x / 2, y / 2, (x + y) / 4][b]) }
    }

    /// The share of horizontally adjacent pixels that differ. Undithered, a smooth gradient
    /// becomes bands of one palette colour each; error diffusion mixes neighbouring colours.
    static func changes(_ pixels: [UInt8], width: Int, bands: Int) -> Double {
        var changed = 0, pairs = 0
        for start in stride(from: 0, to: pixels.count, by: width * bands) {
            for x in 1..<width {
                let a = start + (x - 1) * bands, b = start + x * bands
                if pixels[a..<(a + 3)] != pixels[b..<(b + 3)] { changed += 1 }
                pairs += 1
            }
        }
        return Double(changed) / Double(pairs)
    }

    @Test func ditheringIsTheCallersChoice() throws {
        let source = try Self.gradient()
        let original = try ReduceTests.bytes(source)
        var changes: [Bool: Double] = [:]
        for dither in [false, true] {
            let (decoded, pixels) = try Self.decode(try Self.encode(source, dither: dither))
            #expect(decoded.size == PixelSize(width: 512, height: 512))
            #expect(decoded.pointer.pointee.Bands == 3)
            changes[dither] = Self.changes(pixels, width: 512, bands: 3)
            // Near the source on average, whether the error is diffused or not.
            let error = Double(zip(original, pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(original.count)
            #expect(error < 6, "dither \(dither): mean error \(error)")
        }
        #expect(try #require(changes[true]) > 2 * #require(changes[false]), "\(changes)")
    }

    @Test func thinLinesKeepTheirColourThoughThePaletteComesFromASample() throws {
        // 1080² of noisy gradient with one red row, one blue column and a green last row:
        // 1/1,080 of the pixels each, which a grid sample could miss entirely, and the last
        // row, which a sample that stops short would.
        var state: UInt32 = 0x2545_F491
        let source = try Self.image(width: 1080, height: 1080, bands: 3) { x, y, b in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            if y == 500 { return b == 0 ? 255 : 0 }
            if y == 1079 { return b == 1 ? 255 : 0 }
            if x == 701 { return b == 2 ? 255 : 0 }
            let base = [y * 200 / 1080 + x * 40 / 1080, x * 180 / 1080 + 30, (1080 - y) * 150 / 1080 + x * 60 / 1080][b]
            return UInt8(base + Int(state % 6))
        }
        for dither in [false, true] {
            let (_, pixels) = try Self.decode(try Self.encode(source, dither: dither))
            for x in [0, 333, 1079] where x != 701 {
                let p = (500 * 1080 + x) * 3
                #expect(pixels[p] > 240 && pixels[p + 1] < 15 && pixels[p + 2] < 15, "red at \(x): \(pixels[p..<(p + 3)])")
            }
            for y in [0, 499, 501, 1078] {
                let p = (y * 1080 + 701) * 3
                #expect(pixels[p] < 15 && pixels[p + 1] < 15 && pixels[p + 2] > 240, "blue at \(y): \(pixels[p..<(p + 3)])")
            }
            for x in [0, 540, 1079] {
                let p = (1079 * 1080 + x) * 3
                #expect(pixels[p] < 15 && pixels[p + 1] > 240 && pixels[p + 2] < 15, "green at \(x): \(pixels[p..<(p + 3)])")
            }
        }
    }

    @Test func transparentPixelsStayTransparent() throws {
        let source = try Self.image(width: 300, height: 200, bands: 4) { x, y, b in
            b == 3 ? (x < 150 ? 0 : (x < 200 ? 200 : 255)) : UInt8((x + y * b) % 256)
        }
        let (decoded, pixels) = try Self.decode(try Self.encode(source, dither: true))
        #expect(Int(decoded.pointer.pointee.Bands) == 4)
        for (x, alpha) in [(0, 0), (149, 0), (150, 255), (199, 255), (299, 255)] {
            for y in [0, 100, 199] { #expect(pixels[(y * 300 + x) * 4 + 3] == UInt8(alpha), "alpha at \(x),\(y)") }
        }
    }

    @Test func theSameImageAlwaysGivesTheSameFile() throws {
        let source = try Self.gradient()
        for dither in [false, true] {
            #expect(try Self.encode(source, dither: dither) == Self.encode(source, dither: dither))
        }
    }

    @Test func greyImagesAreWrittenInGrey() throws {
        for bands in [1, 2] {
            let source = try Self.image(width: 400, height: 400, bands: bands) { x, y, b in b == 1 ? 255 : UInt8((x + y) % 256) }
            let (decoded, pixels) = try Self.decode(try Self.encode(source, dither: false))
            #expect(decoded.size == PixelSize(width: 400, height: 400))
            for (x, y) in [(0, 0), (100, 50), (399, 399)] {
                let p = (y * 400 + x) * Int(decoded.pointer.pointee.Bands)
                #expect(abs(Int(pixels[p]) - (x + y) % 256) <= 2, "\(bands) bands at \(x),\(y)")
                #expect(pixels[p] == pixels[p + 1] && pixels[p] == pixels[p + 2])
            }
        }
    }

    @Test func aGIFSourceIsNotDitheredAgainAndAPhotoIs() throws {
        // The same gradient as a GIF (written undithered: bands of colour) and as a PNG, each
        // made a GIF half as wide: the PNG's is dithered, the GIF's is not dithered again.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gif-source-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try Self.gradient()
        try Data(try Self.encode(source, dither: false)).write(to: URL(fileURLWithPath: "\(folder)/gradient.gif"))
        var png: UnsafeMutableRawPointer?
        var length = 0
        #expect(ip_save_png(source.pointer, 100, 1, &png, &length) == 0)
        try Data(UnsafeRawBufferPointer(start: png, count: length)).write(to: URL(fileURLWithPath: "\(folder)/gradient.png"))
        g_free(png)
        let config = #"{"features": [{"type": "resize", "outputs": [{"width": 400}]}], "output": {"format": "gif"}}"#
        var changes: [String: Double] = [:]
        for name in ["gradient.gif", "gradient.png"] {
            let output = try #require(try render(config, "\(folder)/\(name)").first)
            #expect(output.image.format == .gif)
            let (decoded, pixels) = try Self.decode(output.image.bytes)
            #expect(decoded.size == PixelSize(width: 400, height: 400))
            changes[name] = Self.changes(pixels, width: 400, bands: Int(decoded.pointer.pointee.Bands))
        }
        #expect(try #require(changes["gradient.png"]) > 2 * #require(changes["gradient.gif"]), "\(changes)")
    }
}
