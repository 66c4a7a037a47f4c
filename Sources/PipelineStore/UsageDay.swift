import Foundation

/// One account's consumption on one UTC day. What a job takes from the quotas (jobs, sources,
/// bytes in, credits) is counted when it is accepted; what the workers did (sources that
/// succeeded or failed, outputs, bytes out) when it is done. Credits of sources that fail are
/// given back on the day they were taken.
public struct UsageDay: Sendable, Hashable, Codable {
    /// `yyyy-MM-dd` (UTC).
    public var day: String
    public var jobs = 0
    public var sources = 0
    public var bytesIn = 0
    public var credits = 0
    public var sourcesSucceeded = 0
    public var sourcesFailed = 0
    public var outputs = 0
    public var bytesOut = 0
    /// On-the-fly renders made (cache misses; SPEC §10). Their credits are in `credits`.
    public var renders = 0

    public init(day: String) { self.day = day }

    /// The sum of several days (or accounts), named `day`.
    public static func total(_ days: [UsageDay], as day: String) -> UsageDay {
        var total = UsageDay(day: day)
        for usage in days {
            total.jobs += usage.jobs
            total.sources += usage.sources
            total.bytesIn += usage.bytesIn
            total.credits += usage.credits
            total.sourcesSucceeded += usage.sourcesSucceeded
            total.sourcesFailed += usage.sourcesFailed
            total.outputs += usage.outputs
            total.bytesOut += usage.bytesOut
            total.renders += usage.renders
        }
        return total
    }
}

/// UTC calendar days and months as the usage table keys them.
public enum UsageCalendar {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `yyyy-MM-dd` of `date` in UTC.
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// `yyyy-MM` of `date` in UTC.
    public static func month(_ date: Date) -> String { String(day(date).prefix(7)) }

    /// The next UTC midnight after `date`.
    public static func nextMidnight(after date: Date) -> Date {
        let start = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? date + 86_400
    }

    /// The first instant of the next UTC month.
    public static func nextMonth(after date: Date) -> Date {
        let parts = calendar.dateComponents([.year, .month], from: date)
        let start = calendar.date(from: parts) ?? date
        return calendar.date(byAdding: .month, value: 1, to: start) ?? date + 31 * 86_400
    }

    /// The date of a `yyyy-MM-dd` day, or nil.
    public static func date(ofDay text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        return date.flatMap { day($0) == text ? $0 : nil }
    }
}
