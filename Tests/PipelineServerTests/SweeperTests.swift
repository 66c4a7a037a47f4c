import Foundation
import Logging
import PipelineCore
@testable import PipelineServer
import PipelineStore
import Testing

/// The sweeper as a service of its own, over a real SQLite file and a real data folder; it takes
/// the time as an argument, so an hour passes in a call.
@Suite struct SweeperTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func environment() async throws -> (ServerEnvironment, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweeper-\(UUID().uuidString)").path
        var settings = ServerSettings()
        settings.dataFolder = folder
        settings.retentionHours = 72
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (try await ServerEnvironment.open(settings, logger: logger), folder)
    }

    /// Stores `text` as a blob under `key`.
    private func put(_ env: ServerEnvironment, _ key: String, _ text: String) throws {
        let file = env.blobs.temporaryFile()
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try env.blobs.put(key, movingFile: file)
    }

    private func queue(_ env: ServerEnvironment, _ account: Account, retention: JobRetention = .serverDefault) async throws -> JobRecord {
        let id = JobID.random()
        try put(env, "sources/\(id)/0", "a photo")
        var job = JobRecord(id: id, accountID: account.id, configID: ConfigID("thumbs")!, configVersion: 1, postbackURL: nil,
                            sources: [JobSource(name: "a.jpg", blobKey: "sources/\(id)/0")], createdAt: t0)
        job.retention = retention
        try await env.store.enqueue(job, admission: .unlimited(sources: 1))
        return job
    }

    @Test func aJobWhoseWorkerDiesGoesBackTwiceAndEndsFailedOnItsThirdExpiredLease() async throws {
        let (env, folder) = try await environment()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let account = try await env.store.createAccount(name: "acme", webhookSecret: WebhookSecretText.sample, at: t0)
        let job = try await queue(env, account)
        let sweeper = Sweeper(env: env, interval: 1)
        var states: [JobState?] = []
        for run in 1...3 {
            let now = t0 + Double(run) * 100
            #expect(try await env.store.claimJob(owner: "gone-\(run)", until: now + 30, now: now)?.runs == run)
            await sweeper.sweep(now: now + 29)
            states.append(try await env.store.job(account: nil, id: job.id)?.state)
            await sweeper.sweep(now: now + 31)
            states.append(try await env.store.job(account: nil, id: job.id)?.state)
        }
        // The lease holds until it expires; then back in the queue, twice; the third time, failed.
        #expect(states == [.processing, .queued, .processing, .queued, .processing, .failed])
        let failed = try #require(try await env.store.job(account: nil, id: job.id))
        #expect(failed.sources.map(\.code) == [JobRescue.code] && failed.sources.first?.message == JobRescue.reason(runs: 3))
    }

    @Test func archivesAndSourcesGoAtTheEndOfTheirJobsRetentionAndPermanentOnesStay() async throws {
        let (env, folder) = try await environment()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let account = try await env.store.createAccount(name: "acme", webhookSecret: WebhookSecretText.sample, at: t0)
        var jobs: [JobRecord] = []
        for retention in [JobRetention.hours(1), .serverDefault, .permanent] {
            let job = try await queue(env, account, retention: retention)
            let claimed = try #require(try await env.store.claimJob(owner: "w", until: t0 + 30, now: t0))
            try put(env, "archives/\(claimed.id).zip", "a zip")
            try await env.store.completeJob(claimed.id, owner: "w", completion: JobCompletion(
                outcome: .succeeded, sources: claimed.sources, archive: ArchiveRecord(blobKey: "archives/\(claimed.id).zip", sha256: "s", bytes: 5),
                delivery: nil), at: t0)
            jobs.append(job)
        }
        let sweeper = Sweeper(env: env, interval: 1)
        func kept() async throws -> [Bool] {
            var kept: [Bool] = []
            for job in jobs {
                let record = try #require(try await env.store.job(account: nil, id: job.id))
                kept.append(record.expiredAt == nil && env.blobs.path("archives/\(job.id).zip") != nil
                            && env.blobs.path("sources/\(job.id)/0") != nil)
            }
            return kept
        }
        await sweeper.sweep(now: t0 + 3599)
        #expect(try await kept() == [true, true, true])
        await sweeper.sweep(now: t0 + 3601)
        #expect(try await kept() == [false, true, true])
        await sweeper.sweep(now: t0 + 72 * 3600 + 1)
        #expect(try await kept() == [false, false, true])
        // The job stays, with its status; only its files went.
        #expect(try await env.store.job(account: nil, id: jobs[0].id)?.state == .succeeded)
    }
}

enum WebhookSecretText {
    static let sample = "whsec_" + Data("a secret of at least 24 bytes".utf8).base64EncodedString()
}
