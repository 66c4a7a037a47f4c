import Foundation
import Imaging
import Packaging
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
    /// The marks of watermark features.
    var assets: WatermarkAssets? = nil
    /// Whether PDFs are compressed in this process: only in a worker process of their own
    /// (`SourceIsolation`'s child), never in a server's or a CLI's own (SPEC §12).
    var compressesDocuments = false

    func process(_ source: SourceFile, index: Int, stem: String, cancellation: RenderCancellation) -> SourceOutcome {
        let folder = "\(stagingRoot)/\(index)"
        if let unavailable = source.unavailable {
            return SourceOutcome(source: Manifest.Source(source: source.name, stem: stem, status: .failed, outputs: 0), outputs: [],
                                 failure: Manifest.Failure(source: source.name, code: unavailable.code, message: unavailable.message))
        }
        CrashHook.check(source.name)
        do {
            if SourceHeader.isPDF(path: source.path) {
                switch config.output.pdf {
                case .compress:
                    guard compressesDocuments else {
                        throw ImagingError(code: .unsupportedFormat,
                                           message: "\(source.name) is a PDF; PDFs are compressed in a worker process of their own, and there is none here (a server needs the pipeline program beside pipeline-server, or --isolate with it)")
                    }
                    let documents = DocumentProcessor(config: config, policy: policy, stagingRoot: stagingRoot)
                    return try documents.process(source, index: index, stem: stem, cancellation: cancellation)
                case .refuse:
                    throw ImagingError(code: .unsupportedFormat, message: "\(source.name) is a PDF, and this configuration refuses PDFs (output.pdf: refuse)")
                case .rasterize:
                    break // a page as an image, below
                }
            }
            let header = try SourceHeader.read(path: source.path, name: source.name, policy: policy, page: config.output.page)
            let plan = Planner.plan(config, source: header.planningInput)
            try cancellation.checkForTimeout()
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let made = Mutex<[Int: [(suffix: String, file: String, bytes: Int, crc32: UInt32, image: EncodedImage)]]>([:])
            let failed = Mutex<[Int: ImagingError]>([:])
            let warnings = Mutex<[Manifest.Warning]>([])
            var renderer = SourceRenderer(output: config.output, policy: policy, cancellation: cancellation)
            renderer.parallelism = outputParallelism
            renderer.assets = assets
            try renderer.render(path: source.path, header: header, plan: plan) { event in
                // A source stopped by the watchdog writes nothing more.
                try cancellation.checkForTimeout()
                switch event {
                case .file(let leafIndex, let suffix, let image):
                    let file = "\(folder)/\(leafIndex)\(suffix)"
                    try ScratchFile.write(image.bytes, to: file)
                    let crc32 = ZipArchiveWriter.crc32(image.bytes) // on this worker, so the ZIP's writer need not read the file
                    var light = image
                    light.bytes = [] // the bytes are on disk now; keep memory flat
                    made.withLock { $0[leafIndex, default: []].append((suffix, file, image.bytes.count, crc32, light)) }
                case .leafFailed(let leafIndex, let error):
                    failed.withLock { $0[leafIndex] = error }
                case .warning(let warning):
                    warnings.withLock { $0.append(Manifest.Warning(code: warning.code.rawValue, message: "\(source.name): \(warning.message)")) }
                }
            }
            let rendered = made.withLock { $0 }
            let leafErrors = failed.withLock { $0 }
            var outputs: [SourceOutcome.StagedOutput] = []
            var outputFailures: [Manifest.Failure] = []
            var pathsOfLeaf: [Int: [String: String]] = [:]
            for (leafIndex, leaf) in plan.leaves.enumerated() {
                let canonical = leaf.aliasOf ?? leafIndex
                let base = "output/" + (leaf.labels + [stem]).joined(separator: "/")
                if let error = leafErrors[canonical] {
                    outputFailures.append(Manifest.Failure(source: source.name, output: base, code: error.code.rawValue,
                                                           message: "\(source.name) → \(base): \(error.message)"))
                    continue
                }
                guard let files = rendered[canonical], !files.isEmpty else {
                    throw ImagingError(code: .processingFailed, message: "output \(leaf.labels.joined(separator: "/")) was not made")
                }
                for made in files.sorted(by: { $0.suffix < $1.suffix }) {
                    let path = "\(base)\(made.suffix).\(made.image.format.fileExtension)"
                    pathsOfLeaf[leafIndex, default: [:]][made.suffix] = path
                    let entry = Manifest.Output(
                        path: path, source: source.name, width: made.image.size.width, height: made.image.size.height,
                        format: made.image.format, bytes: made.bytes, sha256: made.image.sha256,
                        aliasOf: leaf.aliasOf.flatMap { pathsOfLeaf[$0]?[made.suffix] }, quality: made.image.chosenQuality,
                        frames: made.image.frames > 1 ? made.image.frames : nil, savedBytes: header.fileBytes - made.bytes)
                    outputs.append(SourceOutcome.StagedOutput(entry: entry, file: made.file, crc32: made.crc32))
                }
            }
            let summary = Manifest.Source(
                source: source.name, stem: stem, status: outputFailures.isEmpty ? .succeeded : .partial,
                width: header.size.width, height: header.size.height,
                decodedWidth: plan.decodeSize?.width, decodedHeight: plan.decodeSize?.height,
                uniqueWork: plan.uniqueWork, outputs: outputs.count, warnings: warnings.withLock { $0.isEmpty ? nil : $0 },
                sourceBytes: header.fileBytes)
            if outputs.isEmpty, let first = outputFailures.first {
                // Nothing at all could be made: the source failed, for the first reason.
                return SourceOutcome(source: Manifest.Source(source: source.name, stem: stem, status: .failed, outputs: 0),
                                     outputs: [], failure: Manifest.Failure(source: source.name, code: first.code, message: first.message),
                                     outputFailures: outputFailures)
            }
            return SourceOutcome(source: summary, outputs: outputs, failure: nil, outputFailures: outputFailures)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            if cancellation.isCancelled { return timedOut(source, index: index, stem: stem) }
            let (code, message) = Self.describe(error, source: source)
            return SourceOutcome(
                source: Manifest.Source(source: source.name, stem: stem, status: .failed, outputs: 0),
                outputs: [],
                failure: Manifest.Failure(source: source.name, code: code, message: message))
        }
    }

    /// The outcome of a source whose thread was abandoned past the time limit.
    func timedOut(_ source: SourceFile, index: Int, stem: String) -> SourceOutcome {
        try? FileManager.default.removeItem(atPath: "\(stagingRoot)/\(index)")
        let limit = String(format: "%g", policy.timeoutSeconds)
        return SourceOutcome(
            source: Manifest.Source(source: source.name, stem: stem, status: .failed, outputs: 0),
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
