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

    /// A feature (or features) with exactly one output, named for what it exercises, and the
    /// case's `output` settings (`Fixtures/matrix/cases.json`: the console's browser test loads
    /// the same cases into the builder).
    struct Case: Decodable {
        var name: String
        var features: [JSONValue]
        var output: [String: JSONValue]
    }

    static let cases: [Case] = {
        do {
            return try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: "\(fixtures)/matrix/cases.json")))
        } catch {
            preconditionFailure("Fixtures/matrix/cases.json: \(error)")
        }
    }()

    /// The case's configuration (JPEG unless it says otherwise); with `twoOutputs`, a second
    /// encoding of every leaf (two formats, or two qualities where the case converts), so the
    /// decoded image is shared by two outputs instead of streamed to one.
    static func configuration(_ item: Case, twoOutputs: Bool) throws -> String {
        var features = item.features
        if twoOutputs {
            let converts = features.contains { feature in
                if case .object(let members) = feature { return members["type"] == .string("convert") }
                return false
            }
            features.append(converts
                ? .object(["type": .string("compress"), "outputs": .array([.object(["quality": .number(60)]), .object(["quality": .number(90)])])])
                : .object(["type": .string("convert"), "outputs": .array([.object(["format": .string("png")]), .object(["format": .string("webp")])])]))
        }
        var settings = item.output
        if settings["format"] == nil { settings["format"] = .string("jpeg") }
        let document = JSONValue.object(["features": .array(features), "output": .object(settings)])
        return String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func everyCaseGivesEveryOutputAtThePlannedSizeFromEverySource(twoOutputs: Bool) throws {
        var failures: [String] = []
        var outputs = 0
        for source in Self.sources {
            let path = "\(fixtures)/matrix/\(source)"
            let header = try SourceHeader.read(path: path)
            for item in Self.cases {
                let json = try Self.configuration(item, twoOutputs: twoOutputs)
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
