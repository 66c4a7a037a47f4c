import Foundation
import Imaging
import PipelineCore
import PipelineRuntime

/// The work of one `POST /v1/process` request (SPEC §11), without HTTP: one source through a
/// configuration. A configuration with one output for this source makes that image by the
/// single-output path (the bytes a job's ZIP would hold there); one with several makes the ZIP
/// a job would, by the job runner. Both within `timeout` seconds.
struct ImmediateProcessor: Sendable {
    var config: PipelineConfig
    var configID: ConfigID
    var policy: SourcePolicy
    var assets: WatermarkAssets
    var timeout: TimeInterval
    /// Where the ZIP of several outputs is written.
    var workFolder: String

    enum Made: Sendable {
        case image(EncodedImage, labels: [String])
        case archive(path: String, manifest: Manifest)
    }

    /// Why nothing was made: the engine's code and words (`SOURCE_TIMEOUT` at the time limit).
    typealias Failure = SingleOutputRender.Failure

    func run(path: String, name: String, header: SourceHeader) async throws(Failure) -> Made {
        let plan = Planner.plan(config, source: header.planningInput)
        let tiled = plan.leaves.contains { ($0.fileCount ?? 1) > 1 }
        if plan.leaves.count == 1, !tiled, let leaf = plan.leaves.first {
            let render = SingleOutputRender(config: config, labels: leaf.labels, policy: policy, assets: assets)
            return .image(try await render.run(path: path, name: name, timeout: timeout), labels: leaf.labels)
        }
        var bounded = policy
        bounded.timeoutSeconds = min(policy.timeoutSeconds, timeout)
        var request = JobRequest(config: config, configID: configID, jobID: JobID.random(), sources: [SourceFile(path: path, name: name)],
                                 archivePath: "\(workFolder)/result.zip", concurrency: 1, policy: bounded)
        request.assetDirectory = assets.directory
        let result: JobResult
        do {
            result = try await JobRunner().run(request)
        } catch {
            throw Failure(code: "PROCESSING_FAILED", message: "\(name): \(error)")
        }
        if result.manifest.outputs.isEmpty, let failure = result.manifest.failures.first {
            throw Failure(code: failure.code, message: failure.message)
        }
        return .archive(path: result.archivePath, manifest: result.manifest)
    }
}
