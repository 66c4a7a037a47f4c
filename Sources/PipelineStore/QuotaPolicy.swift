import Foundation
import PipelineCore

/// A usage figure the quota checks compare with a limit: a sum over the usage table, of the
/// account alone (a sub-account's monthly share) or of its family (the root account and its
/// sub-accounts, for the plan's limits), over today or this month (UTC).
public enum QuotaFigure: Sendable, Hashable, CaseIterable {
    case ownSourcesThisMonth, ownCreditsThisMonth, ownBytesInThisMonth
    case familySourcesToday, familyCreditsThisMonth, familyRendersToday

    /// The usage counter summed (a column of the usage table).
    public var counter: String {
        switch self {
        case .ownSourcesThisMonth, .familySourcesToday: "sources"
        case .ownCreditsThisMonth, .familyCreditsThisMonth: "credits"
        case .ownBytesInThisMonth: "bytes_in"
        case .familyRendersToday: "renders"
        }
    }

    /// Summed over the whole family rather than the account alone.
    public var isFamily: Bool { self == .familySourcesToday || self == .familyCreditsThisMonth || self == .familyRendersToday }

    /// The days summed, as a `LIKE` pattern over `yyyy-MM-dd`: today, or every day of this month.
    public func days(at date: Date) -> String {
        self == .familySourcesToday || self == .familyRendersToday ? UsageCalendar.day(date) : UsageCalendar.month(date) + "-%"
    }
}

/// What the quotas allow, decided once for every backend: a backend reads the figures a check
/// needs (with its own SQL, inside the transaction that takes the admission) and asks here.
public enum QuotaPolicy {
    /// One limit: what it is called, its value for an admission, what it asks for, what it reads.
    private struct Check: Sendable {
        var limit: QuotaRefusal.Limit
        var allowed: @Sendable (JobAdmission) -> Int?
        var requested: @Sendable (JobAdmission) -> Int
        var figure: QuotaFigure
    }

    /// In the order a refusal names them: a sub-account's own share first, then its family's plan.
    private static let checks: [Check] = [
        Check(limit: .shareSources, allowed: { $0.share?.sourcesPerMonth }, requested: { $0.sources }, figure: .ownSourcesThisMonth),
        Check(limit: .shareCredits, allowed: { $0.share?.creditsPerMonth }, requested: { $0.credits }, figure: .ownCreditsThisMonth),
        Check(limit: .shareBytes, allowed: { $0.share?.bytesPerMonth }, requested: { $0.bytesIn }, figure: .ownBytesInThisMonth),
        Check(limit: .sourcesPerDay, allowed: { $0.sourcesPerDay }, requested: { $0.sources }, figure: .familySourcesToday),
        Check(limit: .creditsPerMonth, allowed: { $0.creditsPerMonth }, requested: { $0.credits }, figure: .familyCreditsThisMonth),
        Check(limit: .rendersPerDay, allowed: { $0.rendersPerDay }, requested: { $0.renders }, figure: .familyRendersToday),
    ]

    /// The figures `admission` is checked against: those of the limits it has and asks something of.
    public static func figures(for admission: JobAdmission) -> [QuotaFigure] {
        checks.filter { $0.allowed(admission) != nil && $0.requested(admission) > 0 }.map(\.figure)
    }

    /// The first limit `admission` would pass, given what is `used` (a figure not given counts
    /// as 0); nil when it fits.
    public static func refusal(_ admission: JobAdmission, used: [QuotaFigure: Int]) -> QuotaRefusal? {
        for check in checks {
            if let allowed = check.allowed(admission),
               let refusal = refusal(adding: check.requested(admission), to: used[check.figure] ?? 0, limit: allowed, as: check.limit) {
                return refusal
            }
        }
        return nil
    }

    /// Adding `requested` to `used` under `limit` (nil: no limit; asking for nothing always fits).
    public static func refusal(adding requested: Int, to used: Int, limit: Int?, as kind: QuotaRefusal.Limit) -> QuotaRefusal? {
        guard let limit, requested > 0, used + requested > limit else { return nil }
        return QuotaRefusal(limit: kind, allowed: limit, used: used, requested: requested)
    }
}
