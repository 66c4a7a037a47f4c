import Foundation
import Logging
import PipelineStore
import ServiceLifecycle

/// Queue upkeep: at start and then periodically, jobs whose lease expired (their worker died)
/// go back to the queue, or end failed after `JobWorker.maximumRuns` claims; archives and uploaded sources past their job's retention are removed (the job's
/// status stays, its archive answers 410); temporary files left by a killed process go.
struct Sweeper: Service {
    var env: ServerEnvironment
    /// Seconds between sweeps.
    var interval: Double

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await sweep(now: Date())
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
    }

    /// Jobs whose lease expired before `cutoff` go back to the queue, or end failed once their
    /// worker died `JobWorker.maximumRuns` times (a source that crashes the process every time).
    @discardableResult
    func rescue(expiredBefore cutoff: Date, now: Date) async throws -> [JobRescue] {
        let rescues = try await env.store.rescueExpiredJobs(expiredBefore: cutoff, now: now, maximumRuns: JobWorker.maximumRuns)
        for rescue in rescues {
            switch rescue.outcome {
            case .requeued:
                env.logger.warning("job lease expired; back in the queue", metadata: ["job.id": "\(rescue.jobID)", "runs": "\(rescue.runs)"])
                env.jobsQueued.ring()
            case .failed:
                env.logger.error("job lease expired on its last run; it ends failed (WORKER_CRASHED)",
                                 metadata: ["job.id": "\(rescue.jobID)", "runs": "\(rescue.runs)"])
            }
        }
        return rescues
    }

    func sweep(now: Date) async {
        do {
            try await rescue(expiredBefore: now, now: now)
            // Each job has its own retention (the upload's storageDuration, the plan's, or the server's).
            for job in try await env.store.jobsToExpire(now: now, defaultHours: env.settings.retentionHours, limit: 100) {
                // Sources kept in the library (`assets/…`) have their own life: they expire with
                // their assets, and their blobs go when nothing refers to them.
                for key in job.sources.compactMap(\.blobKey).filter({ !$0.hasPrefix("assets/") }) + [job.archive?.blobKey].compactMap({ $0 }) {
                    try env.blobs.delete(key)
                }
                try await env.store.markExpired(job.id, at: now)
                env.logger.info("job archive expired", metadata: ["job.id": "\(job.id)"])
            }
            // Library files past their storage duration, then blobs no asset refers to (left by a
            // deletion, or by an upload that died before its asset was written).
            _ = try await env.store.deleteExpiredAssets(now: now, limit: 1000)
            let blobs = env.blobs
            for blob in try await env.store.unreferencedBlobs(now: now, limit: 1000) {
                _ = try await env.store.removeBlob(blob, now: now) { try blobs.delete(blob.key) }
            }
            // Anything in the temporary folder older than a lease belongs to no live request.
            _ = env.blobs.removeStaleTemporaryFiles(olderThan: max(600, env.settings.leaseSeconds * 4))
        } catch {
            env.logger.error("sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
