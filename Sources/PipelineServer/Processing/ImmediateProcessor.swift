import Foundation
import Imaging
import Packaging
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

    /// `pipeline` to compress a PDF with, in a process of its own (SPEC §12); nil: PDFs are refused.
    var documentExecutable: String?

    enum Made: Sendable {
        /// One output: an image, or a PDF with the manifest of the job that made it.
        case image(EncodedImage, labels: [String], manifest: Manifest? = nil)
        case archive(path: String, manifest: Manifest)

        /// The job's manifest, when a job's runner made it.
        var manifest: Manifest? {
            switch self {
            case .image(_, _, let manifest): manifest
            case .archive(_, let manifest): manifest
            }
        }
    }

    /// Why nothing was made: the engine's code and words (`SOURCE_TIMEOUT` at the time limit).
    typealias Failure = SingleOutputRender.Failure

    func run(path: String, name: String, header: SourceHeader) async throws(Failure) -> Made {
        // A PDF to compress is not planned as an image (its header has no pixel size: a resize
        // of 0 x 0 pixels trapped the server); the job runner makes its documents.
        let document = header.format == .pdf && config.output.pdf == .compress
        if !document {
            let plan = Planner.plan(config, source: header.planningInput)
            let tiled = plan.leaves.contains { ($0.fileCount ?? 1) > 1 }
            if plan.leaves.count == 1, !tiled, let leaf = plan.leaves.first {
                let render = SingleOutputRender(config: config, labels: leaf.labels, policy: policy, assets: assets)
                return .image(try await render.run(path: path, name: name, timeout: timeout), labels: leaf.labels)
            }
        }
        var bounded = policy
        bounded.timeoutSeconds = min(policy.timeoutSeconds, timeout)
        var request = JobRequest(config: config, configID: configID, jobID: JobID.random(), sources: [SourceFile(path: path, name: name)],
                                 archivePath: "\(workFolder)/result.zip", concurrency: 1, policy: bounded)
        request.assetDirectory = assets.directory
        request.documentIsolation = documentExecutable.map { SourceIsolation(executable: $0) }
        let result: JobResult
        do {
            result = try await JobRunner().run(request)
        } catch {
            throw Failure(code: "PROCESSING_FAILED", message: "\(name): \(error)")
        }
        if result.manifest.outputs.isEmpty, let failure = result.manifest.failures.first {
            throw Failure(code: failure.code, message: failure.message)
        }
        if document, result.manifest.outputs.count == 1, let output = result.manifest.outputs.first {
            // One PDF: the document itself, as one image would be.
            do {
                let bytes = try ZipArchiveReader(path: result.archivePath).read(output.path)
                let labels = output.path.split(separator: "/").dropFirst().dropLast().map(String.init)
                return .image(EncodedImage(bytes: [UInt8](bytes), size: PixelSize(width: 0, height: 0), format: .pdf, sha256: output.sha256),
                              labels: labels, manifest: result.manifest)
            } catch {
                throw Failure(code: "PROCESSING_FAILED", message: "\(name): \(error)")
            }
        }
        return .archive(path: result.archivePath, manifest: result.manifest)
    }
}
