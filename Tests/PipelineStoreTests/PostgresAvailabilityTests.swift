import Foundation
import PipelineStore
import PipelineStorePostgres
import Testing

/// Says whether the PostgreSQL store was tested. Without `PIPELINE_TEST_POSTGRES` the store
/// tests run on SQLite only and this test is reported as skipped, with the reason; with
/// `PIPELINE_REQUIRE_POSTGRES=1` (CI) a missing server fails the run instead.
@Suite struct PostgresAvailabilityTests {
    static let required = ProcessInfo.processInfo.environment["PIPELINE_REQUIRE_POSTGRES"] == "1"

    @Test(.enabled(if: StoreBackend.postgresURL != nil || required,
                   "PIPELINE_TEST_POSTGRES is not set: the store tests ran on SQLite only, NOT on PostgreSQL (scripts/test starts a cluster)"))
    func thePostgreSQLStoreIsTested() async throws {
        let url = try #require(StoreBackend.postgresURL, "PIPELINE_REQUIRE_POSTGRES=1 but PIPELINE_TEST_POSTGRES names no server")
        #expect(StoreBackend.all.map(\.description) == ["SQLite", "PostgreSQL"])
        let (store, cleanup) = try await StoreBackend.postgres.make()
        defer { cleanup() }
        try await store.ping()
        #expect(try await store.plans().count == AccountPlan.shipped.count, "\(url)")
    }

    /// Ten stores opening one new database at once: the migrations run once, under the lock.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func tenProcessesStartingAtOnceMigrateOnce() async throws {
        let url = try #require(StoreBackend.postgresURL)
        let name = "race_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStore.createDatabase(name, on: url)
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<10 { group.addTask { try await PostgresStore(url: url.with(database: name), maximumConnections: 2) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        defer { for store in stores { store.close() } }
        #expect(stores.count == 10)
        #expect(try await stores[0].plans().map(\.name) == ["free", "paid", "trial", "unlimited"])
    }

    /// A key's bucket in the database: three requests a minute pass, the fourth waits its third
    /// of a minute, another key is not touched, and two stores (two processes) draw on one bucket.
    @Test(.enabled(if: StoreBackend.postgresURL != nil))
    func requestBucketsAreSharedThroughTheDatabase() async throws {
        let url = try #require(StoreBackend.postgresURL)
        let name = "rate_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStore.createDatabase(name, on: url)
        let one = try await PostgresStore(url: url.with(database: name), maximumConnections: 2)
        let other = try await PostgresStore(url: url.with(database: name), maximumConnections: 2)
        defer { one.close(); other.close() }
        #expect(try await one.takeRequest(key: "k1", perMinute: 3) == nil)
        #expect(try await other.takeRequest(key: "k1", perMinute: 3) == nil)
        #expect(try await one.takeRequest(key: "k1", perMinute: 3) == nil)
        let wait = try #require(try await other.takeRequest(key: "k1", perMinute: 3))
        #expect(wait > 15 && wait <= 20, "\(wait) s")
        #expect(try await one.takeRequest(key: "k2", perMinute: 3) == nil)
        // Fifty at once on a fresh key with ten a minute: ten pass (one more per 6 s they take).
        let started = Date()
        let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 { group.addTask { try await (index % 2 == 0 ? one : other).takeRequest(key: "k3", perMinute: 10) == nil } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let refilled = Int((Date().timeIntervalSince(started) / 6).rounded(.down))
        #expect(passed >= 10 && passed <= 10 + refilled, "\(passed) passed")
    }

    @Test func databaseURLsAreReadWithClearErrors() throws {
        let url = try DatabaseURL("postgres://app:s%40cret@db.example:6543/pipeline")
        #expect(url.host == "db.example" && url.port == 6543 && url.username == "app" && url.password == "s@cret" && url.database == "pipeline")
        #expect(url.description == "postgres://app:***@db.example:6543/pipeline")
        let socket = try DatabaseURL("postgresql://app@/pipeline?host=/run/postgresql")
        #expect(socket.socketFolder == "/run/postgresql" && socket.port == 5432)
        for bad in ["mysql://a@b/c", "postgres://db.example/pipeline", "postgres://app:pw@db.example", "not a url"] {
            #expect(throws: DatabaseURLError.self) { try DatabaseURL(bad) }
        }
        #expect((try? DatabaseURL("postgres://app:hunter2@db.example"))?.description == nil)
        let error = try #require(throws: (any Error).self) { try DatabaseURL("postgres://app:hunter2@db.example") }
        #expect(!"\(error)".contains("hunter2"))
    }
}
