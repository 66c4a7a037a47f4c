import Foundation
import Imaging
import PipelineCore
import Synchronization

/// Runs one source through the plan: header, plan, render, stage each output on disk.
/// Called on a worker thread; a failure affects only this source.
struct SourceProcessor: Sendable {
    var config: PipelineConfig
    var policy: SourcePolicy
    var stagingRoot: String
    /// Outputs of one source made at once (more than 1 only when sources alone cannot keep
    /// every worker busy).
    var outputParallelism: Int = 1

    func process(_ source: SourceFile, index: Int, stem: String, cancellation: RenderCancellation) -> SourceOutcome {
        let folder = "\(stagingRoot)/\(index)"
        do {
            let header = try SourceHeader.read(path: source.path, policy: policy)
            let plan = Planner.plan(config, source: header.planningInput)
            try cancellation.checkForTimeout()
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let made = Mutex<[Int: (file: String, bytes: Int, image: EncodedImage)]>([:])
            var renderer = SourceRenderer(output: config.output, acceptDamaged: policy.acceptDamaged, cancellation: cancellation)
            renderer.parallelism = outputParallelism
            try renderer.render(path: source.path, plan: plan) { leafIndex, image in
                // A source stopped by the watchdog writes nothing more.
                try cancellation.checkForTimeout()
                let file = "\(folder)/\(leafIndex)"
                try Data(image.bytes).write(to: URL(fileURLWithPath: file))
                var light = image
                light.bytes = [] // the bytes are on disk now; keep memory flat
                made.withLock { $0[leafIndex] = (file, image.bytes.count, light) }
            }
            let rendered = made.withLock { $0 }
            var outputs: [SourceOutcome.StagedOutput] = []
            var pathOfLeaf: [Int: String] = [:]
            for (leafIndex, leaf) in plan.leaves.enumerated() {
                let canonical = leaf.aliasOf ?? leafIndex
                guard let made = rendered[canonical] else {
                    throw ImagingError(code: .processingFailed, message: "output \(leaf.labels.joined(separator: "/")) was not made")
                }
                let path = "output/" + (leaf.labels + ["\(stem).\(made.image.format.fileExtension)"]).joined(separator: "/")
                pathOfLeaf[leafIndex] = path
                let entry = Manifest.Output(
                    path: path, source: source.name, width: made.image.size.width, height: made.image.size.height,
                    format: made.image.format, bytes: made.bytes, sha256: made.image.sha256,
                    aliasOf: leaf.aliasOf.flatMap { pathOfLeaf[$0] })
                outputs.append(SourceOutcome.StagedOutput(entry: entry, file: made.file))
            }
            let summary = Manifest.Source(
                source: source.name, stem: stem, status: "succeeded",
                width: header.size.width, height: header.size.height,
                decodedWidth: plan.decodeSize?.width, decodedHeight: plan.decodeSize?.height,
                uniqueWork: plan.uniqueWork, outputs: outputs.count)
            return SourceOutcome(source: summary, outputs: outputs, failure: nil)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            if cancellation.isCancelled { return timedOut(source, index: index, stem: stem) }
            let (code, message) = Self.describe(error, source: source)
            return SourceOutcome(
                source: Manifest.Source(source: source.name, stem: stem, status: "failed", outputs: 0),
                outputs: [],
                failure: Manifest.Failure(source: source.name, code: code, message: message))
        }
    }

    /// The outcome of a source whose thread was abandoned past the time limit.
    func timedOut(_ source: SourceFile, index: Int, stem: String) -> SourceOutcome {
        try? FileManager.default.removeItem(atPath: "\(stagingRoot)/\(index)")
        let limit = String(format: "%g", policy.timeoutSeconds)
        return SourceOutcome(
            source: Manifest.Source(source: source.name, stem: stem, status: "failed", outputs: 0),
            outputs: [],
            failure: Manifest.Failure(source: source.name, code: ImagingError.Code.sourceTimeout.rawValue,
                                      message: "\(source.name): stopped after the time limit of \(limit) s for one source"))
    }

    static func describe(_ error: any Error, source: SourceFile) -> (String, String) {
        if let imaging = error as? ImagingError {
            let message = imaging.message.contains(source.name) || imaging.message.contains((source.name as NSString).lastPathComponent)
                ? imaging.message : "\(source.name): \(imaging.message)"
            return (imaging.code.rawValue, message)
        }
        return ("PROCESSING_FAILED", "\(source.name): \(error)")
    }
}
