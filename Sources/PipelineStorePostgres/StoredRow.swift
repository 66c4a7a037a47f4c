import Foundation
import PostgresNIO

/// One result row, read by column name; NULL reads as nil (or "" and 0 where a value is sure).
struct StoredRow: Sendable {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRandomAccessRow) { self.row = row }

    func string(_ column: String) -> String? { (try? row[column].decode(String?.self)) ?? nil }
    func text(_ column: String) -> String { string(column) ?? "" }
    func integer(_ column: String) -> Int? { (try? row[column].decode(Int?.self)) ?? nil }
    func int(_ column: String) -> Int { integer(column) ?? 0 }
    func double(_ column: String) -> Double? { (try? row[column].decode(Double?.self)) ?? nil }
    func bool(_ column: String) -> Bool { ((try? row[column].decode(Bool?.self)) ?? nil) ?? false }
    func date(_ column: String) -> Date? { integer(column).map { Date(storedMilliseconds: Int64($0)) } }
}
