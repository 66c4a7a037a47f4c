import Foundation
import PipelineCore

/// Everything the server keeps, behind one protocol so that SQLite (embedded, the default) and
/// PostgreSQL (several processes) are interchangeable. No SQL lives outside the implementations.
/// Every call is one transaction. Account-scoped reads return nil (not an error) for another
/// account's records, so a caller cannot tell them from missing ones.
public protocol PipelineStore: Sendable {
    // MARK: Accounts and keys

    /// Throws `StoreError.exists` when the name is taken (names are unique across sub-accounts too).
    func createAccount(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?, at: Date) async throws -> Account
    /// Every account (`parent` nil) or the sub-accounts of `parent`, oldest first.
    func accounts(parent: AccountID?) async throws -> [Account]
    /// Returns false when there is no such account. Its sub-accounts follow it.
    func setPlan(account: AccountID, plan: String) async throws -> Bool
    /// Suspends (`at`) or reinstates (nil); false when there is no such account.
    func setSuspended(account: AccountID, at: Date?) async throws -> Bool
    func account(named name: String) async throws -> Account?
    func account(id: AccountID) async throws -> Account?
    func addKey(_ key: APIKeyRecord) async throws
    /// The account of an unrevoked key with this hash, its effective plan and its active
    /// allow-list, in one read (every request makes it).
    func access(forKeyHash hash: String) async throws -> KeyAccess?
    func keys(of account: AccountID?) async throws -> [APIKeyRecord]
    /// Returns false when there is no such unrevoked key (of `account`, when given).
    func revokeKey(_ id: KeyID, account: AccountID?, at: Date) async throws -> Bool

    // MARK: Plans, usage and allow-lists

    func plans() async throws -> [AccountPlan]
    func plan(named name: String) async throws -> AccountPlan?
    /// Adds or replaces the plan of that name.
    func savePlan(_ plan: AccountPlan) async throws
    /// Each account's usage per day from `from` to `to` (`yyyy-MM-dd`, both included); days
    /// without any are left out.
    func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]]
    func allowedAddresses(account: AccountID) async throws -> [AllowedAddress]
    /// Adds the entry or changes its `active`; throws `QuotaRefusal` (allowedIPs) when a new
    /// entry would make more than `limit`.
    func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress
    /// Returns false when the list has no such entry.
    func removeAllowedAddress(account: AccountID, address: String) async throws -> Bool

    // MARK: Configurations

    /// Saves version 1; throws `StoreError.exists` when the id is taken in this account, and
    /// `QuotaRefusal` (savedConfigurations) when the account already has `limit`.
    func insertConfiguration(_ configuration: StoredConfiguration, limit: Int?) async throws
    /// Saves the next version; throws `StoreError.notFound` when there is none to replace.
    func replaceConfiguration(account: AccountID, id: ConfigID, document: String, at: Date) async throws -> StoredConfiguration
    /// The latest version (`version` nil) or that version, of a configuration that is not deleted.
    func configuration(account: AccountID, id: ConfigID, version: Int?) async throws -> StoredConfiguration?
    /// Latest versions, by id, after `after`, at most `limit`.
    func configurations(account: AccountID, after: ConfigID?, limit: Int) async throws -> [StoredConfiguration]
    /// Returns false when there was none. Queued jobs keep their version.
    func deleteConfiguration(account: AccountID, id: ConfigID, at: Date) async throws -> Bool
    func configurationCount(account: AccountID) async throws -> Int

    // MARK: Jobs (the queue)

    /// Queues the job and takes its admission from the quotas in one transaction; throws
    /// `QuotaRefusal` (and queues nothing) when a limit would be passed.
    func enqueue(_ job: JobRecord, admission: JobAdmission) async throws
    /// What `enqueue` would refuse for `admission` now, read without taking anything: a hint that
    /// lets an upload be refused before its body is read (the check that counts is `enqueue`'s).
    func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal?
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

    // MARK: Deliveries (the outbox)

    /// A new delivery of a finished job's result (a redelivery).
    func addDelivery(job: JobID, _ delivery: NewDelivery, at: Date) async throws -> DeliveryRecord
    /// The pending delivery due the longest, now held by `owner` until `until`.
    func claimDelivery(owner: String, until: Date, now: Date) async throws -> DeliveryRecord?
    /// Records an attempt and what follows it; finishes the job's `delivering` state when its
    /// last pending delivery ends.
    func recordAttempt(_ id: DeliveryID, owner: String, attempt: DeliveryAttemptRecord, next: DeliveryNext) async throws
    /// The job's deliveries, oldest first, each with its attempts.
    func deliveries(job: JobID) async throws -> [(DeliveryRecord, [DeliveryAttemptRecord])]
    func queueDepth() async throws -> Int
    /// Frees the leases of deliveries whose lease expired before `now` (at start: all of them).
    func releaseExpiredDeliveries(now: Date) async throws -> Int
    /// Frees `owner`'s lease on one delivery (an attempt given up at shutdown), so another
    /// process can make it; false when `owner` did not hold it. Other owners' leases stay.
    func releaseDelivery(_ id: DeliveryID, owner: String) async throws -> Bool
    /// Whether the database answers.
    func ping() async throws
    /// Calls `signal` whenever any process queues a job or writes a delivery, until cancelled,
    /// so idle workers start at once. Returns at once when the store has no such channel
    /// (SQLite: one process, whose own doorbells are enough).
    func watchForWork(_ signal: @escaping @Sendable (WorkSignal) -> Void) async throws
}

extension PipelineStore {
    /// A top-level account on the default plan.
    public func createAccount(name: String, webhookSecret: String, at: Date) async throws -> Account {
        try await createAccount(name: name, webhookSecret: webhookSecret, plan: AccountPlan.defaultName, parent: nil, share: nil, at: at)
    }
}
