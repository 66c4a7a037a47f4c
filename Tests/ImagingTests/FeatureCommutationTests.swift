import Foundation
import Imaging
import PipelineCore
import Testing

/// The planner swaps two features only when `FeatureCommutation` says they commute. These
/// tests hold that rule to what libvips does: swapped pairs give the same files (identical
/// bytes for encode-stage features; for colour features the same sizes and pixels within
/// `tolerance`), and the pairs kept in order really differ when swapped.
@Suite struct FeatureCommutationTests {
    /// At most this many levels of 255 on any pixel (measured: up to 5, for grayscale and resize).
    static let tolerance = 6.0
    let photo = "\(samples)/fallenleaf_2560x1600.jpg"

    /// Renders `first` then `second` and the other way round (declared order, PNG) and returns
    /// the pixel difference of each leaf pair.
    private func swapped(_ first: String, _ second: String) throws -> [(mean: Double, largest: Double)] {
        let base = #"{"type": "resize", "outputs": [{"width": 480}]}"#
        let ab = try render(#"{"order": "declared", "features": [\#(base), \#(first), \#(second)], "output": {"format": "png"}}"#, photo)
        let ba = try render(#"{"order": "declared", "features": [\#(base), \#(second), \#(first)], "output": {"format": "png"}}"#, photo)
        #expect(ab.count == ba.count)
        return try zip(ab, ba).map { one, other in
            #expect(one.probe.size == other.probe.size)
            return try one.probe.difference(to: other.probe)
        }
    }

    @Test(arguments: [
        #"{"type": "resize", "outputs": [{"width": 200}, {"percent": 37}]}"#,
        #"{"type": "blur", "outputs": [{"sigma": 2}]}"#,
        #"{"type": "crop", "outputs": [{"width": 100, "height": 80, "gravity": "southeast"}, {"shape": "circle", "radius": 50}]}"#,
        #"{"type": "rotate", "outputs": [{"angle": 90}, {"flip": "vertical"}]}"#,
        #"{"type": "grid", "outputs": [{"columns": 2, "rows": 2}]}"#,
    ])
    func grayscaleCommutesWithinRoundingWhereTheRuleSaysSo(other: String) throws {
        let gray = #"{"type": "grayscale"}"#
        let config = try ConfigurationParser().parse(Data(#"{"features": [\#(gray), \#(other)]}"#.utf8))
        #expect(FeatureCommutation.commute(config.features[0], config.features[1], output: config.output))
        for difference in try swapped(gray, other) {
            #expect(difference.largest <= Self.tolerance)
            #expect(difference.mean < 0.3)
        }
    }

    @Test(arguments: [
        (#"{"type": "grayscale"}"#, #"{"type": "sharpen", "outputs": [{"sigma": 1}]}"#),
        (#"{"type": "blur", "outputs": [{"sigma": 2}]}"#, #"{"type": "sharpen", "outputs": [{"sigma": 1}]}"#),
        (#"{"type": "grayscale"}"#, ##"{"type": "watermark", "outputs": [{"text": "WATERMARK", "size": 60, "color": "#ff0000", "opacity": 1}]}"##),
        (#"{"type": "blur", "outputs": [{"sigma": 3}]}"#, #"{"type": "resize", "outputs": [{"width": 200}]}"#),
    ])
    func pairsKeptInOrderReallyDifferWhenSwapped(first: String, second: String) throws {
        let config = try ConfigurationParser().parse(Data(#"{"features": [\#(first), \#(second)]}"#.utf8))
        #expect(!FeatureCommutation.commute(config.features[0], config.features[1], output: config.output))
        let largest = try swapped(first, second).map(\.largest).max() ?? 0
        #expect(largest > Self.tolerance)
    }

    /// The acceptance rule of the planner: with `order: auto` and `order: declared` a
    /// configuration gives the same files: the same paths and sizes, identical bytes where
    /// only encode-stage features moved, and pixels within rounding where colour ones did.
    @Test func autoAndDeclaredOrderGiveTheSameFiles() throws {
        let features = #"""
            [{"type": "resize", "outputs": [{"width": 600}, {"width": 300}, {"width": 150}]},
             {"type": "crop", "outputs": [{"width": 120, "height": 120}]},
             {"type": "grayscale"},
             {"type": "convert", "outputs": [{"format": "png"}, {"format": "tiff"}]},
             {"type": "compress", "outputs": [{"lossless": true}]}]
            """#
        let auto = try ConfigurationParser().parse(Data(#"{"features": \#(features)}"#.utf8))
        let plan = Planner.plan(auto)
        #expect(plan.plannedOrder != plan.declaredOrder) // the planner does move something here
        let autoFiles = try render(#"{"features": \#(features)}"#, photo)
        let declaredFiles = try render(#"{"order": "declared", "features": \#(features)}"#, photo)
        #expect(autoFiles.map(\.leaf.labels) == declaredFiles.map(\.leaf.labels))
        for (one, other) in zip(autoFiles, declaredFiles) {
            #expect(one.probe.size == other.probe.size)
            let difference = try one.probe.difference(to: other.probe)
            #expect(difference.largest <= Self.tolerance, "\(one.leaf.labels) \(difference)")
        }
        // (Compared losslessly: a lossy encoder turns a 1-level difference into larger ones.)
        // Only encode-stage features move: the bytes are identical.
        let encodeOnly = #"[{"type": "resize", "outputs": [{"width": 300}, {"width": 100}]}, {"type": "convert", "outputs": [{"format": "jpeg"}]}, {"type": "compress", "outputs": [{"quality": 60}]}]"#
        let encodeConfig = try ConfigurationParser().parse(Data(#"{"features": \#(encodeOnly)}"#.utf8))
        #expect(Planner.plan(encodeConfig).plannedOrder == [1, 2, 0])
        let a = try render(#"{"features": \#(encodeOnly)}"#, photo)
        let b = try render(#"{"order": "declared", "features": \#(encodeOnly)}"#, photo)
        #expect(a.map(\.image.sha256) == b.map(\.image.sha256))
    }
}
