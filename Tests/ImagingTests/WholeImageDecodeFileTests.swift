import Foundation
import Imaging
import PipelineCore
import Testing

/// `WholeImageDecode` on real files of every kind the engine reads, against their sizes as
/// libvips reads them.
@Suite struct WholeImageDecodeFileTests {
    func bytes(_ path: String) throws -> Int {
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return WholeImageDecode.bytes { offset, count in
            offset >= file.count ? [] : Array(file[offset..<min(file.count, offset + count)])
        }
    }

    @Test(arguments: OutputMatrixTests.sources)
    func everyKindOfSource(_ name: String) throws {
        let path = "\(fixtures)/matrix/\(name)"
        let header = try SourceHeader.read(path: path)
        let pixels = header.size.width * header.size.height
        let held = try bytes(path)
        switch name {
        case "progressive.jpg":
            // Luma alone is 2 bytes a pixel (whole blocks round it up); three full-size components at most 6.
            #expect(held >= pixels * 2 && held <= (header.size.width + 16) * (header.size.height + 16) * 6)
        case "still.gif", "lossy.webp", "alpha.webp":
            #expect(held == pixels * 4)
        case "animated.gif":
            #expect(held >= pixels * 4) // the canvas; libvips' size is one frame's
        default:
            #expect(held == 0, "\(name) streams (a sequential JPEG, a PNG that is not interlaced, TIFF, AVIF)")
        }
    }

    @Test(arguments: ["basi0g01.png", "basi0g16.png", "basi2c08.png", "basi3p02.png", "basi4a08.png", "basi6a16.png"])
    func interlacedPNGs(_ name: String) throws {
        let path = "\(fixtures)/pngsuite/\(name)"
        let header = try SourceHeader.read(path: path)
        let held = try bytes(path)
        #expect(held >= header.size.width * header.size.height)
        #expect(held <= header.size.width * header.size.height * 8)
        #expect(try bytes("\(fixtures)/pngsuite/\(name.replacingOccurrences(of: "basi", with: "basn"))") == 0)
    }
}
