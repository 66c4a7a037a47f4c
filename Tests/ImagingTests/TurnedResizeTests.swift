import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Synchronization
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

    @Test func aTruncatedFullDecodeIsCorruptUnlessDamageIsAccepted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("turned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let truncated = folder.appendingPathComponent("truncated.jpg").path
        try Data(try Data(contentsOf: URL(fileURLWithPath: Self.photo)).prefix(400_000)).write(to: URL(fileURLWithPath: truncated))
        let json = #"{"features": [{"type": "resize", "outputs": [{"width": 1920}, {"width": 640}]}], "output": {"format": "png"}}"#
        let config = try ConfigurationParser().parse(Data(json.utf8))
        let header = try SourceHeader.read(path: truncated)
        let plan = Planner.plan(config, source: header.planningInput)
        #expect(plan.decodeSize == PixelSize(width: 1920, height: 1200)) // no DCT scale fits: the turned decode
        let error = #expect(throws: ImagingError.self) {
            try SourceRenderer(output: config.output).render(path: truncated, header: header, plan: plan) { _ in }
        }
        #expect(error?.code == .corruptImage)
        #expect(error?.message.contains("Premature end of input file") == true, "\(String(describing: error?.message))")
        // Accepting damage decodes what is there.
        let made = Mutex(0)
        var lenient = SourcePolicy()
        lenient.acceptDamaged = true
        try SourceRenderer(output: config.output, policy: lenient).render(path: truncated, header: header, plan: plan) { event in
            if case .file = event { made.withLock { $0 += 1 } }
        }
        #expect(made.withLock { $0 } == 2)
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
