import Foundation
import Imaging
import PipelineCore

/// Works on each source in a child process (`pipeline render-source`), so a decoder that
/// crashes or hangs where no in-process stop reaches takes only that source with it: the child
/// is killed at the time limit, and a crash becomes that source's failure.
public struct SourceIsolation: Sendable {
    /// The `pipeline` executable that runs the children.
    public var executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// What a child is asked to do (written as JSON for it to read).
    struct ChildRequest: Codable {
        var config: PipelineConfig
        var policy: SourcePolicy
        var source: SourceFile
        var index: Int
        var stem: String
        var stagingRoot: String
        var outputParallelism: Int
        var assetDirectory: String
    }

    /// Runs one source in a child and waits for it, killing it if `cancellation` fires.
    func run(_ request: ChildRequest, cancellation: RenderCancellation, processor: SourceProcessor) -> SourceOutcome {
        let requestFile = "\(request.stagingRoot)/\(request.index).request.json"
        let outcomeFile = "\(request.stagingRoot)/\(request.index).outcome.json"
        defer {
            try? FileManager.default.removeItem(atPath: requestFile)
            try? FileManager.default.removeItem(atPath: outcomeFile)
        }
        let failed = { (message: String) -> SourceOutcome in
            try? FileManager.default.removeItem(atPath: "\(request.stagingRoot)/\(request.index)")
            return SourceOutcome(
                source: Manifest.Source(source: request.source.name, stem: request.stem, status: .failed, outputs: 0), outputs: [],
                failure: Manifest.Failure(source: request.source.name, code: ImagingError.Code.processingFailed.rawValue,
                                          message: "\(request.source.name): \(message)"))
        }
        do {
            try ScratchFile.write(JSONEncoder().encode(request), to: requestFile)
        } catch {
            return failed("cannot hand the source to a worker process (\(error))")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["render-source", requestFile, outcomeFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return failed("cannot start a worker process (\(error))") }
        while process.isRunning {
            if cancellation.isCancelled {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return processor.timedOut(request.source, index: request.index, stem: request.stem)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        if process.terminationReason == .uncaughtSignal {
            let document = request.config.output.pdf == .compress && SourceHeader.isPDF(path: request.source.path)
            return failed("the worker process died of signal \(process.terminationStatus) while decoding it; the file is likely crafted to crash decoders"
                + (document ? " (or it needed more than the \(request.policy.maxPDFMemoryMB) MiB a PDF's worker may use: --max-pdf-memory-mb)" : ""))
        }
        guard let data = FileManager.default.contents(atPath: outcomeFile),
              let outcome = try? JSONDecoder().decode(SourceOutcome.self, from: data)
        else {
            return failed("the worker process ended (status \(process.terminationStatus)) without a result")
        }
        return outcome
    }

    /// The child's side: reads the request, works on the source, writes the outcome.
    public static func runChild(requestFile: String, outcomeFile: String) throws {
        let request = try JSONDecoder().decode(ChildRequest.self, from: Data(contentsOf: URL(fileURLWithPath: requestFile)))
        Libvips.prepare(loadingPDF: request.policy.allowedFormats.contains(.pdf))
        try Libvips.start()
        try Libvips.allow(request.policy.allowedFormats)
        Libvips.setConcurrency(1)
        var processor = SourceProcessor(config: request.config, policy: request.policy, stagingRoot: request.stagingRoot,
                                        outputParallelism: request.outputParallelism,
                                        assets: WatermarkAssets(directory: request.assetDirectory))
        processor.compressesDocuments = true // this process is the PDF's own
        if request.config.output.pdf == .compress, SourceHeader.isPDF(path: request.source.path) {
            // A document's worker may not allocate past its limit: a failed allocation in qpdf
            // ends the source with SOURCE_TOO_LARGE; one elsewhere kills only this process.
            let bytes = rlim_t(request.policy.maxPDFMemoryMB) * 1024 * 1024
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            _ = setrlimit(Int32(RLIMIT_DATA.rawValue), &limit)
        }
        let outcome = processor.process(request.source, index: request.index, stem: request.stem, cancellation: RenderCancellation())
        try ScratchFile.write(JSONEncoder().encode(outcome), to: outcomeFile)
    }
}
