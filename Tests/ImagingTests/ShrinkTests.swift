import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// `ip_shrinkv`, the engine's vertical box shrink of 8-bit images, against its definition (which
/// is libvips' vips_shrinkv with "ceil": the twenty-size, batch and sample ZIPs were byte for
/// byte the same when it replaced that), and its AVX2 loop against its plain C one.
@Suite struct ShrinkTests {
    struct Case: CustomStringConvertible, Sendable {
        var width: Int, height: Int, bands: Int, box: Int
        var description: String { "\(width)×\(height)×\(bands) / \(box)" }
    }

    /// Boxes of the 20-size job and beyond the vector loop's 16 rows, heights that are and are
    /// not whole boxes (the last box then repeats the last row), rows narrower than 16 and 32
    /// samples (the vector loops' steps) and every band count; white so the sums are largest.
    static let cases = [
        Case(width: 2000, height: 37, bands: 3, box: 2), Case(width: 2000, height: 45, bands: 3, box: 15),
        Case(width: 1000, height: 50, bands: 3, box: 16), Case(width: 333, height: 51, bands: 4, box: 17),
        Case(width: 99, height: 600, bands: 1, box: 256), Case(width: 7, height: 9, bands: 2, box: 3),
        Case(width: 5, height: 1, bands: 3, box: 4), Case(width: 11, height: 40, bands: 1, box: 7),
        Case(width: 16, height: 33, bands: 2, box: 2), Case(width: 21, height: 100, bands: 3, box: 33),
    ]

    static func noise(_ c: Case) -> [UInt8] {
        ReduceTests.noise(ReduceTests.Case(width: c.width, height: c.height, bands: c.bands, to: c.box))
    }

    static func image(_ bytes: [UInt8], _ c: Case) throws -> VipsImageRef {
        try ReduceTests.image(bytes, ReduceTests.Case(width: c.width, height: c.height, bands: c.bands, to: c.box))
    }

    static func shrunk(_ image: VipsImageRef, box: Int, loop: Int32 = 0) throws -> [UInt8] {
        let out = try image.derive("shrinking") { ip_shrinkv($0, Int32(box), loop, $1) }
        #expect(out.size == PixelSize(width: image.size.width, height: (image.size.height + box - 1) / box))
        return try ReduceTests.bytes(out)
    }

    /// Output row y: the rounded mean of rows y·box … y·box + box − 1, rows past the last taken as the last.
    static func reference(_ bytes: [UInt8], _ c: Case) -> [UInt8] {
        let rowBytes = c.width * c.bands, rows = (c.height + c.box - 1) / c.box
        var out = [UInt8](repeating: 0, count: rows * rowBytes)
        for y in 0..<rows {
            for j in 0..<rowBytes {
                var sum = c.box / 2
                for k in 0..<c.box { sum += Int(bytes[min(c.height - 1, y * c.box + k) * rowBytes + j]) }
                out[y * rowBytes + j] = UInt8(sum / c.box)
            }
        }
        return out
    }

    @Test(arguments: cases) func everyLoopGivesTheDefinition(c: Case) throws {
        for bytes in [Self.noise(c), [UInt8](repeating: 255, count: c.width * c.height * c.bands)] {
            let image = try Self.image(bytes, c)
            let expected = Self.reference(bytes, c)
            #expect(try Self.shrunk(image, box: c.box, loop: 0) == expected)
            #expect(try Self.shrunk(image, box: c.box, loop: 1) == expected)
        }
    }

    @Test func aWindowOfTheResultIsThatWindowOfTheWholeResult() throws {
        // Asked for a region that starts mid-row and mid-image, as a downstream tile would.
        let c = Case(width: 300, height: 200, bands: 3, box: 5)
        let bytes = Self.noise(c)
        let whole = Self.reference(bytes, c)
        let shrunk = try Self.image(bytes, c).derive("shrinking") { ip_shrinkv($0, Int32(c.box), 0, $1) }
        let window = try ReduceTests.bytes(try shrunk.derive("cropping") { ip_crop($0, 7, 11, 250, 20, $1) })
        var expected: [UInt8] = []
        for y in 11..<31 { expected += whole[(y * c.width + 7) * c.bands..<(y * c.width + 257) * c.bands] }
        #expect(window == expected)
    }

    @Test func boxesOutsideTwoTo256AndOtherFormatsAreRefused() throws {
        let image = try Self.image(Self.noise(Case(width: 4, height: 4, bands: 1, box: 2)), Case(width: 4, height: 4, bands: 1, box: 2))
        for box in [1, 257] {
            #expect(throws: ImagingError.self) { try image.derive("shrinking") { ip_shrinkv($0, Int32(box), 0, $1) } }
        }
        let float = try ReduceTests.image([UInt8](repeating: 0, count: 64), ReduceTests.Case(width: 4, height: 4, bands: 1, to: 1), format: VipsBandFormat(6))
        #expect(throws: ImagingError.self) { try float.derive("shrinking") { ip_shrinkv($0, 2, 0, $1) } }
    }
}
