import Foundation
import Logging
import PipelineCore
import PipelineStore
import PostgresNIO
import ServiceLifecycle

/// The store of several processes on several machines: the same protocol as `SQLiteStore` on
/// PostgreSQL through a postgres-nio connection pool. Every statement is parameterised (values
/// go through `PostgresQuery` interpolation, which binds them). Queue and outbox rows are
/// claimed with `FOR UPDATE SKIP LOCKED`; quotas lock the account family's root row; work is
/// announced with `NOTIFY` when a transaction that makes it commits. Times are whole
/// milliseconds since 1970, as in SQLite.
public final class PostgresStore: PipelineStore {
    let client: PostgresClient
    let logger: Logger
    /// The task running the pool when the store runs it itself (a command, a test); nil when a
    /// service group runs `service`.
    private let runner: Task<Void, Never>?
    /// The channel `NOTIFY` announces new work on: `job` or `delivery`.
    static let channel = "pipeline_work"

    /// The connection pool as a service, for the service group that runs it (see
    /// `init(url:maximumConnections:logger:runBy:)`): it shuts down after the services before it.
    public var service: any Service { client }

    /// Who runs the connection pool: the store itself, in a task of its own, for as long as it
    /// lives (a short command, a test), or the caller's service group, which runs `service`.
    public enum Runner: Sendable {
        case itself
        case serviceGroup
    }

    /// Connects (a pool of at most `maximumConnections`) and, when it runs the pool itself, brings
    /// the schema up to date; under a service group, call `migrate()` once the group runs `service`.
    public init(url: DatabaseURL, maximumConnections: Int = 10, logger: Logger = Logger(label: "pipeline.store.postgres"),
                runBy: Runner = .itself) async throws {
        var configuration = if let folder = url.socketFolder {
            PostgresClient.Configuration(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.username,
                                         password: url.password, database: url.database)
        } else {
            PostgresClient.Configuration(host: url.host, port: url.port, username: url.username, password: url.password,
                                         database: url.database, tls: .disable)
        }
        configuration.options.maximumConnections = max(2, maximumConnections)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        guard runBy == .itself else {
            runner = nil
            return
        }
        let runner = Task { await client.run() }
        self.runner = runner
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit { runner?.cancel() }

    /// Closes the pool it runs itself.
    public func close() { runner?.cancel() }

    /// Runs the missing migrations in one transaction under an advisory lock.
    public func migrate() async throws {
        try await write { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: self.logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
                                       logger: self.logger)
            let done = Set(try await Self.rows(connection.query("SELECT name FROM schema_migrations", logger: self.logger)).compactMap { $0.string("name") })
            for migration in PostgresSchema.migrations where !done.contains(migration.name) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                if migration.name == "v1" {
                    for plan in AccountPlan.shipped {
                        try await connection.query("INSERT INTO plans (name, document) VALUES (\(plan.name), \(try StoredJSON.encode(plan)))",
                                                   logger: self.logger)
                    }
                }
                try await connection.query("INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), \(Date().storedMilliseconds))",
                                           logger: self.logger)
            }
        }
    }

    public func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
    }

    // MARK: Helpers

    /// One transaction: committed when `body` returns, rolled back when it throws, with the
    /// error `body` threw (not wrapped, so `QuotaRefusal` and `StoreError` reach the caller).
    func write<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
            try await connection.query("COMMIT", logger: self.logger)
            return value
        }
    }

    /// Reads on one pooled connection.
    func read<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection) }
    }

    /// Every row of a result.
    static func rows(_ sequence: PostgresRowSequence) async throws -> [StoredRow] {
        var rows: [StoredRow] = []
        for try await row in sequence { rows.append(StoredRow(row.makeRandomAccess())) }
        return rows
    }

    func rows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [StoredRow] {
        try await Self.rows(connection.query(query, logger: logger))
    }

    func row(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> StoredRow? {
        try await rows(connection, query).first
    }

    /// Whether `error` is PostgreSQL's unique violation (SQLSTATE 23505).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
