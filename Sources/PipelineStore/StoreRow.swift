import Foundation

/// One stored row, read by column name: what a backend's driver hands the record mappers
/// (`JobRecord(row:)` and the others), so that every backend reads its rows the same way. NULL
/// and a value of another type read as nil.
public protocol StoreRow {
    func string(_ column: String) -> String?
    func integer(_ column: String) -> Int64?
    func double(_ column: String) -> Double?
    /// A flag: PostgreSQL's BOOLEAN, SQLite's 0 or 1.
    func bool(_ column: String) -> Bool?
}

extension StoreRow {
    /// A time stored as whole milliseconds since 1970.
    public func date(_ column: String) -> Date? { integer(column).map(Date.init(storedMilliseconds:)) }
    public func int(_ column: String) -> Int? { integer(column).map { Int($0) } }
}

/// A row of a known table, read by a record mapper: a column every row of it has is required,
/// and its absence is a corrupt row, reported as such (never read as 1970, 0 or "").
struct RowReader<Row: StoreRow> {
    let row: Row
    let table: String

    init(_ row: Row, table: String) {
        self.row = row
        self.table = table
    }

    private func corrupt(_ column: String) -> StoreError {
        StoreError.corruptRow(table: table, column: column, key: row.string("id"))
    }

    func required<T>(_ column: String, _ read: (Row) -> (String) -> T?) throws(StoreError) -> T {
        guard let value = read(row)(column) else { throw corrupt(column) }
        return value
    }

    /// A required text column turned into a typed value (an id, an enum, a JSON document).
    func parsed<T>(_ column: String, _ parse: (String) -> T?) throws(StoreError) -> T {
        guard let text = row.string(column), let value = parse(text) else { throw corrupt(column) }
        return value
    }

    func text(_ column: String) throws(StoreError) -> String { try required(column, Row.string) }
    func int(_ column: String) throws(StoreError) -> Int { try required(column, Row.int) }
    func date(_ column: String) throws(StoreError) -> Date { try required(column, Row.date) }
}

extension Date {
    /// Whole milliseconds since 1970, as every backend stores times.
    public var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(storedMilliseconds: Int64) { self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000) }
}

/// JSON columns (a plan, a share): sorted keys, so equal values are equal text.
public enum StoredJSON {
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
