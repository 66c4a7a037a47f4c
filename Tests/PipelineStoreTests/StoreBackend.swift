import Foundation
import PipelineStore
import PipelineStoreSQLite
import PipelineStorePostgres

/// A store implementation under test, each on a fresh, real database. The same tests run
/// against every backend listed in `StoreBackend.all`: SQLite always, PostgreSQL when
/// `PIPELINE_TEST_POSTGRES` names a server (`scripts/test` starts a throwaway cluster and sets
/// it; `PostgresAvailabilityTests` says so plainly when it is not set).
struct StoreBackend: Sendable, CustomStringConvertible {
    var description: String
    var make: @Sendable () async throws -> (any PipelineStore, cleanup: @Sendable () -> Void)

    static let sqlite = StoreBackend(description: "SQLite") {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: "\(folder)/pipeline.sqlite")
        return (store, { try? FileManager.default.removeItem(atPath: folder) })
    }

    /// The server `PIPELINE_TEST_POSTGRES` names, if any.
    static let postgresURL: DatabaseURL? = ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES"].flatMap { try? DatabaseURL($0) }

    /// A new database per test on that server. Databases are left behind: the cluster is a
    /// throwaway one, removed when the run ends.
    static let postgres = StoreBackend(description: "PostgreSQL") {
        guard let url = postgresURL else { throw DatabaseURLError("PIPELINE_TEST_POSTGRES is not set") }
        let name = "store_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStore.createDatabase(name, on: url)
        let store = try await PostgresStore(url: url.with(database: name), maximumConnections: 4)
        return (store, { store.close() })
    }

    static let all: [StoreBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
}
