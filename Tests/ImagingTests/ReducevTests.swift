import CVipsShim
@testable import Imaging
import PipelineCore
import Testing

/// `ip_reducev`, the engine's vertical Lanczos 3 reduce of 8-bit images (libvips 8.14's runs Orc
/// programs with 6-bit weights): it has `ip_reduceh`'s taps and weights, so reducing the rows of
/// an image must give exactly the horizontal reduce of the image turned on its side (whose
/// samples `ReduceTests` holds to the double-precision definition), and its AVX2 loop the plain
/// C loop's bytes.
@Suite struct ReducevTests {
    /// `width` × `height` reduced to `to` rows. Rows of 16 samples and more go through the
    /// vector loop (with a tail of fewer than 16 left to the plain one); a reduce from fewer
    /// rows than the kernel spans takes an odd number of taps.
    static let cases = [
        ReduceTests.Case(width: 7, height: 2560, bands: 3, to: 1920), ReduceTests.Case(width: 11, height: 3014, bands: 3, to: 2000),
        ReduceTests.Case(width: 6, height: 2000, bands: 4, to: 1000), ReduceTests.Case(width: 13, height: 201, bands: 3, to: 100),
        ReduceTests.Case(width: 5, height: 399, bands: 3, to: 100), ReduceTests.Case(width: 6, height: 13, bands: 4, to: 5),
        ReduceTests.Case(width: 9, height: 7, bands: 3, to: 6), ReduceTests.Case(width: 17, height: 9, bands: 3, to: 1),
        ReduceTests.Case(width: 33, height: 6, bands: 4, to: 1), ReduceTests.Case(width: 16, height: 5, bands: 3, to: 2),
        ReduceTests.Case(width: 40, height: 640, bands: 1, to: 159), ReduceTests.Case(width: 20, height: 640, bands: 2, to: 333),
        ReduceTests.Case(width: 16, height: 2, bands: 3, to: 1),
    ]

    enum Loop: Int32 { case fastest = 0, plainC = 1 }

    static func shortened(_ image: VipsImageRef, to height: Int, loop: Loop = .fastest) throws -> [UInt8] {
        let out = try image.derive("reducing") { ip_reducev($0, Int32(height), 0, loop.rawValue, $1) }
        #expect(out.size == PixelSize(width: image.size.width, height: height))
        return try ReduceTests.bytes(out)
    }

    /// Rows become columns: sample (x, y, b) of a `width` × `height` image goes to (y, x, b).
    static func turned(_ bytes: [UInt8], width: Int, height: Int, bands: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: bytes.count)
        for y in 0..<height {
            for x in 0..<width {
                for b in 0..<bands { out[(x * height + y) * bands + b] = bytes[(y * width + x) * bands + b] }
            }
        }
        return out
    }

    @Test(arguments: cases) func theRowsAreReducedAsTheTurnedImagesColumns(c: ReduceTests.Case) throws {
        let bytes = ReduceTests.noise(c)
        let image = try ReduceTests.image(bytes, c)
        let vector = try Self.shortened(image, to: c.to)
        #expect(try Self.shortened(image, to: c.to, loop: .plainC) == vector)
        // The same reduce across the columns of the image turned on its side, turned back.
        let side = ReduceTests.Case(width: c.height, height: c.width, bands: c.bands, to: c.to)
        let across = try ReduceTests.reduced(try ReduceTests.image(Self.turned(bytes, width: c.width, height: c.height, bands: c.bands), side), to: c.to)
        #expect(Self.turned(across, width: c.to, height: c.width, bands: c.bands) == vector)
    }

    @Test func aWindowOfTheResultIsTheWholeResultsWindow() throws {
        // libvips asks for strips and tiles; a region that starts inside the image (left and
        // top) must get the samples the whole image has there.
        let c = ReduceTests.Case(width: 37, height: 900, bands: 3, to: 250)
        let image = try ReduceTests.image(ReduceTests.noise(c), c)
        let whole = try Self.shortened(image, to: c.to)
        let reduced = try image.derive("reducing") { ip_reducev($0, Int32(c.to), 0, 0, $1) }
        let window = try ReduceTests.bytes(try reduced.derive("cropping") { ip_crop($0, 3, 101, 30, 140, $1) })
        var expected: [UInt8] = []
        for y in 101..<241 { expected += whole[((y * c.width + 3) * c.bands)..<((y * c.width + 33) * c.bands)] }
        #expect(window == expected)
    }

    /// A box shrink with a partial last box (1001 rows boxed by 10 make 101 rows spanning 100.1)
    /// keeps the source's geometry through the reduce that follows: on linear ramps (band 0
    /// across, band 1 down) every output sample away from the edges is the ramp at the output's
    /// centre in the source, (i + 0.5) · 1001 ÷ 50 − 0.5. Mapped over 101 rows, the samples near
    /// the bottom and right were taken from up to 8 source rows too far (2 levels on this ramp).
    @Test func aPartialBoxKeepsTheSourcesGeometry() throws {
        let side = 1001, to = 50
        var bytes = [UInt8](repeating: 0, count: side * side * 3)
        for y in 0..<side {
            for x in 0..<side {
                bytes[(y * side + x) * 3] = UInt8(x / 4)
                bytes[(y * side + x) * 3 + 1] = UInt8(y / 4)
            }
        }
        let image = try ReduceTests.image(bytes, ReduceTests.Case(width: side, height: side, bands: 3, to: to))
        let scale = Double(to) / Double(side)
        let out = try ReduceTests.bytes(try image.derive("resizing") { ip_resize($0, scale, scale, $1) })
        #expect(out.count == to * to * 3)
        // The ramp's mean over the four source positions a level covers is 1.5 below the position ÷ 4.
        let ramp = { (i: Int) -> Double in ((Double(i) + 0.5) / scale - 0.5) / 4 - 0.375 }
        var worst = 0.0
        for y in 4..<(to - 4) {
            for x in 4..<(to - 4) {
                worst = max(worst, abs(Double(out[(y * to + x) * 3]) - ramp(x)), abs(Double(out[(y * to + x) * 3 + 1]) - ramp(y)))
            }
        }
        #expect(worst <= 0.75, "largest distance from the ramp: \(worst) levels")
    }

    @Test func impossibleHeightsAndFormatsAreRefused() throws {
        let c = ReduceTests.Case(width: 20, height: 20, bands: 3, to: 10)
        let image = try ReduceTests.image(ReduceTests.noise(c), c)
        for height: Int32 in [0, 21] {
            #expect(throws: ImagingError.self) { try image.derive("reducing") { ip_reducev($0, height, 0, 0, $1) } }
        }
        let tall = ReduceTests.Case(width: 4, height: 2000, bands: 3, to: 10)
        let error = #expect(throws: ImagingError.self) {
            try ReduceTests.image(ReduceTests.noise(tall), tall).derive("reducing") { ip_reducev($0, 10, 0, 0, $1) }
        }
        #expect(error?.message.contains("box-shrink first") == true, "\(String(describing: error?.message))")
    }
}
