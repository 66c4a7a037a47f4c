import Foundation
import Imaging
import Packaging
import PipelineCore

/// Runs a job: every source through the plan on a bounded number of worker threads, then
/// the ZIP of SPEC §4. Used by the CLI (and later by the server).
public struct JobRunner: Sendable {
    public init() {}

    /// Runs `request`; a source that fails is recorded in the manifest and does not stop the others.
    /// Throws only when the archive itself cannot be written.
    public func run(_ asked: JobRequest, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) async throws -> JobResult {
        var adjusted = asked
        // `output.pdf: rasterize` lets libvips read this job's PDFs (a page as an image).
        if adjusted.config.output.pdf == .rasterize { adjusted.policy.allowedFormats.insert(.pdf) }
        let request = adjusted
        Libvips.prepare(loadingPDF: request.policy.allowedFormats.contains(.pdf)) // if nothing started libvips yet
        try Libvips.start()
        try Libvips.allow(request.policy.allowedFormats)
        let concurrency = max(1, request.concurrency)
        // Every core works on its own output: whole sources when there are enough of them,
        // otherwise several outputs of one source at once. libvips' own threads stay at 1.
        Libvips.setConcurrency(1)
        let outputParallelism = max(1, concurrency / max(1, min(concurrency, request.sources.count)))

        let staging = try StagingFolder(jobID: request.jobID)
        defer { staging.remove() }
        let stems = SourceNaming.uniqueStems(for: request.sources.map(\.name))
        let processor = SourceProcessor(config: request.config, policy: request.policy, stagingRoot: staging.path,
                                        outputParallelism: outputParallelism,
                                        assets: WatermarkAssets(directory: request.assetDirectory))
        let sources = request.sources
        let scheduler = SourceScheduler(
            count: sources.count, threads: concurrency, timeout: request.policy.timeoutSeconds,
            order: Self.largestFirst(sources),
            decodeBudget: request.decodeBudget ?? JobRequest.defaultDecodeBudget(concurrency: concurrency),
            footprint: { sources[$0].wholeImageDecodeBytes },
            work: { index, cancellation in
                // PDFs are large attack surface: each goes to a process of its own whenever
                // there is an executable to run it, isolation asked for or not (SPEC §12).
                let document = request.isolation == nil && request.documentIsolation != nil && SourceHeader.isPDF(path: sources[index].path)
                guard let isolation = document ? request.documentIsolation : request.isolation else {
                    return processor.process(sources[index], index: index, stem: stems[index], cancellation: cancellation)
                }
                let child = SourceIsolation.ChildRequest(
                    config: request.config, policy: request.policy, source: sources[index], index: index, stem: stems[index],
                    stagingRoot: staging.path, outputParallelism: outputParallelism, assetDirectory: request.assetDirectory)
                return isolation.run(child, cancellation: cancellation, processor: processor)
            },
            timedOut: { index in
                processor.timedOut(sources[index], index: index, stem: stems[index])
            },
            finishedOne: { index, outcome, seconds in
                progress(.sourceFinished(name: sources[index].name, outputs: outcome.outputs.count,
                                         failure: outcome.failure.map { "\($0.code): \($0.message)" }, seconds: seconds))
            })
        let finished = await scheduler.run()
        Libvips.releaseFreeMemory()
        let manifest = makeManifest(request, outcomes: finished)
        try writeArchive(request, manifest: manifest, outcomes: finished)
        return JobResult(archivePath: request.archivePath, manifest: manifest)
    }

    /// Sources by file size, largest first (ties in input order): the longest work starts
    /// first, so no worker is left with a big one at the end while the others idle.
    static func largestFirst(_ sources: [SourceFile]) -> [Int] {
        let sizes = sources.map { source in
            ((try? FileManager.default.attributesOfItem(atPath: source.path)[.size]) as? NSNumber)?.intValue ?? 0
        }
        return sources.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    private func makeManifest(_ request: JobRequest, outcomes: [SourceOutcome]) -> Manifest {
        let failures = outcomes.compactMap(\.failure)
        let outputFailures = outcomes.filter { $0.failure == nil }.flatMap(\.outputFailures)
        var status = JobOutcome.of(total: outcomes.count, failed: failures.count)
        if status == .succeeded, !outputFailures.isEmpty { status = .partial }
        return Manifest(
            jobId: request.jobID,
            configId: request.configID,
            status: status,
            libvips: Libvips.version,
            plan: Manifest.Plan(config: request.config, plan: Planner.plan(request.config)),
            sources: outcomes.map(\.source),
            outputs: outcomes.flatMap { $0.outputs.map(\.entry) }.sorted { $0.path < $1.path },
            failures: failures + outputFailures)
    }

    private func writeArchive(_ request: JobRequest, manifest: Manifest, outcomes: [SourceOutcome]) throws {
        var normalised = request.config
        normalised.id = request.configID
        let writer = try ZipArchiveWriter(path: request.archivePath)
        try writer.add(name: "configuration/\(request.configID).json", bytes: try JSONOutput.encode(normalised), compress: true)
        try writer.add(name: "configuration/manifest.json", bytes: try JSONOutput.encode(manifest), compress: true)
        let staged = outcomes.flatMap(\.outputs).sorted { $0.entry.path < $1.entry.path }
        for output in staged {
            try writer.add(name: output.entry.path, file: output.file, compress: false, crc32: output.crc32)
        }
        try writer.close()
    }
}
