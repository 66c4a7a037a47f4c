/// Why a store refused a write: conflicts the caller can explain to a client. Anything else a
/// store throws is its backend's own error.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case exists(String)
        case notFound(String)
        case leaseLost(String)
        case corruptRow(table: String, column: String, key: String?)
    }

    private let kind: Kind

    /// A record with this identity is already there (a taken configuration id).
    public static func exists(_ what: String) -> StoreError { StoreError(kind: .exists(what)) }
    /// There is no such record (or it belongs to another account).
    public static func notFound(_ what: String) -> StoreError { StoreError(kind: .notFound(what)) }
    /// The caller's lease on a job or delivery has expired and another owner may hold it.
    public static func leaseLost(_ what: String) -> StoreError { StoreError(kind: .leaseLost(what)) }

    /// A stored row lacks a value its record needs (written by hand, or by a newer version).
    public static func corruptRow(table: String, column: String, key: String?) -> StoreError {
        StoreError(kind: .corruptRow(table: table, column: column, key: key))
    }

    public var isExists: Bool { if case .exists = kind { true } else { false } }
    public var isNotFound: Bool { if case .notFound = kind { true } else { false } }
    public var isLeaseLost: Bool { if case .leaseLost = kind { true } else { false } }

    public var description: String {
        switch kind {
        case .exists(let what): "\(what) already exists"
        case .notFound(let what): "\(what) does not exist"
        case .leaseLost(let what): "the lease on \(what) was lost"
        case .corruptRow(let table, let column, let key):
            "a row of \(table)\(key.map { " (\($0))" } ?? "") has no readable \(column); the database was changed outside the server"
        }
    }
}
