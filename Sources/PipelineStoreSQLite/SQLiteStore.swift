import Foundation
import GRDB
import PipelineCore
import PipelineStore

/// The embedded store: one SQLite file in WAL mode through a GRDB `DatabasePool` (one writer,
/// readers beside it). Times are whole milliseconds since 1970.
public struct SQLiteStore: PipelineStore {
    let pool: DatabasePool

    /// Opens (creating it if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// One process owns an SQLite file: its doorbells already hear all its work.
    public func watchForWork(_ signal: @escaping @Sendable (WorkSignal) -> Void) async throws {}

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, webhook_secret TEXT NOT NULL, created_at INTEGER NOT NULL);
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), prefix TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER);
                CREATE TABLE configurations (
                    account_id TEXT NOT NULL REFERENCES accounts(id), id TEXT NOT NULL, version INTEGER NOT NULL,
                    document TEXT NOT NULL, created_at INTEGER NOT NULL, deleted_at INTEGER,
                    PRIMARY KEY (account_id, id, version));
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), config_id TEXT NOT NULL,
                    config_version INTEGER NOT NULL, state TEXT NOT NULL, outcome TEXT, postback_url TEXT,
                    sources TEXT NOT NULL, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER,
                    lease_owner TEXT, lease_expires_at INTEGER, runs INTEGER NOT NULL DEFAULT 0,
                    archive_key TEXT, archive_sha256 TEXT, archive_bytes INTEGER, expired_at INTEGER,
                    seq INTEGER NOT NULL);
                CREATE INDEX jobs_queue ON jobs(state, seq);
                CREATE INDEX jobs_account ON jobs(account_id, seq);
                CREATE TABLE deliveries (
                    id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id), account_id TEXT NOT NULL,
                    url TEXT NOT NULL, format TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER, created_at INTEGER NOT NULL, finished_at INTEGER,
                    lease_owner TEXT, lease_expires_at INTEGER);
                CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
                CREATE INDEX deliveries_job ON deliveries(job_id);
                CREATE TABLE delivery_attempts (
                    delivery_id TEXT NOT NULL REFERENCES deliveries(id), attempt INTEGER NOT NULL, at INTEGER NOT NULL,
                    http_status INTEGER, error TEXT, milliseconds INTEGER NOT NULL, PRIMARY KEY (delivery_id, attempt));
                """)
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE plans (name TEXT PRIMARY KEY, document TEXT NOT NULL);
                ALTER TABLE accounts ADD COLUMN plan TEXT NOT NULL DEFAULT 'unlimited';
                ALTER TABLE accounts ADD COLUMN parent_id TEXT REFERENCES accounts(id);
                ALTER TABLE accounts ADD COLUMN share TEXT;
                ALTER TABLE accounts ADD COLUMN suspended_at INTEGER;
                CREATE INDEX accounts_parent ON accounts(parent_id);
                CREATE TABLE usage (
                    account_id TEXT NOT NULL REFERENCES accounts(id), day TEXT NOT NULL,
                    jobs INTEGER NOT NULL DEFAULT 0, sources INTEGER NOT NULL DEFAULT 0, bytes_in INTEGER NOT NULL DEFAULT 0,
                    credits INTEGER NOT NULL DEFAULT 0, sources_succeeded INTEGER NOT NULL DEFAULT 0,
                    sources_failed INTEGER NOT NULL DEFAULT 0, outputs INTEGER NOT NULL DEFAULT 0, bytes_out INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, day));
                CREATE TABLE account_ips (
                    account_id TEXT NOT NULL REFERENCES accounts(id), address TEXT NOT NULL, active INTEGER NOT NULL,
                    created_at INTEGER NOT NULL, PRIMARY KEY (account_id, address));
                ALTER TABLE jobs ADD COLUMN credits_per_source INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE jobs ADD COLUMN retain_hours REAL;
                ALTER TABLE jobs ADD COLUMN keep_forever INTEGER NOT NULL DEFAULT 0;
                """)
            for plan in AccountPlan.shipped {
                try db.execute(sql: "INSERT INTO plans (name, document) VALUES (?, ?)", arguments: [plan.name, try StoredJSON.encode(plan)])
            }
        }
        // The media library (SPEC §9): assets, the blobs they share (content-addressed per
        // account, with the claims that keep a blob being written from the sweeper), and each
        // account's key for signing asset URLs.
        migrator.registerMigration("v3-assets") { db in
            try db.execute(sql: """
                CREATE TABLE assets (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), folder TEXT NOT NULL, name TEXT NOT NULL,
                    bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, crc32 INTEGER NOT NULL, format TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER, origin TEXT NOT NULL, origin_job TEXT, origin_config TEXT,
                    origin_path TEXT);
                CREATE UNIQUE INDEX assets_place ON assets(account_id, folder, name);
                CREATE INDEX assets_by_time ON assets(account_id, folder, created_at, id);
                CREATE INDEX assets_by_size ON assets(account_id, folder, bytes, id);
                CREATE INDEX assets_blob ON assets(account_id, sha256);
                CREATE TABLE folders (
                    account_id TEXT NOT NULL REFERENCES accounts(id), path TEXT NOT NULL, parent TEXT NOT NULL,
                    created_at INTEGER NOT NULL, PRIMARY KEY (account_id, path));
                CREATE INDEX folders_children ON folders(account_id, parent, path);
                CREATE INDEX assets_expiry ON assets(expires_at) WHERE expires_at IS NOT NULL;
                CREATE TABLE blobs (
                    account_id TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, claimed_until INTEGER,
                    created_at INTEGER NOT NULL, PRIMARY KEY (account_id, sha256));
                CREATE TABLE url_keys (account_id TEXT PRIMARY KEY REFERENCES accounts(id), key TEXT NOT NULL);
                ALTER TABLE jobs ADD COLUMN result_folder TEXT;
                ALTER TABLE jobs ADD COLUMN deleted_at INTEGER;
                """)
        }
        // On-the-fly rendering (SPEC §10): each account's switches.
        migrator.registerMigration("v4-rendering") { db in
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN realtime_rendering INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE accounts ADD COLUMN unsigned_rendering INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE usage ADD COLUMN renders INTEGER NOT NULL DEFAULT 0;
                """)
        }
        // One-off configurations on jobs (SPEC §11): the document travels with the job.
        migrator.registerMigration("v5-one-off") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN config_document TEXT")
        }
        // Sub-accounts managed by their parent (SPEC §11): described, deleted, their share's usage reset.
        migrator.registerMigration("v6-subaccounts") { db in
            try db.execute(sql: """
                ALTER TABLE accounts ADD COLUMN description TEXT;
                ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;
                ALTER TABLE accounts ADD COLUMN share_reset TEXT;
                """)
        }
        return migrator
    }
}

// MARK: - Rows

/// GRDB's rows, read by the record mappers of `PipelineStore`.
extension Row: StoreRow {
    private func value(_ column: String) -> (any DatabaseValueConvertible)? {
        let value: (any DatabaseValueConvertible)? = self[column]
        return value
    }

    public func string(_ column: String) -> String? { value(column) as? String }
    public func integer(_ column: String) -> Int64? { value(column) as? Int64 }

    public func double(_ column: String) -> Double? {
        switch value(column) {
        case let number as Double: number
        case let number as Int64: Double(number)
        default: nil
        }
    }

    public func bool(_ column: String) -> Bool? { integer(column).map { $0 != 0 } }
}
