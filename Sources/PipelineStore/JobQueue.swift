import Foundation
import PipelineCore

/// The jobs table as a queue: admission under the quotas, claims with a lease, renewal, release,
/// the rescue of expired leases, completion (with its delivery) and retention.
public protocol JobQueue: Sendable {
    /// Queues the job and takes its admission from the quotas in one transaction; throws
    /// `QuotaRefusal` (and queues nothing) when a limit would be passed.
    func enqueue(_ job: JobRecord, admission: JobAdmission) async throws
    /// What `enqueue` would refuse for `admission` now, read without taking anything: a hint that
    /// lets an upload be refused before its body is read (the check that counts is `enqueue`'s).
    func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal?
    /// Checks an on-the-fly render's admission and takes it (its usage counted), atomically;
    /// returns the refusal when it does not fit.
    func admitRender(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal?
    func job(account: AccountID?, id: JobID) async throws -> JobRecord?
    /// Newest first; `before` pages on.
    func jobs(account: AccountID, state: JobState?, before: JobID?, limit: Int) async throws -> [JobRecord]
    /// Jobs by state, of one account or (nil) of all.
    func jobCounts(account: AccountID?) async throws -> [JobState: Int]
    /// The oldest queued job, now held by `owner` until `until`.
    func claimJob(owner: String, until: Date, now: Date) async throws -> JobRecord?
    /// Extends a lease; throws `StoreError.leaseLost` when `owner` no longer holds it.
    func renewJob(_ id: JobID, owner: String, until: Date) async throws
    /// Puts a job back in the queue (a worker stopping); false when `owner` did not hold it.
    func releaseJob(_ id: JobID, owner: String) async throws -> Bool
    /// Every job whose lease expired before `cutoff` (its worker died or hung; at start with
    /// SQLite, every lease: the cutoff is the distant future): back in the queue,
    /// or, once claimed `maximumRuns` times, ended failed with `WORKER_CRASHED` on every source
    /// (usage as `failJob`'s). Returns what was done with each.
    func rescueExpiredJobs(expiredBefore cutoff: Date, now: Date, maximumRuns: Int) async throws -> [JobRescue]
    /// Ends a job that cannot be run at all (its configuration version is gone, say) as failed,
    /// with the reason on every source; it has no archive and no delivery.
    func failJob(_ id: JobID, owner: String, reason: String, at: Date) async throws
    /// Stores the result and, in the same transaction, the delivery to make.
    func completeJob(_ id: JobID, owner: String, completion: JobCompletion, at: Date) async throws
    /// Finished jobs whose archive is still kept and whose retention (their own, or
    /// `defaultHours`) ended before `now`; never those kept permanently.
    func jobsToExpire(now: Date, defaultHours: Double, limit: Int) async throws -> [JobRecord]
    func markExpired(_ id: JobID, at: Date) async throws
    /// The client deleted the job's files (`DELETE /v1/jobs/{id}`): its record stays, marked.
    func markDeleted(_ id: JobID, at: Date) async throws
    /// Jobs waiting for a worker.
    func queueDepth() async throws -> Int
}
