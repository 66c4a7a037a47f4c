import Delivery
import Foundation
import Imaging
import Logging
import PipelineCore
import PipelineRuntime
import PipelineStore
import ServiceLifecycle

/// Works through the queue: claims the oldest queued job with a lease, renews the lease while
/// the engine runs it, stores the ZIP and (in the same transaction) its delivery. On a graceful
/// shutdown a running job gets a few seconds to finish; otherwise its lease is handed back and
/// another process (or this one, restarted) runs it again, from its stored sources, to the same
/// bytes.
struct JobWorker: Service {
    var env: ServerEnvironment
    /// This worker's name in leases.
    var name: String
    /// How long a running job may go on once shutdown is asked for.
    var shutdownGrace: Double = 8
    /// Runs after which a job that keeps failing outside the engine (not a source's failure,
    /// which the manifest records) ends failed instead of going back to the queue.
    static let maximumRuns = 3

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = Date()
            let claimed: JobRecord?
            do {
                claimed = try await env.store.claimJob(owner: name, until: now + env.settings.leaseSeconds, now: now)
            } catch {
                env.logger.error("claiming a job failed", metadata: ["error": "\(error)"])
                claimed = nil
            }
            guard let job = claimed else {
                let bell = env.jobsQueued, poll = env.settings.pollSeconds
                try? await cancelWhenGracefulShutdown { await bell.wait(upTo: poll) }
                continue
            }
            await work(job)
        }
    }

    private func work(_ job: JobRecord) async {
        let log = env.logger
        log.info("job processing", metadata: ["job.id": "\(job.id)", "run": "\(job.runs)", "worker": "\(name)"])
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(env.settings.leaseSeconds / 3))
                try await env.store.renewJob(job.id, owner: name, until: Date() + env.settings.leaseSeconds)
            }
        }
        defer { renewal.cancel() }
        let worker = self
        guard let finished = await finishWithinGrace(shutdownGrace, { await Result(asyncCatching: { try await worker.execute(job) }) }) else {
            // Shutting down and the job is still running: hand it back; it reruns to the same bytes.
            if (try? await env.store.releaseJob(job.id, owner: name)) == true {
                log.info("job released at shutdown", metadata: ["job.id": "\(job.id)"])
            }
            return
        }
        switch finished {
        case .success(let state):
            log.info("job \(state.rawValue)", metadata: ["job.id": "\(job.id)", "config.id": "\(job.configID)"])
        case .failure(let error as StoreError) where error.isLeaseLost:
            log.warning("job lease lost; another worker has it", metadata: ["job.id": "\(job.id)"])
        case .failure(let error) where job.runs < Self.maximumRuns:
            log.error("job could not be run; it goes back to the queue", metadata: ["job.id": "\(job.id)", "error": "\(error)"])
            try? await Task.sleep(for: .seconds(1))
            _ = try? await env.store.releaseJob(job.id, owner: name)
        case .failure(let error):
            log.error("job failed on every run; it ends failed", metadata: ["job.id": "\(job.id)", "error": "\(error)"])
            try? await env.store.failJob(job.id, owner: name, reason: "the job could not be run (\(Self.maximumRuns) tries): \(error)", at: Date())
        }
    }

    /// The configuration a job runs: its one-off document, or the saved version it named.
    static func document(of job: JobRecord, store: any ConfigurationStore) async throws -> String {
        if let document = job.configDocument { return document }
        guard let stored = try await store.configuration(account: job.accountID, id: job.configID, version: job.configVersion) else {
            throw StoreError.notFound("configuration \(job.configID) version \(job.configVersion)")
        }
        return stored.document
    }

    /// Runs the engine over the stored sources and stores the result.
    private func execute(_ job: JobRecord) async throws -> JobState {
        let config = try ConfigurationParser().parse(Data(try await Self.document(of: job, store: env.store).utf8))
        var sources: [SourceFile] = []
        var fetched: [String] = []
        var fetchedBytes = 0
        defer { for file in fetched { try? FileManager.default.removeItem(atPath: file) } }
        var fetcher = SourceFetcher(addresses: AddressPolicy(allowPrivateAddresses: env.settings.allowPrivateAddresses),
                                    maximumBytes: env.settings.maxSourceURLBytes)
        // The plan's bytes per upload hold for the files a job's URLs give, all together, as
        // they hold for an upload's parts (SPEC §11).
        var planBytes: (limit: Int, plan: String)?
        let plan: AccountPlan? = if let account = try await env.store.account(id: job.accountID) {
            try await env.store.plan(named: account.plan)
        } else { nil }
        if job.sources.contains(where: { $0.url != nil }), let plan, let limit = plan.bytesPerUpload {
            planBytes = (limit, plan.name)
        }
        for source in job.sources {
            if let url = source.url {
                if let planBytes {
                    let left = planBytes.limit - fetchedBytes
                    fetcher.maximumBytes = min(env.settings.maxSourceURLBytes, max(0, left))
                    if left <= 0 {
                        sources.append(SourceFile(path: "\(env.settings.blobFolder)/missing-\(job.id)", name: source.name, unavailable: .init(
                            code: "SOURCE_FETCH_FAILED",
                            message: "\(source.name): the job's URLs already gave the \(planBytes.limit) bytes the \(planBytes.plan) plan takes per upload")))
                        continue
                    }
                }
                // Fetched again on every run: a rerun after a crash reads what the URL gives then.
                let file = env.blobs.temporaryFile()
                fetched.append(file)
                do {
                    try await fetcher.fetch(url, to: file)
                    fetchedBytes += ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber)?.intValue ?? 0
                    sources.append(SourceFile(path: file, name: source.name))
                } catch {
                    let plan = planBytes.map { " (what is left of the \($0.plan) plan's \($0.limit) bytes per upload, or --max-source-bytes)" } ?? ""
                    let limited = error.description.contains("is larger than the limit") ? plan : ""
                    sources.append(SourceFile(path: file, name: source.name,
                                              unavailable: .init(code: "SOURCE_FETCH_FAILED", message: "\(source.name): \(error.description)\(limited)")))
                }
                continue
            }
            // A source whose blob is gone (never, unless the folder was tampered with) is passed
            // as a missing file: the engine reports it as unreadable, the others still run.
            let path = source.blobKey.flatMap(env.blobs.path) ?? "\(env.settings.blobFolder)/missing-\(job.id)"
            sources.append(SourceFile(path: path, name: source.name))
        }
        // A plan that leaves PDFs out (SPEC §12): its PDF sources fail alone, unopened.
        if let plan, !plan.takesDocuments {
            for (index, source) in sources.enumerated() where source.unavailable == nil && SourceHeader.isPDF(path: source.path) {
                sources[index].unavailable = .init(code: "UNSUPPORTED_FORMAT", message: plan.documentRefusal(source.name))
            }
        }
        let archivePath = env.blobs.temporaryFile() + ".zip"
        defer { try? FileManager.default.removeItem(atPath: archivePath) }
        var request = JobRequest(config: config, configID: job.configID, jobID: job.id, sources: sources, archivePath: archivePath,
                                 concurrency: env.settings.concurrencyPerJob, policy: env.settings.policy,
                                 isolation: env.settings.isolateExecutable.map { SourceIsolation(executable: $0) },
                                 documentIsolation: env.settings.documentWorker.map { SourceIsolation(executable: $0) })
        request.assetDirectory = env.settings.assetFolder
        request.decodeBudget = env.settings.decodeBudget
        let metrics = env.metrics
        let result = try await JobRunner().run(request) { event in
            if case .sourceFinished(_, _, _, let seconds) = event { metrics.sourceFinished(seconds: seconds) }
        }
        try Task.checkCancellation()
        let manifest = result.manifest
        let sha = Digest.sha256(file: archivePath) ?? ""
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: archivePath)[.size]) as? NSNumber)?.intValue ?? 0
        if let folder = job.resultFolder {
            let keeper = ResultKeeper(intake: AssetIntake(store: env.store, blobs: env.blobs, claimSeconds: env.settings.blobClaimSeconds), temporaryFile: { [blobs = env.blobs] in blobs.temporaryFile() },
                                      policy: env.settings.policy)
            let kept = try await keeper.keep(archive: archivePath, job: job, folder: folder, expiresAt: job.retention.expiry(from: Date(), defaultHours: env.settings.retentionHours))
            env.logger.info("job outputs kept in the library", metadata: ["job.id": "\(job.id)", "folder": "\(folder)", "assets": "\(kept)"])
        }
        let key = "archives/\(job.id).zip"
        try env.blobs.put(key, movingFile: archivePath)
        var results = job.sources
        for (index, summary) in manifest.sources.enumerated() where index < results.count {
            results[index].status = summary.status
            results[index].outputs = summary.outputs
            if let failure = manifest.failures.first(where: { $0.source == summary.source && $0.output == nil }) {
                results[index].code = failure.code
                results[index].message = failure.message
            }
        }
        let delivery = job.postbackURL.map { NewDelivery(url: $0, format: config.postbackFormat, firstAttemptAt: Date()) }
        var completion = JobCompletion(outcome: manifest.status, sources: results, archive: ArchiveRecord(blobKey: key, sha256: sha, bytes: bytes),
                                       delivery: delivery, fetchedBytes: fetchedBytes)
        completion.creditSettlement = DocumentCredits.settlement(manifest, creditsPerSource: job.creditsPerSource)
        try await env.store.completeJob(job.id, owner: name, completion: completion, at: Date())
        if delivery != nil { env.deliveriesDue.ring() }
        return delivery == nil ? JobState(manifest.status) : .delivering
    }
}
