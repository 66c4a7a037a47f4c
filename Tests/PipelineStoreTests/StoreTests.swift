import Foundation
import PipelineCore
import PipelineStore
import Testing

/// The store contract, against every backend (`StoreBackend.all`), on real databases.
@Suite struct StoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func given(_ backend: StoreBackend) async throws -> (any PipelineStore, Account, @Sendable () -> Void) {
        let (store, cleanup) = try await backend.make()
        let account = try await store.createAccount(name: "acme", webhookSecret: "whsec_c2VjcmV0", at: t0)
        return (store, account, cleanup)
    }

    private func job(_ account: Account, _ id: String, at: Date, postback: String? = "https://example.com/hook") -> JobRecord {
        JobRecord(id: JobID(id)!, accountID: account.id, configID: ConfigID("thumbs")!, configVersion: 1, postbackURL: postback,
                  sources: [JobSource(name: "a.jpg", blobKey: "sources/\(id)/0")], createdAt: at)
    }

    @Test(arguments: StoreBackend.all)
    func keysAreFoundByHashUntilRevoked(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        let key = APIKeyRecord(id: .random(), accountID: account.id, prefix: "ipk_1234", hash: "ab12", createdAt: t0)
        try await store.addKey(key)
        #expect(try await store.access(forKeyHash: "ab12")?.account.id == account.id)
        #expect(try await store.access(forKeyHash: "ffff") == nil)
        #expect(try await store.keys(of: account.id).map(\.id) == [key.id])
        #expect(try await store.revokeKey(key.id, account: nil, at: t0))
        #expect(try await store.revokeKey(key.id, account: nil, at: t0) == false)
        #expect(try await store.access(forKeyHash: "ab12") == nil)
        await #expect(throws: StoreError.exists("account acme")) { _ = try await store.createAccount(name: "acme", webhookSecret: "x", at: t0) }
    }

    @Test(arguments: StoreBackend.all)
    func configurationsHaveVersionsAndStayPrivateToTheirAccount(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        let other = try await store.createAccount(name: "other", webhookSecret: "whsec_eA==", at: t0)
        let id = ConfigID("thumbs")!
        try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: id, version: 1, document: "{\"v\":1}", createdAt: t0), limit: nil)
        await #expect(throws: StoreError.exists("configuration thumbs")) {
            try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: id, version: 1, document: "{}", createdAt: t0), limit: nil)
        }
        let replaced = try await store.replaceConfiguration(account: account.id, id: id, document: "{\"v\":2}", at: t0)
        #expect(replaced.version == 2)
        #expect(try await store.configuration(account: account.id, id: id, version: nil)?.document == "{\"v\":2}")
        #expect(try await store.configuration(account: account.id, id: id, version: 1)?.document == "{\"v\":1}")
        #expect(try await store.configuration(account: other.id, id: id, version: nil) == nil)
        #expect(try await store.configurations(account: account.id, after: nil, limit: 10).map(\.version) == [2])
        #expect(try await store.configurationCount(account: account.id) == 1)
        // Deleted: gone from reads and lists, but a queued job still finds its version.
        #expect(try await store.deleteConfiguration(account: account.id, id: id, at: t0))
        #expect(try await store.configuration(account: account.id, id: id, version: nil) == nil)
        #expect(try await store.configuration(account: account.id, id: id, version: 1) != nil)
        #expect(try await store.configurations(account: account.id, after: nil, limit: 10).isEmpty)
        await #expect(throws: StoreError.notFound("configuration thumbs")) {
            _ = try await store.replaceConfiguration(account: account.id, id: id, document: "{}", at: t0)
        }
        // The id may be saved again; versions go on counting.
        try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: id, version: 1, document: "{\"v\":3}", createdAt: t0), limit: nil)
        #expect(try await store.configuration(account: account.id, id: id, version: nil)?.version == 3)
    }

    @Test(arguments: StoreBackend.all)
    func configurationsArePagedById(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        for name in ["c", "a", "b", "d"] {
            try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: ConfigID(name)!, version: 1, document: "{}", createdAt: t0), limit: nil)
        }
        #expect(try await store.configurations(account: account.id, after: nil, limit: 3).map(\.id.rawValue) == ["a", "b", "c"])
        #expect(try await store.configurations(account: account.id, after: ConfigID("c"), limit: 3).map(\.id.rawValue) == ["d"])
    }

    @Test(arguments: StoreBackend.all)
    func jobsAreClaimedOnceInOrderAndAnExpiredLeaseGoesBack(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        try await store.enqueue(job(account, "job-1", at: t0), admission: .unlimited(sources: 1))
        try await store.enqueue(job(account, "job-2", at: t0), admission: .unlimited(sources: 1))
        let first = try #require(try await store.claimJob(owner: "w1", until: t0 + 30, now: t0))
        #expect(first.id.rawValue == "job-1")
        #expect(first.state == .processing && first.runs == 1 && first.leaseOwner == "w1")
        let second = try #require(try await store.claimJob(owner: "w2", until: t0 + 30, now: t0))
        #expect(second.id.rawValue == "job-2")
        #expect(try await store.claimJob(owner: "w3", until: t0 + 30, now: t0) == nil)
        try await store.renewJob(first.id, owner: "w1", until: t0 + 60)
        await #expect(throws: StoreError.leaseLost("job job-1")) { try await store.renewJob(first.id, owner: "w2", until: t0 + 60) }
        // At t0 + 45, w2's lease (to t0 + 30) has expired and w1's (renewed to t0 + 60) has not.
        #expect(try await store.rescueExpiredJobs(expiredBefore: t0 + 45, now: t0 + 45, maximumRuns: 3)
                == [JobRescue(jobID: second.id, runs: 1, outcome: .requeued)])
        let again = try #require(try await store.claimJob(owner: "w3", until: t0 + 90, now: t0 + 45))
        #expect(again.id == second.id && again.runs == 2)
        // The old owner cannot finish it any more.
        await #expect(throws: StoreError.leaseLost("job job-2")) {
            try await store.completeJob(second.id, owner: "w2", completion: JobCompletion(outcome: .succeeded, sources: [], archive: ArchiveRecord(blobKey: "k", sha256: "s", bytes: 1), delivery: nil), at: t0)
        }
        #expect(try await store.releaseJob(first.id, owner: "w1"))
        #expect(try await store.job(account: account.id, id: first.id)?.state == .queued)
        #expect(try await store.queueDepth() == 1)
    }

    @Test(arguments: StoreBackend.all)
    func completingAJobWritesItsDeliveryInTheSameStepAndTheLastAttemptFinishesIt(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        try await store.enqueue(job(account, "job-1", at: t0), admission: .unlimited(sources: 1))
        let claimed = try #require(try await store.claimJob(owner: "w1", until: t0 + 30, now: t0))
        let delivery = NewDelivery(url: "https://example.com/hook", format: .multipart, firstAttemptAt: t0 + 1)
        var sources = claimed.sources
        sources[0].status = .succeeded
        sources[0].outputs = 3
        try await store.completeJob(claimed.id, owner: "w1", completion: JobCompletion(
            outcome: .succeeded, sources: sources, archive: ArchiveRecord(blobKey: "archives/job-1.zip", sha256: "abc", bytes: 10),
            delivery: delivery), at: t0 + 1)
        let done = try #require(try await store.job(account: account.id, id: claimed.id))
        #expect(done.state == .delivering && done.outcome == .succeeded && done.leaseOwner == nil)
        #expect(done.sources[0].outputs == 3 && done.archive?.sha256 == "abc")
        // Not due yet, then due: claimed once at a time.
        #expect(try await store.claimDelivery(owner: "d1", until: t0 + 31, now: t0) == nil)
        let claimedDelivery = try #require(try await store.claimDelivery(owner: "d1", until: t0 + 31, now: t0 + 1))
        #expect(claimedDelivery.id == delivery.id && claimedDelivery.state == .pending)
        #expect(try await store.claimDelivery(owner: "d2", until: t0 + 31, now: t0 + 1) == nil)
        try await store.recordAttempt(delivery.id, owner: "d1", attempt: DeliveryAttemptRecord(at: t0 + 1, httpStatus: 503, error: nil, milliseconds: 12),
                                      next: .retry(at: t0 + 11))
        #expect(try await store.job(account: account.id, id: claimed.id)?.state == .delivering)
        #expect(try await store.claimDelivery(owner: "d2", until: t0 + 40, now: t0 + 5) == nil)
        let retried = try #require(try await store.claimDelivery(owner: "d2", until: t0 + 40, now: t0 + 11))
        #expect(retried.attempts == 1)
        await #expect(throws: StoreError.leaseLost("delivery \(delivery.id)")) {
            try await store.recordAttempt(delivery.id, owner: "d1", attempt: DeliveryAttemptRecord(at: t0 + 11, httpStatus: 200, error: nil, milliseconds: 5), next: .delivered)
        }
        try await store.recordAttempt(delivery.id, owner: "d2", attempt: DeliveryAttemptRecord(at: t0 + 11, httpStatus: 200, error: nil, milliseconds: 5), next: .delivered)
        #expect(try await store.job(account: account.id, id: claimed.id)?.state == .succeeded)
        let recorded = try await store.deliveries(job: claimed.id)
        #expect(recorded.count == 1)
        #expect(recorded[0].0.state == .delivered)
        #expect(recorded[0].1.map(\.httpStatus) == [503, 200])
        // A redelivery is a new delivery with a new id.
        let redelivery = try await store.addDelivery(job: claimed.id, NewDelivery(url: "https://example.com/hook", format: .multipart, firstAttemptAt: t0 + 20), at: t0 + 20)
        #expect(redelivery.id != delivery.id && redelivery.state == .pending)
        #expect(try await store.deliveries(job: claimed.id).count == 2)
    }

    @Test(arguments: StoreBackend.all)
    func jobsArePrivateListedNewestFirstAndCounted(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        let other = try await store.createAccount(name: "other", webhookSecret: "whsec_eA==", at: t0)
        for index in 1...3 { try await store.enqueue(job(account, "job-\(index)", at: t0 + Double(index)), admission: .unlimited(sources: 1)) }
        try await store.enqueue(job(other, "job-9", at: t0), admission: .unlimited(sources: 1))
        #expect(try await store.job(account: other.id, id: JobID("job-1")!) == nil)
        #expect(try await store.job(account: nil, id: JobID("job-9")!) != nil)
        #expect(try await store.jobs(account: account.id, state: nil, before: nil, limit: 2).map(\.id.rawValue) == ["job-3", "job-2"])
        #expect(try await store.jobs(account: account.id, state: nil, before: JobID("job-2"), limit: 2).map(\.id.rawValue) == ["job-1"])
        #expect(try await store.jobs(account: account.id, state: .processing, before: nil, limit: 5).isEmpty)
        #expect(try await store.jobCounts(account: account.id) == [.queued: 3])
    }

    @Test(arguments: StoreBackend.all)
    func finishedJobsPastRetentionAreListedOnceUntilMarked(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        try await store.enqueue(job(account, "job-1", at: t0, postback: nil), admission: .unlimited(sources: 1))
        let claimed = try #require(try await store.claimJob(owner: "w", until: t0 + 30, now: t0))
        try await store.completeJob(claimed.id, owner: "w", completion: JobCompletion(outcome: .partial, sources: claimed.sources,
            archive: ArchiveRecord(blobKey: "archives/job-1.zip", sha256: "s", bytes: 1), delivery: nil), at: t0 + 10)
        #expect(try await store.job(account: account.id, id: claimed.id)?.state == .partial)
        #expect(try await store.jobsToExpire(now: t0 + 15, defaultHours: 10.0 / 3600, limit: 10).isEmpty)
        #expect(try await store.jobsToExpire(now: t0 + 21, defaultHours: 10.0 / 3600, limit: 10).map(\.id) == [claimed.id])
        try await store.markExpired(claimed.id, at: t0 + 20)
        #expect(try await store.jobsToExpire(now: t0 + 21, defaultHours: 10.0 / 3600, limit: 10).isEmpty)
        #expect(try await store.job(account: account.id, id: claimed.id)?.expiredAt == t0 + 20)
    }

    @Test(arguments: StoreBackend.all)
    func aJobThatCannotRunEndsFailedAndADeliveryLeaseCanBeFreed(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        try await store.enqueue(job(account, "job-1", at: t0), admission: .unlimited(sources: 1))
        let claimed = try #require(try await store.claimJob(owner: "w", until: t0 + 30, now: t0))
        await #expect(throws: StoreError.leaseLost("job job-1")) { try await store.failJob(claimed.id, owner: "other", reason: "x", at: t0) }
        try await store.failJob(claimed.id, owner: "w", reason: "configuration gone", at: t0 + 1)
        let failed = try #require(try await store.job(account: account.id, id: claimed.id))
        #expect(failed.state == .failed && failed.outcome == .failed && failed.archive == nil)
        #expect(failed.sources.map(\.code) == ["PROCESSING_FAILED"] && failed.sources.map(\.message) == ["configuration gone"])

        try await store.enqueue(job(account, "job-2", at: t0), admission: .unlimited(sources: 1))
        let second = try #require(try await store.claimJob(owner: "w", until: t0 + 30, now: t0))
        try await store.completeJob(second.id, owner: "w", completion: JobCompletion(outcome: .succeeded, sources: second.sources,
            archive: ArchiveRecord(blobKey: "k", sha256: "s", bytes: 1), delivery: NewDelivery(url: "https://example.com/", format: .json, firstAttemptAt: t0)), at: t0)
        #expect(try await store.claimDelivery(owner: "d1", until: t0 + 180, now: t0) != nil)
        #expect(try await store.claimDelivery(owner: "d2", until: t0 + 180, now: t0) == nil)
        #expect(try await store.releaseExpiredDeliveries(now: .distantFuture) == 1)
        let again = try #require(try await store.claimDelivery(owner: "d2", until: t0 + 180, now: t0))
        #expect(again.format == .json)
    }

    @Test(arguments: StoreBackend.all)
    func aJobWhoseWorkerDiesOnEveryRunEndsFailedAtTheLimitWithItsCreditsBack(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        var crashing = job(account, "job-1", at: t0)
        crashing.creditsPerSource = 4
        try await store.enqueue(crashing, admission: JobAdmission(sources: 1, bytesIn: 10, credits: 4))
        try await store.enqueue(job(account, "job-2", at: t0), admission: .unlimited(sources: 1))
        // Three claims, each ended by an expired lease (the worker killed): back twice, then failed.
        var rescued: [JobRescue] = []
        for run in 1...3 {
            let now = t0 + Double(run) * 100
            let claimed = try #require(try await store.claimJob(owner: "w\(run)", until: now + 30, now: now))
            #expect(claimed.id == crashing.id && claimed.runs == run)
            rescued += try await store.rescueExpiredJobs(expiredBefore: now + 31, now: now + 31, maximumRuns: 3)
        }
        #expect(rescued == [JobRescue(jobID: crashing.id, runs: 1, outcome: .requeued), JobRescue(jobID: crashing.id, runs: 2, outcome: .requeued),
                            JobRescue(jobID: crashing.id, runs: 3, outcome: .failed)])
        let failed = try #require(try await store.job(account: account.id, id: crashing.id))
        #expect(failed.state == .failed && failed.outcome == .failed && failed.leaseOwner == nil && failed.finishedAt == t0 + 331)
        #expect(failed.sources.map(\.code) == ["WORKER_CRASHED"])
        #expect(failed.sources.first?.message == JobRescue.reason(runs: 3))
        #expect(JobRescue.reason(runs: 3).contains("3 times"))
        // The other job goes on; the failed one's credit comes back and its source counts as failed.
        #expect(try await store.claimJob(owner: "w4", until: t0 + 500, now: t0 + 400)?.id.rawValue == "job-2")
        let usage = try await store.usage(accounts: [account.id], from: "2000-01-01", to: "2100-01-01")[account.id] ?? []
        let total = UsageDay.total(usage, as: "all")
        #expect(total.credits == 0 && total.sourcesFailed == 1 && total.sources == 2 && total.jobs == 2)
    }

    @Test(arguments: StoreBackend.all)
    func releasingADeliveryFreesOnlyThatOwnersLease(backend: StoreBackend) async throws {
        let (store, account, cleanup) = try await given(backend)
        defer { cleanup() }
        for id in ["job-1", "job-2"] {
            try await store.enqueue(job(account, id, at: t0), admission: .unlimited(sources: 1))
            let claimed = try #require(try await store.claimJob(owner: "w", until: t0 + 30, now: t0))
            try await store.completeJob(claimed.id, owner: "w", completion: JobCompletion(outcome: .succeeded, sources: claimed.sources,
                archive: ArchiveRecord(blobKey: "k", sha256: "s", bytes: 1), delivery: NewDelivery(url: "https://example.com/", format: .multipart, firstAttemptAt: t0)), at: t0)
        }
        let mine = try #require(try await store.claimDelivery(owner: "a", until: t0 + 180, now: t0))
        let theirs = try #require(try await store.claimDelivery(owner: "b", until: t0 + 180, now: t0))
        #expect(try await store.releaseDelivery(theirs.id, owner: "a") == false)
        #expect(try await store.releaseDelivery(mine.id, owner: "a"))
        #expect(try await store.releaseDelivery(mine.id, owner: "a") == false)
        // Only a's delivery is free again; b's lease holds and b can still record its attempt.
        #expect(try await store.claimDelivery(owner: "c", until: t0 + 180, now: t0)?.id == mine.id)
        #expect(try await store.claimDelivery(owner: "c", until: t0 + 180, now: t0) == nil)
        try await store.recordAttempt(theirs.id, owner: "b", attempt: DeliveryAttemptRecord(at: t0, httpStatus: 200, error: nil, milliseconds: 5), next: .delivered)
    }
}
