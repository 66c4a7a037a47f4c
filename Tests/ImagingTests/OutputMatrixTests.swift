import Foundation
import Imaging
import PipelineCore
import Testing

/// Every feature type and every fit and gravity mode, as a one-output configuration and as a
/// two-output one, over one source of every readable kind. A configuration with a lone smart
/// crop once failed on every photo while every test passed, because every test configuration
/// had several outputs: the lone-output path (which streams from the decoder when it can) and
/// the shared path must both be taken for every case.
@Suite struct OutputMatrixTests {
    /// One small source of every kind the engine reads (see `Fixtures/matrix/`).
    static let sources = [
        "baseline.jpg", "progressive.jpg", "rotated-6.jpg", "cmyk.jpg", "rgba.png", "16-bit.png", "palette.png",
        "lossy.webp", "alpha.webp", "still.gif", "animated.gif", "image.tif", "image.avif", "extreme-3x240.png",
    ]

    /// A feature (or features) with exactly one output, named for what it exercises.
    static let cases: [(name: String, features: String, output: String)] = [
        ("width", #"{"type": "resize", "outputs": [{"width": 50}]}"#, ""),
        ("height", #"{"type": "resize", "outputs": [{"height": 30}]}"#, ""),
        ("percent", #"{"type": "resize", "outputs": [{"percent": 150}]}"#, ""),
        ("template", #"{"type": "resize", "outputs": [{"template": "tiktok-profile"}]}"#, ""),
        ("inside", #"{"type": "resize", "outputs": [{"width": 64, "height": 64, "fit": "inside"}]}"#, ""),
        ("outside", #"{"type": "resize", "outputs": [{"width": 40, "height": 40, "fit": "outside"}]}"#, ""),
        ("contain", #"{"type": "resize", "outputs": [{"width": 64, "height": 64, "fit": "contain", "gravity": "south"}]}"#, ""),
        ("fill", #"{"type": "resize", "outputs": [{"width": 70, "height": 20, "fit": "fill", "scaling": "both"}]}"#, ""),
        ("cover-centre", #"{"type": "resize", "outputs": [{"width": 48, "height": 48, "fit": "cover"}]}"#, ""),
        ("cover-northeast", #"{"type": "resize", "outputs": [{"width": 48, "height": 30, "fit": "cover", "gravity": "northeast"}]}"#, ""),
        ("cover-attention", #"{"type": "resize", "outputs": [{"width": 48, "height": 48, "fit": "cover", "gravity": "attention"}]}"#, ""),
        ("cover-entropy", #"{"type": "resize", "outputs": [{"width": 60, "height": 20, "fit": "cover", "gravity": "entropy"}]}"#, ""),
        ("cover-up-attention", #"{"type": "resize", "outputs": [{"width": 300, "height": 300, "fit": "cover", "gravity": "attention", "scaling": "both"}]}"#, ""),
        ("up-only", #"{"type": "resize", "outputs": [{"width": 200, "scaling": "upOnly"}]}"#, ""),
        ("crop", #"{"type": "crop", "outputs": [{"shape": "rectangle", "width": 40, "height": 30, "gravity": "southwest", "offsetX": 2}]}"#, ""),
        ("crop-attention", #"{"type": "crop", "outputs": [{"shape": "rectangle", "width": 40, "height": 30, "gravity": "attention"}]}"#, ""),
        ("crop-entropy", #"{"type": "crop", "outputs": [{"shape": "rectangle", "width": 30, "height": 40, "gravity": "entropy"}]}"#, ""),
        ("circle", #"{"type": "crop", "outputs": [{"shape": "circle", "radius": 20}]}"#, #""format": "png""#),
        ("circle-attention", #"{"type": "crop", "outputs": [{"shape": "circle", "radius": 16, "gravity": "attention"}]}"#, #""format": "webp""#),
        ("rotate", #"{"type": "rotate", "outputs": [{"angle": 90}]}"#, ""),
        ("flip", #"{"type": "rotate", "outputs": [{"flip": "vertical"}]}"#, ""),
        ("grayscale", #"{"type": "grayscale"}"#, ""),
        ("blur", #"{"type": "blur", "outputs": [{"sigma": 1.5}]}"#, ""),
        ("sharpen", #"{"type": "sharpen", "outputs": [{"sigma": 1}]}"#, ""),
        ("watermark-image", #"{"type": "watermark", "outputs": [{"image": "red-mark.png", "gravity": "southeast", "scale": 0.2, "opacity": 0.5}]}"#, ""),
        ("watermark-text", #"{"type": "watermark", "outputs": [{"text": "©", "size": 12}]}"#, ""),
        ("slice", #"{"type": "slice", "outputs": [{"direction": "vertical", "size": 25}]}"#, ""),
        ("grid", #"{"type": "grid", "outputs": [{"columns": 2, "rows": 2}]}"#, ""),
        ("compress", #"{"type": "compress", "outputs": [{"quality": 40}]}"#, ""),
        ("max-bytes", #"{"type": "compress", "outputs": [{"maxBytes": 4000}]}"#, #""format": "jpeg""#),
        ("lossless", #"{"type": "compress", "outputs": [{"lossless": true}]}"#, #""format": "webp""#),
        ("convert-png", #"{"type": "convert", "outputs": [{"format": "png"}]}"#, ""),
        ("convert-webp", #"{"type": "convert", "outputs": [{"format": "webp"}]}"#, ""),
        ("convert-tiff", #"{"type": "convert", "outputs": [{"format": "tiff"}]}"#, ""),
        ("animation-keep", #"{"type": "resize", "outputs": [{"width": 40, "height": 40, "fit": "cover", "gravity": "attention"}]}"#,
         #""format": "gif", "animation": "keep""#),
        ("smart-then-tiles", #"{"type": "resize", "outputs": [{"template": "instagram-square"}]}, {"type": "grid", "outputs": [{"columns": 3, "rows": 1}]}"#, ""),
    ]

    /// The case's configuration (JPEG unless it says otherwise); with `twoOutputs`, a second
    /// encoding of every leaf (two formats, or two qualities where the case converts), so the
    /// decoded image is shared by two outputs instead of streamed to one.
    static func configuration(_ features: String, _ output: String, twoOutputs: Bool) -> String {
        let second = !twoOutputs ? ""
            : features.contains(#""convert""#) ? #", {"type": "compress", "outputs": [{"quality": 60}, {"quality": 90}]}"#
            : #", {"type": "convert", "outputs": [{"format": "png"}, {"format": "webp"}]}"#
        let settings = output.contains(#""format""#) ? output : #""format": "jpeg""# + (output.isEmpty ? "" : ", " + output)
        return #"{"features": [\#(features)\#(second)], "output": {\#(settings)}}"#
    }

    @Test(arguments: [false, true])
    func everyCaseGivesEveryOutputAtThePlannedSizeFromEverySource(twoOutputs: Bool) throws {
        var failures: [String] = []
        var outputs = 0
        for source in Self.sources {
            let path = "\(fixtures)/matrix/\(source)"
            let header = try SourceHeader.read(path: path)
            for item in Self.cases {
                let json = Self.configuration(item.features, item.output, twoOutputs: twoOutputs)
                let config = try ConfigurationParser().parse(Data(json.utf8))
                let plan = Planner.plan(config, source: header.planningInput)
                #expect(plan.leaves.count == (twoOutputs ? 2 : 1), "\(item.name)")
                let result: RenderResult
                do {
                    // A lone output is made as the CLI makes one source: with both cores.
                    result = try renderAll(json, path, parallelism: twoOutputs ? 1 : 2)
                } catch {
                    failures.append("\(item.name) × \(source): \(error)")
                    continue
                }
                for (index, error) in result.failures { failures.append("\(item.name) × \(source) leaf \(index): \(error)") }
                for (index, leaf) in plan.computedLeaves {
                    let files = result.files.filter { $0.index == index }
                    let expectedFiles = leaf.fileCount ?? 1
                    if files.count != expectedFiles {
                        failures.append("\(item.name) × \(source): \(files.count) files where the plan says \(expectedFiles)")
                    }
                    for file in files {
                        // `pipeline plan --source` prints these sizes: the file must open at them.
                        if let size = leaf.size, file.probe.size != size {
                            failures.append("\(item.name) × \(source): opened at \(file.probe.size), planned \(size)")
                        }
                        if file.image.size != file.probe.size {
                            failures.append("\(item.name) × \(source): reported \(file.image.size), opened at \(file.probe.size)")
                        }
                        if item.name == "animation-keep", source == "animated.gif", [.gif, .webp].contains(file.image.format),
                           file.probe.frames != header.frames {
                            failures.append("\(item.name) × \(source): \(file.probe.frames) frames of \(header.frames)")
                        }
                    }
                    outputs += files.count
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
        #expect(outputs >= Self.sources.count * Self.cases.count * (twoOutputs ? 2 : 1))
    }
}
