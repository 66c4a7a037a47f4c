import Foundation

/// What accepting a job takes from the quotas, and the limits it must fit under. The store
/// checks and takes it in the same transaction that queues the job, so concurrent uploads can
/// never take more than is left.
public struct JobAdmission: Sendable, Hashable {
    /// Sources of the job.
    public var sources: Int
    /// Bytes uploaded (0 for sources given by URL: they are counted when fetched).
    public var bytesIn: Int
    /// Credits: the planned work per source × sources.
    public var credits: Int
    /// The plan's sources per UTC day, for the account's family (the root and its sub-accounts).
    public var sourcesPerDay: Int?
    /// The plan's credits per UTC month, for the family.
    public var creditsPerMonth: Int?
    /// A sub-account's own monthly share.
    public var share: AccountShare?
    /// On-the-fly renders (SPEC §10): one per cache miss, against the plan's renders per day.
    public var renders = 0
    /// Jobs it counts as in the usage (1; 0 for a change that gives credits back).
    public var jobs = 1
    public var rendersPerDay: Int?

    public init(sources: Int, bytesIn: Int, credits: Int, sourcesPerDay: Int? = nil, creditsPerMonth: Int? = nil, share: AccountShare? = nil) {
        self.sources = sources
        self.bytesIn = bytesIn
        self.credits = credits
        self.sourcesPerDay = sourcesPerDay
        self.creditsPerMonth = creditsPerMonth
        self.share = share
    }

    /// One on-the-fly render of `credits` (its output's planned work), under the plan's limits.
    public static func render(credits: Int, plan: AccountPlan, share: AccountShare?) -> JobAdmission {
        var admission = JobAdmission(sources: 0, bytesIn: 0, credits: credits, creditsPerMonth: plan.creditsPerMonth, share: share)
        admission.renders = 1
        admission.rendersPerDay = plan.rendersPerDay
        return admission
    }

    /// An admission with no limits (tests, the operator's own account).
    public static func unlimited(sources: Int) -> JobAdmission { JobAdmission(sources: sources, bytesIn: 0, credits: 0) }
}
