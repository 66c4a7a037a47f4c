import ArgumentParser
import Foundation
import Imaging
import PipelineCore
import PipelineRuntime

/// `pipeline run CONFIG INPUT…`: runs a configuration over images and writes the ZIP.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a configuration over image files or folders and write the result ZIP.")

    @Argument(help: "The configuration document (JSON).")
    var config: String

    @Argument(help: "Image files, or folders searched recursively for images.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Where to write the ZIP (default: ./<jobId>.zip).")
    var output: String?

    @Option(name: .customLong("job-id"), help: "The job id (default: a new unique one). The same id, configuration and sources give a byte-identical ZIP.")
    var jobID: String?

    @Option(help: "How many images are worked on at once (default: the number of cores).")
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("decode-budget"), help: "MiB of whole-image decoder memory (progressive JPEGs' coefficients, interlaced PNGs, GIF and WebP frames) the images worked on at once may hold together; an image that needs more waits, and images after it whose decoders stream start first (default: 64 per --concurrency).")
    var decodeBudget: Int?

    @OptionGroup(title: "Source limits")
    var limits: SourcePolicyOptions

    @Flag(help: "Work on each source in its own process, killed at the time limit: slower to start, but a decoder that crashes or hangs takes only that source with it.")
    var isolate = false

    @Flag(name: .shortAndLong, help: "List the files in folders that were skipped, and why.")
    var verbose = false

    @OptionGroup(title: "Postback")
    var delivery: DeliveryOptions

    /// This program's own file, to start worker processes from.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one image file or folder after the configuration") }
        if let jobID, JobID(jobID) == nil {
            throw ValidationError("--job-id '\(jobID)' is not a valid job id; use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit")
        }
        if !(1...64).contains(concurrency) { throw ValidationError("--concurrency must be from 1 to 64, got \(concurrency)") }
        if let decodeBudget, let problem = WholeImageDecode.budgetProblem(mebibytes: decodeBudget) { throw ValidationError(problem) }
    }

    func run() async throws {
        Libvips.prepare(loadingPDF: limits.allowPDF)
        var (config, configID) = try ConfigurationFile.load(self.config)
        // --allow-pdf keeps its meaning from before PDFs were compressed: a page as an image.
        if limits.allowPDF, config.output.pdf == .compress { config.output.pdf = .rasterize }
        let search: SourceSearch
        do {
            // PDFs are sources unless the configuration refuses them (SPEC §12).
            let readable = limits.policy.allowedFormats.union(config.output.pdf == .refuse ? [] : [.pdf])
            search = try SourceDiscovery.search(inputs, readable: readable)
        } catch {
            Console.error("error: \(error)")
            throw ExitStatus.usage.exitCode
        }
        let sources = search.sources
        if !search.skipped.isEmpty {
            let count = search.skipped.count
            Console.error("skipped \(count) file\(count == 1 ? "" : "s") that \(count == 1 ? "is not an image" : "are not images")\(verbose ? ":" : "; --verbose lists them")")
            if verbose {
                for file in search.skipped { Console.error("  \(file.name): \(file.reason)") }
            }
        }
        if sources.isEmpty {
            Console.error("error: no images found in \(inputs.joined(separator: ", ")) (looked for \(SourceDiscovery.imageExtensions.sorted().joined(separator: ", ")), and files without an extension that are images)")
            throw ExitStatus.usage.exitCode
        }
        let jobID = self.jobID.flatMap(JobID.init) ?? JobID.random()
        let archive = URL(fileURLWithPath: output ?? "\(jobID.rawValue).zip").standardizedFileURL.path
        var request = JobRequest(config: config, configID: configID, jobID: jobID, sources: sources,
                                 archivePath: archive, concurrency: concurrency, policy: limits.policy,
                                 isolation: isolate ? SourceIsolation(executable: Self.executablePath) : nil,
                                 documentIsolation: SourceIsolation(executable: Self.executablePath))
        request.assetDirectory = ConfigurationFile.assetDirectory(of: self.config)
        request.decodeBudget = decodeBudget.map { $0 << 20 }
        Console.error("Job \(jobID): \(sources.count) source\(sources.count == 1 ? "" : "s") × \(Planner.leafCount(config)) outputs, configuration \(configID)")
        let display = ProgressDisplay(totalSources: sources.count)
        let started = Date()
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                display.tick()
            }
        }
        let result: JobResult
        do {
            result = try await JobRunner().run(request) { display.handle($0) }
            ticker.cancel()
            display.finish()
        } catch {
            ticker.cancel()
            display.finish()
            Console.error("error: \(error)")
            throw ExitStatus.failure.exitCode
        }
        let manifest = result.manifest
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let failed = manifest.failures.count
        Console.out("Job \(jobID) \(manifest.status.rawValue): \(sources.count - failed) of \(sources.count) sources, \(manifest.outputs.count) outputs in \(seconds) s")
        for failure in manifest.failures {
            Console.out("  failed \(failure.source): \(failure.code): \(failure.message)")
        }
        for source in manifest.sources {
            for warning in source.warnings ?? [] { Console.out("  warning \(source.source): \(warning.code): \(warning.message)") }
        }
        Console.out("ZIP: \(result.archivePath)")
        try await Postback.deliver(archive: result.archivePath, jobID: jobID.rawValue, configID: configID.rawValue,
                                   status: manifest.status.rawValue, options: delivery)
        switch manifest.status {
        case .succeeded: return
        case .partial: throw ExitStatus.partial.exitCode
        case .failed: throw ExitStatus.failure.exitCode
        }
    }
}
