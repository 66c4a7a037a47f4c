import CVips
import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Synchronization
import Testing

/// JPEGs resized into JPEGs from their YCbCr planes (`PlanarJPEGRender`, `jpegplanes.c`):
/// which files and plans take that path, and that its outputs have the computed sizes and the
/// general path's pixels (JPEG noise aside) for every chroma layout, size and quality.
@Suite struct PlanarJPEGTests {
    static let planes = "\(fixtures)/planes"
    /// 301 × 203 crops of one photo in every chroma layout cjpeg writes (h×v luma factors),
    /// baseline and progressive, and the smallest images.
    static let sources = ["s1x1", "s2x1", "s1x2", "s2x2", "s2x2-progressive", "s1x1-progressive", "tiny-7x5", "one-1x1"]

    static func load(_ path: String, shrink: Int32 = 1, halve: Bool = false, token: VipsImageRef? = nil) throws -> (status: Int32, luma: PixelSize?, chroma: PixelSize?) {
        try Libvips.start()
        let ownToken = try token ?? VipsImageRef(#require(vips_image_new()))
        var luma: UnsafeMutablePointer<VipsImage>?, chroma: UnsafeMutablePointer<VipsImage>?
        let status = ip_jpeg_planes_load(path, shrink, halve ? 1 : 0, ownToken.pointer, &luma, &chroma)
        let y = luma.map { VipsImageRef($0) }, c = chroma.map { VipsImageRef($0) }
        if status != 0 { _ = Libvips.takeErrorMessage(source: path) }
        return (status, y?.size, c?.size)
    }

    @Test func theDecoderGivesEachPlaneAtItsOwnResolution() throws {
        // (h, v) luma factors against chroma: the chroma is the luma divided by them, rounded up.
        let layouts = ["s1x1": (1, 1), "s2x1": (2, 1), "s1x2": (1, 2), "s2x2": (2, 2), "s2x2-progressive": (2, 2), "s1x1-progressive": (1, 1)]
        for (name, (h, v)) in layouts {
            for shrink in [1, 2, 4, 8] {
                let made = try Self.load("\(Self.planes)/\(name).jpg", shrink: Int32(shrink))
                #expect(made.status == 0, "\(name) at 1/\(shrink)")
                let luma = PixelSize(width: (301 + shrink - 1) / shrink, height: (203 + shrink - 1) / shrink)
                #expect(made.luma == luma, "\(name) at 1/\(shrink)")
                #expect(made.chroma == PixelSize(width: (luma.width + h - 1) / h, height: (luma.height + v - 1) / v), "\(name) at 1/\(shrink)")
                // Halved: a 4:4:4 file's chroma at half the luma's; the others as stored.
                let halved = try Self.load("\(Self.planes)/\(name).jpg", shrink: Int32(shrink), halve: true)
                #expect(halved.status == 0 && halved.luma == luma, "\(name) at 1/\(shrink), halved")
                let half = PixelSize(width: (luma.width + 1) / 2, height: (luma.height + 1) / 2)
                #expect(halved.chroma == (h == 1 && v == 1 ? half : made.chroma), "\(name) at 1/\(shrink), halved")
            }
        }
        #expect(try Self.load("\(Self.planes)/one-1x1.jpg").luma == PixelSize(width: 1, height: 1))
        #expect(try Self.load("\(Self.planes)/tiny-7x5.jpg").chroma == PixelSize(width: 4, height: 3))
    }

    @Test func everyOtherFileIsLeftToTheGeneralPath() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).jpg").path
        try Data().write(to: URL(fileURLWithPath: empty))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        // Grey, an ICC profile, CMYK, more scans than any encoder writes, damaged data (cut
        // short), not a JPEG, nothing.
        for path in ["\(Self.planes)/grey.jpg", "\(fixtures)/p3-tagged.jpg", "\(fixtures)/cmyk-noprofile.jpg",
                     "\(Self.planes)/many-scans.jpg", "\(Self.planes)/truncated.jpg", "\(fixtures)/small.webp", "\(Self.planes)/absent.jpg", empty] {
            let made = try Self.load(path)
            #expect(made.status == 1, "\(path)")
            #expect(made.luma == nil && made.chroma == nil, "\(path)")
        }
    }

    @Test func aKilledTokenStopsTheDecoder() throws {
        try Libvips.start()
        let token = try VipsImageRef(#require(vips_image_new()))
        ip_kill(token.pointer)
        #expect(try Self.load("\(Self.planes)/s2x2.jpg", token: token).status == -1)
    }

    @Test func whichPlansTakeThePlanes() throws {
        let header = try SourceHeader.read(path: "\(Self.planes)/s2x2.jpg")
        func applies(_ json: String, _ header: SourceHeader = header) throws -> Bool {
            let config = try ConfigurationParser().parse(Data(json.utf8))
            return PlanarJPEGRender.applies(to: Planner.plan(config, source: header.planningInput), header: header, output: config.output)
        }
        let resize = #"{"type": "resize", "outputs": [{"width": 100}, {"width": 50, "height": 50, "fit": "fill"}]}"#
        #expect(try applies(#"{"features": [\#(resize)], "output": {"format": "jpeg"}}"#))
        #expect(try applies(#"{"features": [\#(resize), {"type": "compress", "outputs": [{"quality": 60}, {"quality": 95}, {"lossless": true}]}], "output": {"format": "jpeg"}}"#))
        #expect(try applies(#"{"features": [{"type": "compress", "outputs": [{"quality": 70}, {"quality": 90}]}], "output": {"format": "jpeg"}}"#))
        // A lone output at full scale streams through the general path.
        #expect(try !applies(#"{"features": [{"type": "compress", "outputs": [{"quality": 70}]}], "output": {"format": "jpeg"}}"#))
        #expect(try !applies(#"{"features": [{"type": "resize", "outputs": [{"width": 200}]}], "output": {"format": "jpeg"}}"#))
        #expect(try applies(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}], "output": {"format": "jpeg"}}"#))
        // Any leaf that is not a plain resize into a JPEG without metadata sends the whole plan
        // the general way, so a leaf made alone has the bytes it has among the others.
        #expect(try !applies(#"{"features": [\#(resize), {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "png"}]}]}"#))
        #expect(try !applies(#"{"features": [{"type": "resize", "outputs": [{"width": 100}, {"width": 50, "height": 50, "fit": "cover"}]}], "output": {"format": "jpeg"}}"#))
        #expect(try !applies(#"{"features": [{"type": "resize", "outputs": [{"width": 50, "height": 50, "fit": "contain"}]}], "output": {"format": "jpeg"}}"#))
        #expect(try !applies(#"{"features": [\#(resize), {"type": "grayscale", "outputs": [{}]}], "output": {"format": "jpeg"}}"#))
        #expect(try !applies(#"{"features": [\#(resize), {"type": "compress", "outputs": [{"maxBytes": 5000}]}], "output": {"format": "jpeg"}}"#))
        #expect(try !applies(#"{"features": [\#(resize)], "output": {"format": "jpeg", "metadata": "keep"}}"#))
        var turned = header
        turned.orientation = 6
        #expect(try !applies(#"{"features": [\#(resize)], "output": {"format": "jpeg"}}"#, turned))
        let png = try SourceHeader.read(path: "\(fixtures)/white-200x100.png")
        #expect(try !applies(#"{"features": [\#(resize)], "output": {"format": "jpeg"}}"#, png))
        // A 24 MP photo: resized, its planes at the DCT scale are small; recompressed at full
        // size they would be 72 MB decoded whole, and the general path streams it instead.
        var large = header
        large.size = PixelSize(width: 6000, height: 4000)
        #expect(try applies(#"{"features": [\#(resize)], "output": {"format": "jpeg"}}"#, large))
        #expect(try applies(#"{"features": [{"type": "resize", "outputs": [{"width": 3000}]}], "output": {"format": "jpeg"}}"#, large))
        #expect(try applies(#"{"features": [{"type": "resize", "outputs": [{"width": 3000}, {"width": 1000}]}], "output": {"format": "jpeg"}}"#, large))
        #expect(try !applies(#"{"features": [{"type": "compress", "outputs": [{"quality": 70}]}], "output": {"format": "jpeg"}}"#, large))
    }

    /// Shrinks, an odd size, a one-pixel output, an enlargement and no resize at all; 4:2:0
    /// (quality 80) and 4:4:4 (quality 95) outputs.
    static let matrix = #"""
        {"features": [
          {"type": "resize", "outputs": [{"width": 150}, {"width": 77, "height": 33, "fit": "fill"}, {"width": 1, "height": 1, "fit": "fill"},
                                          {"width": 640}, {"percent": 100}]},
          {"type": "compress", "outputs": [{"quality": 80}, {"quality": 95}]}
        ], "output": {"format": "jpeg"}}
        """#

    /// With every output 4:2:0 the chroma is read halved (`halveChroma`); with a 4:4:4 output
    /// among them it keeps the file's resolution.
    @Test(arguments: sources, [true, false]) func everyOutputHasTheGeneralPathsPixels(name: String, all420: Bool) throws {
        let path = "\(Self.planes)/\(name).jpg"
        let json = all420 ? Self.matrix.replacingOccurrences(of: #"{"quality": 95}"#, with: #"{"quality": 70}"#) : Self.matrix
        let planar = try renderAll(json, path)
        let general = try renderAll(json, path, planes: false)
        // The same pixels written losslessly: what both JPEGs are compared with.
        let exact = try renderAll(json.replacingOccurrences(of: #""format": "jpeg""#, with: #""format": "png""#), path)
        #expect(planar.failures.isEmpty && general.failures.isEmpty)
        // Ten leaves, fewer where two resizes are the same (nothing to shrink in a tiny source).
        #expect(planar.files.count >= 2 && general.files.count == planar.files.count && exact.files.count == planar.files.count,
                "\(planar.files.count), \(general.files.count), \(exact.files.count)")
        for ((mine, theirs), reference) in zip(zip(planar.files, general.files), exact.files) {
            let label = "\(name) \(mine.leaf.labels)"
            let expected = try #require(mine.leaf.size)
            #expect(mine.probe.size == expected && mine.image.size == expected, "\(label)")
            #expect(mine.probe.bands == 3 && mine.image.format == .jpeg, "\(label)")
            let ours = try mine.probe.difference(to: reference.probe)
            let libvips = try theirs.probe.difference(to: reference.probe)
            // As close to the exact pixels as the general path's JPEG, within JPEG noise. An
            // output of a handful of pixels is a mean over a whole plane, which the two paths
            // take in different orders (RGB or YCbCr, chroma at its own resolution): a few
            // levels apart, never a wrong colour.
            if expected.pixelCount >= 64 {
                #expect(ours.mean <= libvips.mean * 1.25 + 0.5, "\(label): \(ours) against \(libvips)")
            } else {
                #expect(ours.mean <= libvips.mean + 3 && ours.largest <= libvips.largest + 8, "\(label): \(ours) against \(libvips)")
            }
            #expect(try mine.probe.meanDifference(to: theirs.probe) < 3, "\(label)")
        }
    }

    /// A chroma plane of an odd-sized picture ends in a sample that stands for half: sized by
    /// counts instead of extents, the colours drift up to half a chroma sample towards the far
    /// edges. Sharp colour edges at odd output sizes show it.
    @Test func colourEdgesStayWhereTheLumaIs() throws {
        let sizes = [(97, 33), (33, 97), (151, 101), (75, 51), (299, 199)]
        let outputs = sizes.map { #"{"width": \#($0.0), "height": \#($0.1), "fit": "fill"}"# }.joined(separator: ", ")
        let json = #"{"features": [{"type": "resize", "outputs": [\#(outputs)]}], "output": {"format": "jpeg"}}"#
        let path = "\(Self.planes)/colour-edges.jpg"
        let planar = try renderAll(json, path)
        let general = try renderAll(json, path, planes: false)
        let exact = try renderAll(json.replacingOccurrences(of: #""format": "jpeg""#, with: #""format": "png""#), path, planes: false)
        #expect(planar.files.count == sizes.count && general.files.count == sizes.count && exact.files.count == sizes.count)
        for ((mine, theirs), reference) in zip(zip(planar.files, general.files), exact.files) {
            let ours = try mine.probe.difference(to: reference.probe), libvips = try theirs.probe.difference(to: reference.probe)
            #expect(ours.mean <= libvips.mean * 1.1, "\(mine.leaf.labels): \(ours) against \(libvips)")
        }
    }

    @Test func aLeafMadeAloneHasTheBytesItHasAmongTheOthers() throws {
        let path = "\(samples)/fallenleaf_2560x1600.jpg"
        let whole = try renderAll(Self.matrix, path, parallelism: 2)
        #expect(whole.files.count == 10)
        for file in whole.files {
            let alone = try renderAll(Self.matrix, path, only: [file.index])
            #expect(alone.files.map(\.image.bytes) == [file.image.bytes], "\(file.leaf.labels)")
        }
    }

    @Test func aDamagedFileFailsAsItDidUnlessDamageIsAccepted() throws {
        // The decoder declines at libjpeg's first warning; the general path then applies the
        // operator's policy and names the damage.
        let path = "\(Self.planes)/truncated.jpg"
        let (config, header, plan) = try Self.strictlyCorrupt(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}], "output": {"format": "jpeg"}}"#, path)
        var lenient = SourcePolicy()
        lenient.acceptDamaged = true
        let made = Mutex<[PixelSize]>([])
        try SourceRenderer(output: config.output, policy: lenient).render(path: path, header: header, plan: plan) { event in
            if case .file(_, _, let image) = event { made.withLock { $0.append(image.size) } }
        }
        #expect(made.withLock { $0 } == [PixelSize(width: 100, height: 67)])
    }

    /// libjpeg-turbo's fast Huffman decoder, which runs while enough of the file is buffered,
    /// turns a bad code into a zero without a warning; only its slow path warns. This photo with
    /// four bytes changed decodes "cleanly" from a 64 KB buffer, and a 64 KB reader (tried in
    /// `53b725f`) wrote three outputs of it where the general path reports the damage.
    @Test func damageTheFastDecoderWouldHideIsStillReported() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(samples)/fallenleaf_2560x1600.jpg"))
        for (offset, value) in [(85033, 131), (238910, 217), (388203, 116), (522518, 215)] as [(Int, UInt8)] {
            bytes[offset] = value
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).jpg").path
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Self.strictlyCorrupt(#"{"features": [{"type": "resize", "outputs": [{"width": 100}, {"width": 50}, {"width": 120, "height": 40, "fit": "fill"}]}], "output": {"format": "jpeg"}}"#, path)
    }

    /// Plans `json` for the damaged file at `path`, checks that the planes would take it, and
    /// checks that rendering it with the default policy fails as `CORRUPT_IMAGE`.
    static func strictlyCorrupt(_ json: String, _ path: String) throws -> (PipelineConfig, SourceHeader, ExecutionPlan) {
        let config = try ConfigurationParser().parse(Data(json.utf8))
        let header = try SourceHeader.read(path: path)
        let plan = Planner.plan(config, source: header.planningInput)
        #expect(PlanarJPEGRender.applies(to: plan, header: header, output: config.output))
        let error = #expect(throws: ImagingError.self) {
            try SourceRenderer(output: config.output).render(path: path, header: header, plan: plan) { _ in }
        }
        #expect(error?.code == .corruptImage, "\(path)")
        return (config, header, plan)
    }

    @Test func aCancelledSourceStopsWithItsTimeout() throws {
        let path = "\(Self.planes)/s2x2.jpg"
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}], "output": {"format": "jpeg"}}"#.utf8))
        let header = try SourceHeader.read(path: path)
        let cancellation = RenderCancellation()
        cancellation.cancel()
        let error = #expect(throws: ImagingError.self) {
            try SourceRenderer(output: config.output, cancellation: cancellation)
                .render(path: path, header: header, plan: Planner.plan(config, source: header.planningInput)) { _ in }
        }
        #expect(error?.code == .sourceTimeout)
    }
}
