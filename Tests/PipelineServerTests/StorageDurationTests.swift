@testable import PipelineServer
import PipelineStore
import Testing

/// Every spelling of a storage duration the API takes (SPEC §9: the seeds' `0H`, `7D`, `1M`,
/// `3M`, `LTF` beside hours, days and `permanent`), and the ones it refuses, in words.
@Suite struct StorageDurationTests {
    @Test(arguments: [("24h", JobRetention.hours(24)), ("1H", .hours(1)), ("2160h", .hours(2160)), ("7d", .hours(168)), ("7D", .hours(168)),
                      ("1M", .hours(720)), ("3m", .hours(2160)), ("0H", .permanent), ("LTF", .permanent), ("ltf", .permanent),
                      ("permanent", .permanent), (" 12h ", .hours(12))])
    func accepted(_ text: String, _ expected: JobRetention) throws {
        #expect(try StorageDuration.parse(text) == expected)
    }

    @Test(arguments: ["forever", "", "0d", "-1h", "1y", "4M", "91d", "2161h", "h", "1.5h"])
    func refused(_ text: String) {
        #expect(throws: StorageDuration.Problem.self) { _ = try StorageDuration.parse(text) }
    }
}
