import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// `ip_turn`, the engine's own quarter turn, against libvips' `vips_rot`.
@Suite struct TurnTests {
    static func load(_ path: String) throws -> VipsImageRef {
        try Libvips.start()
        var out: UnsafeMutablePointer<VipsImage>?
        guard ip_load(path, &out) == 0, let out else { throw ImagingError(code: .corruptImage, message: path) }
        return try VipsImageRef(out).materialized()
    }

    static func difference(_ a: VipsImageRef, _ b: VipsImageRef) -> (mean: Double, largest: Double) {
        var mean = 0.0, largest = 0.0
        #expect(ip_difference(a.pointer, b.pointer, &mean, &largest) == 0)
        return (mean, largest)
    }

    @Test(arguments: [("\(fixtures)/six-colours.png", 3), ("\(fixtures)/alpha.png", 4), ("\(samples)/fallenleaf_2560x1600.jpg", 3), ("gray", 1)])
    func turnsExactlyAsLibvipsRotates(path: String, bands: Int) throws {
        var image = try Self.load(path == "gray" ? "\(fixtures)/six-colours.png" : path)
        if path == "gray" { image = try image.derive("gray") { ip_grayscale($0, $1) }.materialized() }
        #expect(Int(image.pointer.pointee.Bands) == bands)
        for (clockwise, angle) in [(Int32(1), Int32(90)), (Int32(0), Int32(270))] {
            let turned = try image.derive("turning") { ip_turn($0, clockwise, $1) }.materialized()
            let rotated = try image.derive("rotating") { ip_rotate($0, angle, $1) }.materialized()
            #expect(turned.size == PixelSize(width: image.size.height, height: image.size.width))
            #expect(turned.size == rotated.size)
            let difference = Self.difference(turned, rotated)
            #expect(difference.largest == 0, "\(path) turned \(angle)°: largest difference \(difference.largest)")
        }
        // Clockwise then anticlockwise is the image again.
        let back = try image.derive("turning") { ip_turn($0, 1, $1) }.derive("turning back") { ip_turn($0, 0, $1) }.materialized()
        #expect(Self.difference(back, image).largest == 0)
    }

    @Test func layoutKeepsTheTurnedCopyOnlyForNarrowingOutputsAndTheUprightOnlyForSeveralReaders() throws {
        let config = try ConfigurationParser().parse(Data(#"""
            {"features": [{"type": "resize", "outputs": [{"width": 1920}, {"width": 640}, {"width": 320}]}], "output": {"format": "jpeg"}}
            """#.utf8))
        let size = PixelSize(width: 1920, height: 1200)
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 2560, height: 1600)))
        let leaves = plan.computedLeaves.map { ($0.index, $0.leaf) }
        // Two narrowing resizes, one output written as decoded: the turned copy, and the
        // upright only as a view.
        let narrowing = SharedImageLayout(leaves: leaves, size: size, plainEightBit: true)
        #expect(narrowing.turned && !narrowing.upright)
        // Alpha (premultiplied float) does not take the vectorised reduce.
        let alpha = SharedImageLayout(leaves: leaves, size: size, plainEightBit: false)
        #expect(!alpha.turned && alpha.upright)
        // Nothing narrows: no turned copy.
        let wide = Array(leaves.prefix(1))
        let none = SharedImageLayout(leaves: wide, size: size, plainEightBit: true)
        #expect(!none.turned && none.upright)
        // Leaves that share their next step share its work: still one reader of the upright.
        let shared = SharedImageLayout(leaves: leaves + [(9, leaves[0].1)], size: size, plainEightBit: true)
        #expect(shared.turned && !shared.upright)
        // Two different steps that read the upright image (a crop, a blur): kept in memory.
        var crop = leaves[0].1, blur = leaves[0].1
        crop.steps = [.crop(CropOutput(shape: .rectangle(width: 100, height: 100)))]
        blur.steps = [.blur(BlurOutput(sigma: 2))]
        let readers = SharedImageLayout(leaves: leaves + [(8, crop), (9, blur)], size: size, plainEightBit: true)
        #expect(readers.turned && readers.upright)
    }
}
