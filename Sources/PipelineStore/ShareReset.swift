import Foundation

/// A sub-account's usage reset by its parent (SPEC §11, ImageRecycle's reset-usage): what it had
/// used of its share in `month` when reset, taken off the share's figures for the rest of that
/// month. The usage itself, and what counts against the parent's plan, are unchanged: a reset
/// gives a sub-account its share again, not the family more than its plan.
public struct ShareReset: Sendable, Hashable, Codable {
    /// `yyyy-MM` (UTC).
    public var month: String
    public var sources: Int
    public var credits: Int
    public var bytesIn: Int

    public init(month: String, sources: Int, credits: Int, bytesIn: Int) {
        self.month = month
        self.sources = sources
        self.credits = credits
        self.bytesIn = bytesIn
    }

    /// What was taken before the reset, for one of the share's own figures at `date`.
    public func offset(_ figure: QuotaFigure, at date: Date) -> Int {
        guard UsageCalendar.month(date) == month else { return 0 }
        switch figure {
        case .ownSourcesThisMonth: return sources
        case .ownCreditsThisMonth: return credits
        case .ownBytesInThisMonth: return bytesIn
        default: return 0
        }
    }
}
