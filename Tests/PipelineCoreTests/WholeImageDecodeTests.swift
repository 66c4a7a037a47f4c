import PipelineCore
import Testing

/// The whole-image decoder memory read from headers alone, on headers built byte by byte (the
/// files of every kind are in ImagingTests' `WholeImageDecodeFileTests`).
@Suite struct WholeImageDecodeTests {
    func bytes(_ file: [UInt8]) -> Int {
        WholeImageDecode.bytes { offset, count in
            offset >= file.count ? [] : Array(file[offset..<min(file.count, offset + count)])
        }
    }

    /// A JPEG: SOI, an APP1 of `appBytes`, then a frame header of marker `sof` with the
    /// components' sampling factors, then a scan header.
    func jpeg(sof: UInt8, width: Int, height: Int, sampling: [UInt8], appBytes: Int = 100) -> [UInt8] {
        var file: [UInt8] = [0xFF, 0xD8]
        file += [0xFF, 0xE1, UInt8((appBytes + 2) >> 8), UInt8((appBytes + 2) & 0xFF)] + Array(repeating: 0x45, count: appBytes)
        file += [0xFF, 0xFF] // a fill byte before the next marker
        let length = 8 + 3 * sampling.count
        file += [0xFF, sof, UInt8(length >> 8), UInt8(length & 0xFF), 8, UInt8(height >> 8), UInt8(height & 0xFF),
                 UInt8(width >> 8), UInt8(width & 0xFF), UInt8(sampling.count)]
        for (id, factor) in sampling.enumerated() { file += [UInt8(id + 1), factor, 0] }
        file += [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0]
        return file
    }

    @Test func aProgressiveJPEGHoldsEveryCoefficientOfTheFullImage() {
        // 4096² 4:4:4: 512 × 512 blocks × 3 components × 128 bytes.
        #expect(bytes(jpeg(sof: 0xC2, width: 4096, height: 4096, sampling: [0x11, 0x11, 0x11])) == 100_663_296)
        // 5640 × 3172 4:2:0: luma 706 × 398 blocks (whole 2 × 2 groups), chroma 353 × 199 each.
        #expect(bytes(jpeg(sof: 0xC2, width: 5640, height: 3172, sampling: [0x22, 0x11, 0x11])) == (706 * 398 + 2 * 353 * 199) * 128)
        // Grey, one block; arithmetic-coded progressive too.
        #expect(bytes(jpeg(sof: 0xC2, width: 1, height: 1, sampling: [0x11])) == 128)
        #expect(bytes(jpeg(sof: 0xCA, width: 16, height: 8, sampling: [0x11])) == 2 * 128)
        // Behind a 60 KB EXIF block, as cameras write them.
        #expect(bytes(jpeg(sof: 0xC2, width: 64, height: 64, sampling: [0x11], appBytes: 60_000)) == 64 * 128)
    }

    @Test func sequentialJPEGsStream() {
        for sof: UInt8 in [0xC0, 0xC1, 0xC9] {
            #expect(bytes(jpeg(sof: sof, width: 6000, height: 4000, sampling: [0x22, 0x11, 0x11])) == 0)
        }
    }

    @Test func brokenJPEGHeadersCountNothing() {
        let good = jpeg(sof: 0xC2, width: 100, height: 100, sampling: [0x11, 0x11, 0x11])
        #expect(bytes(Array(good.prefix(good.count - 20))) == 0) // cut inside the frame header
        #expect(bytes([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x00]) == 0) // a segment length under 2
        #expect(bytes([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08] + Array(repeating: 0, count: 40)) == 0) // scan before frame
        #expect(bytes(jpeg(sof: 0xC2, width: 0, height: 100, sampling: [0x11])) == 0)
        // Endless empty segments: the walk stops.
        #expect(bytes([0xFF, 0xD8] + Array(repeating: [0xFF, 0xFE, 0x00, 0x02], count: 1_000).flatMap { $0 }) == 0)
    }

    func png(width: Int, height: Int, depth: UInt8, colour: UInt8, interlaced: Bool) -> [UInt8] {
        func big32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + big32(13) + Array("IHDR".utf8) + big32(width) + big32(height)
            + [depth, colour, 0, 0, interlaced ? 1 : 0] + [0, 0, 0, 0]
    }

    @Test func anInterlacedPNGHoldsItsDecodedImage() {
        #expect(bytes(png(width: 1000, height: 500, depth: 8, colour: 2, interlaced: true)) == 1000 * 500 * 3)
        #expect(bytes(png(width: 1000, height: 500, depth: 16, colour: 6, interlaced: true)) == 1000 * 500 * 8)
        #expect(bytes(png(width: 10, height: 10, depth: 8, colour: 3, interlaced: true)) == 10 * 10 * 4) // palette, expanded
        #expect(bytes(png(width: 10, height: 10, depth: 1, colour: 0, interlaced: true)) == 10 * 10)
        #expect(bytes(png(width: 10_000, height: 10_000, depth: 8, colour: 6, interlaced: false)) == 0)
        // The largest sides a header can claim: a huge figure (the source runs alone), no overflow.
        #expect(bytes(png(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF, depth: 16, colour: 6, interlaced: true)) == (1 << 48) * 8)
    }

    @Test func gifAndWebPHoldAFrame() {
        let gif = Array("GIF89a".utf8) + [0x40, 0x01, 0xC8, 0x00] + Array(repeating: 0, count: 30) // 320 × 200
        #expect(bytes(gif) == 320 * 200 * 4)
        func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
            Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + payload + Array(repeating: 0, count: 16)
        }
        // VP8X: 24-bit sizes minus one at bytes 24 and 27.
        #expect(bytes(riff("VP8X", [0, 0, 0, 0, 0x3F, 0x01, 0x00, 0xC7, 0x00, 0x00])) == 320 * 200 * 4)
        // VP8L: signature, then 14-bit width and height minus one.
        let lossless = (320 - 1) | (200 - 1) << 14
        #expect(bytes(riff("VP8L", [0x2F] + [0, 8, 16, 24].map { UInt8((lossless >> $0) & 0xFF) })) == 320 * 200 * 4)
        // VP8: frame tag and start code, then 14-bit sizes.
        #expect(bytes(riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xC8, 0x00])) == 320 * 200 * 4)
    }

    @Test func otherFormatsAndNonImagesCountNothing() {
        #expect(bytes([]) == 0)
        #expect(bytes(Array("%PDF-1.7\n".utf8)) == 0)
        #expect(bytes([0x49, 0x49, 0x2A, 0x00] + Array(repeating: 0, count: 40)) == 0) // TIFF streams
        #expect(bytes(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == 0)
    }
}
