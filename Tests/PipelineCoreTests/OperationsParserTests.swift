import Foundation
import PipelineCore
import Testing

/// Validation of the operation features (crop, rotate, watermark, blur, sharpen, slice, grid,
/// compress maxBytes): every rule with its message.
@Suite struct OperationsParserTests {
    private func feature(_ json: String) -> String { #"{"features": [\#(json)]}"# }

    @Test func cropRules() throws {
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"width": 10}]}"#)) == [
            "features[0].outputs[0].height: is required for a rectangle crop (pixels)",
        ])
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"shape": "circle"}]}"#)) == [
            "features[0].outputs[0].radius: is required for a circle crop (pixels)",
        ])
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"shape": "circle", "radius": 5, "width": 3}]}"#)) == [
            "features[0].outputs[0]: a circle crop takes \"radius\", not \"width\"/\"height\"",
        ])
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"shape": "oval", "width": 3, "height": 3}]}"#)) == [
            "features[0].outputs[0].shape: expected \"rectangle\" or \"circle\", got \"oval\"",
        ])
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"width": 3, "height": 3, "gravity": "attention", "offsetX": 4}]}"#)) == [
            "features[0].outputs[0]: offsets cannot move a crop whose gravity is \"attention\" (libvips chooses where it goes); remove offsetX/offsetY or use a compass gravity",
        ])
        #expect(issues(feature(#"{"type": "crop", "outputs": [{"width": 3, "height": 3, "offsetY": 1.5}]}"#)) == [
            "features[0].outputs[0].offsetY: expected a whole number from -16384 to 16384 pixels, got 1.5",
        ])
        let config = try parse(feature(#"{"type": "crop", "outputs": [{"width": 300, "height": 200, "offsetX": -5}, {"shape": "circle", "radius": 64, "gravity": "north"}]}"#))
        #expect(config.features[0].labels == ["crop-300x200", "circle-r64"])
    }

    @Test func rotateRules() throws {
        #expect(issues(feature(#"{"type": "rotate", "outputs": [{"angle": 45}, {"angle": 90, "flip": "vertical"}, {}, {"flip": "diagonal"}]}"#)) == [
            "features[0].outputs[0].angle: expected 90, 180 or 270 (degrees clockwise), got 45",
            "features[0].outputs[1]: give either \"angle\" or \"flip\", not both; list them as two outputs, or use two rotate features to do both",
            "features[0].outputs[2]: needs \"angle\" (90, 180 or 270, clockwise) or \"flip\" (\"horizontal\" or \"vertical\")",
            "features[0].outputs[3].flip: expected one of \"horizontal\", \"vertical\", got \"diagonal\"",
        ])
        let config = try parse(feature(#"{"type": "rotate", "outputs": [{"angle": 270}, {"flip": "horizontal"}]}"#))
        #expect(config.features[0].labels == ["rotate270", "flip-horizontal"])
    }

    @Test func watermarkRules() throws {
        #expect(issues(feature(#"{"type": "watermark", "outputs": [{}]}"#)) == [
            "features[0].outputs[0]: give either \"image\" (a file path, relative to this configuration) or \"text\", exactly one",
        ])
        #expect(issues(feature(#"{"type": "watermark", "outputs": [{"image": "a.png", "size": 12}]}"#)) == [
            "features[0].outputs[0].size: applies to a text watermark only; remove it",
        ])
        #expect(issues(feature(#"{"type": "watermark", "outputs": [{"text": "x", "color": "red", "gravity": "entropy", "opacity": 2, "scale": 0}]}"#)) == [
            "features[0].outputs[0].opacity: expected a number from 0 to 1, got 2",
            "features[0].outputs[0].scale: expected a number from 0.01 to 1, got 0",
            "features[0].outputs[0].gravity: a watermark sits at a compass point (center, north, northeast, …), not \"entropy\"",
            "features[0].outputs[0].color: expected a colour as \"#rrggbb\", got \"red\"",
        ])
        #expect(issues(feature(#"{"type": "watermark", "outputs": [{"text": "  "}]}"#)) == [
            "features[0].outputs[0].text: is empty; give the text to draw",
        ])
        let config = try parse(feature(#"{"type": "watermark", "outputs": [{"text": "© Example"}, {"image": "logo.png", "opacity": 1, "scale": 0.25}]}"#))
        #expect(config.features[0].labels == ["watermark1", "watermark2"])
        guard case .watermark(let outputs) = config.features[0].kind else { Issue.record("not a watermark"); return }
        #expect(outputs[0] == WatermarkOutput(mark: .text("© Example", font: "sans", size: 24, color: .white)))
        #expect(outputs[1].gravity == .southeast && outputs[1].scale == 0.25 && outputs[1].opacity == 1)
    }

    @Test func blurAndSharpenRules() throws {
        #expect(issues(feature(#"{"type": "blur", "outputs": [{}, {"sigma": 0.1}]}"#)) == [
            "features[0].outputs[0].sigma: is required: the blur's radius (Gaussian sigma) in pixels, 0.3 to 100",
            "features[0].outputs[1].sigma: expected a number from 0.3 to 100, got 0.1",
        ])
        #expect(issues(feature(#"{"type": "sharpen", "outputs": [{"sigma": 1, "jagged": 11, "strength": 2}]}"#)) == [
            "features[0].outputs[0].jagged: expected a number from 0 to 10, got 11",
            "features[0].outputs[0].strength: unknown key; expected one of: flat, jagged, name, sigma, threshold",
        ])
        let config = try parse(#"{"features": [{"type": "blur", "outputs": [{"sigma": 2}, {"sigma": 0.5}]}, {"type": "sharpen", "outputs": [{"sigma": 1.5}]}]}"#)
        #expect(config.features.map(\.labels) == [["blur-s2", "blur-s0.5"], ["sharpen-s1.5"]])
    }

    @Test func sliceAndGridRules() throws {
        #expect(issues(feature(#"{"type": "slice", "outputs": [{"size": 0}, {"direction": "diagonal", "size": 10}]}"#)) == [
            "features[0].outputs[0].size: expected a whole number from 1 to 16384 pixels, got 0",
            "features[0].outputs[0].direction: is required: \"vertical\" (tiles from top to bottom) or \"horizontal\" (left to right)",
            "features[0].outputs[1].direction: expected one of \"vertical\", \"horizontal\", got \"diagonal\"",
        ])
        #expect(issues(feature(#"{"type": "grid", "outputs": [{"columns": 51}]}"#)) == [
            "features[0].outputs[0].columns: expected a whole number from 1 to 50, got 51",
            "features[0].outputs[0].rows: is required (1 to 50)",
        ])
        let config = try parse(#"{"features": [{"type": "slice", "outputs": [{"direction": "vertical", "size": 500}, {"direction": "horizontal", "size": 300}]}, {"type": "grid", "outputs": [{"columns": 3, "rows": 2}]}]}"#)
        #expect(config.features.map(\.labels) == [["slice-v500", "slice-h300"], ["grid-3x2"]])
    }

    @Test func compressMaxBytesRules() throws {
        #expect(issues(feature(#"{"type": "compress", "outputs": [{"maxBytes": 50}, {"maxBytes": 1000, "lossless": true}]}"#)) == [
            "features[0].outputs[0].maxBytes: expected a whole number from 100 to 100000000 bytes, got 50",
            "features[0].outputs[1]: \"maxBytes\" searches for a lossy quality; it cannot be combined with \"lossless\": true",
        ])
        let config = try parse(#"{"features": [{"type": "compress", "maxBytes": 200000, "outputs": [{"quality": 90}, {"maxBytes": 1500}]}]}"#)
        #expect(config.features[0].labels == ["max200kB", "max1500B"])
        guard case .compress(let outputs) = config.features[0].kind else { Issue.record("not compress"); return }
        #expect(outputs.map(\.setting) == [.fitting(maxBytes: 200000, highestQuality: 90), .fitting(maxBytes: 1500, highestQuality: 100)])
    }

    /// The normalised document (in every ZIP, and sent to isolated workers) parses back to the same features.
    @Test func everyOperationRoundTripsThroughTheNormalisedDocument() throws {
        let config = try parse(#"""
        {"features": [
          {"type": "crop", "outputs": [{"width": 30, "height": 20, "offsetX": -3}, {"shape": "circle", "radius": 8, "gravity": "attention"}]},
          {"type": "rotate", "outputs": [{"angle": 90}, {"flip": "vertical", "name": "mirrored"}]},
          {"type": "watermark", "outputs": [{"text": "hi", "font": "serif", "size": 30, "color": "#ff0000", "gravity": "north", "offsetY": 4}, {"image": "logo.png", "scale": 0.2}]},
          {"type": "blur", "outputs": [{"sigma": 1.5}]},
          {"type": "sharpen", "outputs": [{"sigma": 1, "flat": 1, "jagged": 2, "threshold": 3}]},
          {"type": "slice", "outputs": [{"direction": "horizontal", "size": 40}]},
          {"type": "grid", "outputs": [{"columns": 2, "rows": 3}]},
          {"type": "compress", "outputs": [{"maxBytes": 9000, "quality": 85}]}
        ]}
        """#)
        let again = try ConfigurationParser().parse(try JSONEncoder().encode(config))
        #expect(again.features == config.features)
    }
}
