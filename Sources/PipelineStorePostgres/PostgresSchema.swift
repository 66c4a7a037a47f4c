/// The PostgreSQL schema, as numbered migrations. `PostgresStore` runs the missing ones in one
/// transaction under an advisory lock, so ten processes starting at once migrate once.
enum PostgresSchema {
    /// The advisory lock's key (any constant the application owns).
    static let migrationLock: Int64 = 0x1D_0A_6E_5A_1D_0A_6E

    static let migrations: [(name: String, sql: [String])] = [
        ("v1", [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, webhook_secret TEXT NOT NULL, created_at BIGINT NOT NULL,
                plan TEXT NOT NULL DEFAULT 'unlimited', parent_id TEXT REFERENCES accounts(id), share TEXT, suspended_at BIGINT)
            """,
            "CREATE INDEX accounts_parent ON accounts(parent_id)",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), prefix TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            "CREATE TABLE plans (name TEXT PRIMARY KEY, document TEXT NOT NULL)",
            """
            CREATE TABLE configurations (
                account_id TEXT NOT NULL REFERENCES accounts(id), id TEXT NOT NULL, version INTEGER NOT NULL,
                document TEXT NOT NULL, created_at BIGINT NOT NULL, deleted_at BIGINT, PRIMARY KEY (account_id, id, version))
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), config_id TEXT NOT NULL,
                config_version INTEGER NOT NULL, state TEXT NOT NULL, outcome TEXT, postback_url TEXT,
                sources TEXT NOT NULL, created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT,
                lease_owner TEXT, lease_expires_at BIGINT, runs INTEGER NOT NULL DEFAULT 0,
                archive_key TEXT, archive_sha256 TEXT, archive_bytes BIGINT, expired_at BIGINT,
                seq BIGSERIAL NOT NULL, credits_per_source INTEGER NOT NULL DEFAULT 0, retain_hours DOUBLE PRECISION,
                keep_forever BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            "CREATE INDEX jobs_queue ON jobs(state, seq)",
            "CREATE INDEX jobs_account ON jobs(account_id, seq)",
            """
            CREATE TABLE deliveries (
                id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id), account_id TEXT NOT NULL,
                url TEXT NOT NULL, format TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT, created_at BIGINT NOT NULL, finished_at BIGINT,
                lease_owner TEXT, lease_expires_at BIGINT, seq BIGSERIAL NOT NULL)
            """,
            "CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at)",
            "CREATE INDEX deliveries_job ON deliveries(job_id)",
            """
            CREATE TABLE delivery_attempts (
                delivery_id TEXT NOT NULL REFERENCES deliveries(id), attempt INTEGER NOT NULL, at BIGINT NOT NULL,
                http_status INTEGER, error TEXT, milliseconds INTEGER NOT NULL, PRIMARY KEY (delivery_id, attempt))
            """,
            """
            CREATE TABLE usage (
                account_id TEXT NOT NULL REFERENCES accounts(id), day TEXT NOT NULL,
                jobs BIGINT NOT NULL DEFAULT 0, sources BIGINT NOT NULL DEFAULT 0, bytes_in BIGINT NOT NULL DEFAULT 0,
                credits BIGINT NOT NULL DEFAULT 0, sources_succeeded BIGINT NOT NULL DEFAULT 0,
                sources_failed BIGINT NOT NULL DEFAULT 0, outputs BIGINT NOT NULL DEFAULT 0, bytes_out BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (account_id, day))
            """,
            """
            CREATE TABLE account_ips (
                account_id TEXT NOT NULL REFERENCES accounts(id), address TEXT NOT NULL, active BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL, PRIMARY KEY (account_id, address))
            """,
        ]),
        // Every claim of a job, for audits (the scale-out benchmark checks that no two leases on
        // one job ever overlapped): who held it, from when, its last lease expiry, and how it
        // ended (completed, failed, released, expired).
        ("v2-claims", [
            """
            CREATE TABLE job_claims (
                job_id TEXT NOT NULL REFERENCES jobs(id), run INTEGER NOT NULL, owner TEXT NOT NULL, claimed_at BIGINT NOT NULL,
                lease_until BIGINT NOT NULL, ended_at BIGINT, outcome TEXT, PRIMARY KEY (job_id, run))
            """,
        ]),
        // Requests-per-minute buckets shared by every API process (`takeRequest`). Unlogged: no
        // WAL for a write per request; after a crash the table is empty, and an empty bucket is
        // a full one.
        ("v3-rate-buckets", [
            "CREATE UNLOGGED TABLE rate_buckets (key_hash TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, updated_ms BIGINT NOT NULL)",
        ]),
        // The media library (SPEC §9): assets, the blobs they share (content-addressed per
        // account, with the claims that keep a blob being written from the sweeper), and each
        // account's key for signing asset URLs.
        ("v4-assets", [
            """
            CREATE TABLE assets (
                id TEXT COLLATE "C" PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), folder TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL, bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, crc32 BIGINT NOT NULL, format TEXT NOT NULL, width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT, origin TEXT NOT NULL, origin_job TEXT, origin_config TEXT,
                origin_path TEXT)
            """,
            "CREATE UNIQUE INDEX assets_place ON assets(account_id, folder, name)",
            "CREATE INDEX assets_by_time ON assets(account_id, folder, created_at, id)",
            "CREATE INDEX assets_by_size ON assets(account_id, folder, bytes, id)",
            "CREATE INDEX assets_blob ON assets(account_id, sha256)",
            """
            CREATE TABLE folders (
                account_id TEXT NOT NULL REFERENCES accounts(id), path TEXT COLLATE "C" NOT NULL, parent TEXT COLLATE "C" NOT NULL,
                created_at BIGINT NOT NULL, PRIMARY KEY (account_id, path))
            """,
            "CREATE INDEX folders_children ON folders(account_id, parent, path)",
            "CREATE INDEX assets_expiry ON assets(expires_at) WHERE expires_at IS NOT NULL",
            """
            CREATE TABLE blobs (
                account_id TEXT NOT NULL, sha256 TEXT NOT NULL, bytes BIGINT NOT NULL, claimed_until BIGINT,
                created_at BIGINT NOT NULL, PRIMARY KEY (account_id, sha256))
            """,
            "CREATE TABLE url_keys (account_id TEXT PRIMARY KEY REFERENCES accounts(id), key TEXT NOT NULL)",
            "ALTER TABLE jobs ADD COLUMN result_folder TEXT",
            "ALTER TABLE jobs ADD COLUMN deleted_at BIGINT",
        ]),
        // On-the-fly rendering (SPEC §10): each account's switches.
        ("v5-rendering", [
            "ALTER TABLE accounts ADD COLUMN realtime_rendering INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE accounts ADD COLUMN unsigned_rendering INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE usage ADD COLUMN renders BIGINT NOT NULL DEFAULT 0",
        ]),
        // One-off configurations on jobs (SPEC §11): the document travels with the job.
        ("v6-one-off", [
            "ALTER TABLE jobs ADD COLUMN config_document TEXT",
        ]),
        // Sub-accounts managed by their parent (SPEC §11): described, deleted, their share's usage reset.
        ("v7-subaccounts", [
            "ALTER TABLE accounts ADD COLUMN description TEXT",
            "ALTER TABLE accounts ADD COLUMN deleted_at BIGINT",
            "ALTER TABLE accounts ADD COLUMN share_reset TEXT",
        ]),
    ]
}
