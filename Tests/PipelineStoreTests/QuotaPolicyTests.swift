import Foundation
import PipelineCore
import PipelineStore
import Testing

/// The quota rules, once for every backend: which figures an admission is checked against, and
/// which limit, if any, it passes.
@Suite struct QuotaPolicyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var admission: JobAdmission
        var used: [QuotaFigure: Int]
        var figures: [QuotaFigure]
        var refusal: QuotaRefusal?
        var testDescription: String { name }
    }

    static let share = AccountShare(sourcesPerMonth: 10, creditsPerMonth: 100, bytesPerMonth: 1000)

    static let cases: [Case] = [
        Case(name: "no limits: nothing read, always fits", admission: JobAdmission(sources: 5, bytesIn: 9, credits: 50),
             used: [:], figures: [], refusal: nil),
        Case(name: "the day's sources fit exactly", admission: JobAdmission(sources: 3, bytesIn: 0, credits: 0, sourcesPerDay: 10),
             used: [.familySourcesToday: 7], figures: [.familySourcesToday], refusal: nil),
        Case(name: "one source past the day's limit", admission: JobAdmission(sources: 4, bytesIn: 0, credits: 0, sourcesPerDay: 10),
             used: [.familySourcesToday: 7], figures: [.familySourcesToday],
             refusal: QuotaRefusal(limit: .sourcesPerDay, allowed: 10, used: 7, requested: 4)),
        Case(name: "credits past the month's", admission: JobAdmission(sources: 1, bytesIn: 0, credits: 30, sourcesPerDay: 10, creditsPerMonth: 100),
             used: [.familySourcesToday: 0, .familyCreditsThisMonth: 80], figures: [.familySourcesToday, .familyCreditsThisMonth],
             refusal: QuotaRefusal(limit: .creditsPerMonth, allowed: 100, used: 80, requested: 30)),
        Case(name: "asking for no credits never passes the credit limit", admission: JobAdmission(sources: 1, bytesIn: 0, credits: 0, creditsPerMonth: 100),
             used: [.familyCreditsThisMonth: 500], figures: [], refusal: nil),
        Case(name: "a sub-account's share is named before its family's plan",
             admission: JobAdmission(sources: 2, bytesIn: 10, credits: 20, sourcesPerDay: 1, share: share),
             used: [.ownSourcesThisMonth: 9, .familySourcesToday: 5],
             figures: [.ownSourcesThisMonth, .ownCreditsThisMonth, .ownBytesInThisMonth, .familySourcesToday],
             refusal: QuotaRefusal(limit: .shareSources, allowed: 10, used: 9, requested: 2)),
        Case(name: "the share's bytes", admission: JobAdmission(sources: 1, bytesIn: 300, credits: 1, share: share),
             used: [.ownBytesInThisMonth: 800], figures: [.ownSourcesThisMonth, .ownCreditsThisMonth, .ownBytesInThisMonth],
             refusal: QuotaRefusal(limit: .shareBytes, allowed: 1000, used: 800, requested: 300)),
        Case(name: "a figure not read counts as nothing used", admission: JobAdmission(sources: 10, bytesIn: 0, credits: 0, sourcesPerDay: 10),
             used: [:], figures: [.familySourcesToday], refusal: nil),
    ]

    @Test(arguments: cases)
    func anAdmissionIsCheckedAgainstTheFiguresOfItsLimits(_ test: Case) {
        #expect(QuotaPolicy.figures(for: test.admission) == test.figures)
        #expect(QuotaPolicy.refusal(test.admission, used: test.used) == test.refusal)
    }

    @Test(arguments: [
        (0, 3 as Int?, nil as QuotaRefusal?),
        (2, 3, nil),
        (3, 3, QuotaRefusal(limit: .allowedIPs, allowed: 3, used: 3, requested: 1)),
        (500, nil, nil),
    ])
    func oneMoreItemFitsUnderALimitUntilItIsFull(used: Int, limit: Int?, refusal: QuotaRefusal?) {
        #expect(QuotaPolicy.refusal(adding: 1, to: used, limit: limit, as: .allowedIPs) == refusal)
    }

    @Test func familyFiguresSumToday() {
        let noon = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(QuotaFigure.familySourcesToday.days(at: noon) == UsageCalendar.day(noon))
        #expect(QuotaFigure.familyCreditsThisMonth.days(at: noon) == UsageCalendar.month(noon) + "-%")
        #expect(QuotaFigure.familyRendersToday.days(at: noon) == UsageCalendar.day(noon))
        #expect(QuotaFigure.allCases.filter(\.isFamily) == [.familySourcesToday, .familyCreditsThisMonth, .familyRendersToday])
    }
}

/// The record mappers, once for every backend: a row missing what its record needs is a corrupt
/// row, named, never a record with 1970 in it.
@Suite struct RecordMapperTests {
    struct Row: StoreRow {
        var values: [String: Any]
        func string(_ column: String) -> String? { values[column] as? String }
        func integer(_ column: String) -> Int64? { values[column] as? Int64 }
        func double(_ column: String) -> Double? { values[column] as? Double }
        func bool(_ column: String) -> Bool? { values[column] as? Bool }
    }

    static var job: [String: Any] { [
        "id": "job-1", "account_id": "acct_1", "config_id": "thumbs", "config_version": Int64(2), "state": "queued",
        "sources": #"[{"name":"a.jpg"}]"#, "created_at": Int64(1_800_000_000_000), "runs": Int64(1), "keep_forever": true,
    ] }

    @Test func aCompleteRowReadsIntoItsRecord() throws {
        let job = try JobRecord(row: Row(values: Self.job))
        #expect(job.id.rawValue == "job-1" && job.configVersion == 2 && job.state == .queued && job.runs == 1)
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_800_000_000) && job.retention == .permanent && job.sources.map(\.name) == ["a.jpg"])
    }

    @Test(arguments: ["created_at", "state", "sources", "config_version", "account_id"])
    func aRowMissingARequiredColumnIsACorruptRowNamingIt(column: String) throws {
        var values = Self.job
        values[column] = column == "state" ? "sleeping" : nil
        #expect(throws: StoreError.corruptRow(table: "jobs", column: column, key: "job-1")) { try JobRecord(row: Row(values: values)) }
        #expect(StoreError.corruptRow(table: "jobs", column: column, key: "job-1").description
                == "a row of jobs (job-1) has no readable \(column); the database was changed outside the server")
    }
}
