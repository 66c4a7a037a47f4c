import Foundation
import Imaging
import PipelineCore
import Synchronization
import Testing

/// The test fixtures folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
/// The repository's Samples folder.
let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples").path

/// One rendered leaf, written to a temporary file and opened again with libvips.
struct RenderedLeaf {
    var leaf: PlannedLeaf
    var image: EncodedImage
    var probe: ImageProbe
}

/// Plans `json` for the image at `path`, renders every computed leaf, and reads each back.
func render(_ json: String, _ path: String) throws -> [RenderedLeaf] {
    let config = try ConfigurationParser().parse(Data(json.utf8))
    let header = try SourceHeader.read(path: path)
    let plan = Planner.plan(config, source: header.planningInput)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let written = Mutex<[(Int, EncodedImage, String)]>([])
    try SourceRenderer(output: config.output).render(path: path, plan: plan) { index, image in
        let file = "\(folder)/\(index).\(image.format.fileExtension)"
        try Data(image.bytes).write(to: URL(fileURLWithPath: file))
        written.withLock { $0.append((index, image, file)) }
    }
    let results = try written.withLock { $0 }.sorted { $0.0 < $1.0 }.map { index, image, file in
        RenderedLeaf(leaf: plan.leaves[index], image: image, probe: try ImageProbe(path: file))
    }
    #expect(results.count == plan.computedLeaves.count)
    return results
}
