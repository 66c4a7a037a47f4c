import Foundation
import PipelineCore

/// Counters to add to one account's usage of one UTC day (negative values give back). What a
/// job's life changes in the usage table is decided here, once, for every backend; a backend
/// only adds the counters with its own SQL.
public struct UsageChange: Sendable, Hashable {
    public var account: AccountID
    /// The day and the counters to add to it.
    public var counters: UsageDay

    public init(account: AccountID, counters: UsageDay) {
        self.account = account
        self.counters = counters
    }

    /// Accepting a job takes its sources, bytes and credits on the day it is accepted.
    public static func admission(_ admission: JobAdmission, account: AccountID, at: Date) -> [UsageChange] {
        var day = UsageDay(day: UsageCalendar.day(at))
        // A render is not a job; its credits count all the same.
        day.jobs = admission.renders != 0 ? 0 : admission.jobs
        day.renders = admission.renders
        day.sources = admission.sources
        day.bytesIn = admission.bytesIn
        day.credits = admission.credits
        return [UsageChange(account: account, counters: day)]
    }

    /// The work done counts on the day it was done; the credits of sources that failed go back
    /// to the day they were taken, and PDFs' pages settle there.
    public static func completion(of job: JobRecord, _ completion: JobCompletion, at: Date) -> [UsageChange] {
        var done = UsageDay(day: UsageCalendar.day(at))
        let failed = completion.failedSources
        done.bytesIn = completion.fetchedBytes
        done.sourcesSucceeded = completion.sources.count - failed
        done.sourcesFailed = failed
        done.outputs = completion.outputs
        done.bytesOut = completion.archive.bytes
        return [UsageChange(account: job.accountID, counters: done)] + creditsBack(of: job, sources: failed)
            + settled(of: job, completion.creditSettlement)
    }

    /// PDF sources' pages, known only once they are done, settle on the day the credits were taken.
    private static func settled(of job: JobRecord, _ credits: Int) -> [UsageChange] {
        guard credits != 0 else { return [] }
        var taken = UsageDay(day: UsageCalendar.day(job.createdAt))
        taken.credits = credits
        return [UsageChange(account: job.accountID, counters: taken)]
    }

    /// A job that ends without running (its configuration is gone, its worker kept dying): every
    /// source failed, and every credit goes back.
    public static func failure(of job: JobRecord, at: Date) -> [UsageChange] {
        var done = UsageDay(day: UsageCalendar.day(at))
        done.sourcesFailed = job.sources.count
        return [UsageChange(account: job.accountID, counters: done)] + creditsBack(of: job, sources: job.sources.count)
    }

    private static func creditsBack(of job: JobRecord, sources: Int) -> [UsageChange] {
        guard sources > 0, job.creditsPerSource > 0 else { return [] }
        var taken = UsageDay(day: UsageCalendar.day(job.createdAt))
        taken.credits = -sources * job.creditsPerSource
        return [UsageChange(account: job.accountID, counters: taken)]
    }
}
