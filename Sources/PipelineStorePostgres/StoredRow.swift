import Foundation
import PipelineStore
import PostgresNIO

/// One result row, read by column name (for the record mappers of `PipelineStore`); NULL and a
/// value of another type read as nil.
struct StoredRow: StoreRow, Sendable {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRandomAccessRow) { self.row = row }

    func string(_ column: String) -> String? { (try? row[column].decode(String?.self)) ?? nil }
    func integer(_ column: String) -> Int64? { (try? row[column].decode(Int64?.self)) ?? nil }
    func double(_ column: String) -> Double? { (try? row[column].decode(Double?.self)) ?? nil }
    func bool(_ column: String) -> Bool? { (try? row[column].decode(Bool?.self)) ?? nil }
}
