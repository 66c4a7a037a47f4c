import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Testing

/// A JPEG decoded in full and shared by several outputs is narrowed through a copy turned a
/// quarter (libvips 8.14 vectorises only its vertical reduce). These tests hold that path to
/// the direct one, libvips' own resize of the same pixels: the same sizes, and pixels that
/// differ only by rounding.
@Suite struct TurnedResizeTests {
    static let photo = "\(samples)/fallenleaf_2560x1600.jpg"

    /// The photo decoded in full, in memory.
    static func decoded() throws -> VipsImageRef {
        try Libvips.start()
        var out: UnsafeMutablePointer<VipsImage>?
        guard ip_jpeg_load(photo, 1, 3, &out) == 0, let out else { throw ImagingError(code: .corruptImage, message: photo) }
        return try VipsImageRef(out).materialized()
    }

    /// libvips' resize of `image` to `size`, in memory.
    static func resized(_ image: VipsImageRef, _ size: PixelSize) throws -> VipsImageRef {
        let h = Double(size.width) / Double(image.size.width), v = Double(size.height) / Double(image.size.height)
        return try image.derive("resizing") { ip_resize($0, h, v, $1) }.materialized()
    }

    static func difference(_ a: VipsImageRef, _ b: VipsImageRef) -> (mean: Double, largest: Double) {
        var mean = 0.0, largest = 0.0
        #expect(ip_difference(a.pointer, b.pointer, &mean, &largest) == 0)
        return (mean, largest)
    }

    @Test(arguments: [PixelSize(width: 1920, height: 1200), PixelSize(width: 640, height: 400), PixelSize(width: 77, height: 48),
                      PixelSize(width: 1000, height: 1600), PixelSize(width: 2000, height: 900)])
    func resizingThroughTheTurnedCopyMatchesTheDirectResize(size: PixelSize) throws {
        let image = try Self.decoded()
        let turned = try image.derive("turning") { ip_turn($0, 1, $1) }.materialized()
        let hscale = Double(size.width) / Double(image.size.width), vscale = Double(size.height) / Double(image.size.height)
        let viaTurned = try PixelOperations.resizeTurned(turned, hscale: hscale, vscale: vscale, target: size).materialized()
        let direct = try Self.resized(image, size)
        #expect(viaTurned.size == size)
        let difference = Self.difference(viaTurned, direct)
        #expect(difference.mean < 0.5, "\(size): mean difference \(difference.mean)")
        #expect(difference.largest <= 16, "\(size): largest difference \(difference.largest)")
    }

    @Test func aSharedFullDecodeMatchesTheDirectResizes() throws {
        // 1920 needs no DCT scale of the 2560 px photo: decoded in full, narrowed turned, and
        // the other widths made from the turned copy.
        let widths = [1920, 1280, 960, 640, 320]
        let outputs = widths.map { #"{"width": \#($0)}"# }.joined(separator: ",")
        let rendered = try render(#"{"features": [{"type": "resize", "outputs": [\#(outputs)]}], "output": {"format": "png"}}"#, Self.photo)
        #expect(rendered.map(\.probe.size.width) == widths)
        let base = try Self.resized(try Self.decoded(), PixelSize(width: 1920, height: 1200))
        for output in rendered {
            let reference = output.probe.size.width == 1920 ? base : try Self.resized(base, output.probe.size)
            let difference = Self.difference(output.probe.image, reference)
            #expect(difference.mean < 0.5, "\(output.leaf.labels): mean difference \(difference.mean)")
            #expect(difference.largest <= 16, "\(output.leaf.labels): largest difference \(difference.largest)")
        }
    }
}
