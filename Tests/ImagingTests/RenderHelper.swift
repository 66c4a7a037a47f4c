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

/// One rendered file of a leaf (a leaf cut into tiles gives several), written to a temporary
/// file and opened again with libvips.
struct RenderedLeaf {
    var index: Int
    var leaf: PlannedLeaf
    /// "" for a whole image, `_03` or `_r1_c2` for a tile.
    var suffix: String
    var image: EncodedImage
    var probe: ImageProbe
}

/// Everything rendering one source gave.
struct RenderResult {
    var files: [RenderedLeaf]
    var failures: [Int: ImagingError]
    var warnings: [ImagingWarning] = []
}

/// Plans `json` for the image at `path`, renders every computed leaf, and reads each back.
func render(_ json: String, _ path: String, assets: String = fixtures) throws -> [RenderedLeaf] {
    let result = try renderAll(json, path, assets: assets)
    #expect(result.failures.isEmpty, "\(result.failures)")
    return result.files
}

/// As `render`, also returning the leaves that failed on their own.
func renderAll(_ json: String, _ path: String, assets: String = fixtures, parallelism: Int = 1, planes: Bool = true,
               only: Set<Int>? = nil) throws -> RenderResult {
    let config = try ConfigurationParser().parse(Data(json.utf8))
    let header = try SourceHeader.read(path: path)
    let plan = Planner.plan(config, source: header.planningInput)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let written = Mutex<[(Int, String, EncodedImage, String)]>([])
    let failed = Mutex<[Int: ImagingError]>([:])
    let warnings = Mutex<[ImagingWarning]>([])
    var renderer = SourceRenderer(output: config.output)
    renderer.assets = WatermarkAssets(directory: assets)
    renderer.parallelism = parallelism
    renderer.decodesPlanes = planes
    renderer.onlyLeaves = only
    try renderer.render(path: path, header: header, plan: plan) { event in
        switch event {
        case .file(let index, let suffix, let image):
            let file = "\(folder)/\(index)\(suffix).\(image.format.fileExtension)"
            try Data(image.bytes).write(to: URL(fileURLWithPath: file))
            written.withLock { $0.append((index, suffix, image, file)) }
        case .leafFailed(let index, let error):
            failed.withLock { $0[index] = error }
        case .warning(let warning):
            warnings.withLock { $0.append(warning) }
        }
    }
    let files = try written.withLock { $0 }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { index, suffix, image, file in
        RenderedLeaf(index: index, leaf: plan.leaves[index], suffix: suffix, image: image, probe: try ImageProbe(path: file))
    }
    let failures = failed.withLock { $0 }
    #expect(Set(files.map(\.index)).count + failures.count == (only?.count ?? plan.computedLeaves.count))
    return RenderResult(files: files, failures: failures, warnings: warnings.withLock { $0 })
}
