import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    /// A queued or running job of the blob's account that reads it (its sources name the blob
    /// key, which holds the SHA-256): its bytes stay until the job has run, whatever happens to
    /// the assets meanwhile.
    static let unfinishedJobUsing = """
        SELECT 1 FROM jobs j WHERE j.state IN ('queued', 'processing') AND j.account_id = b.account_id AND strpos(j.sources, b.sha256) > 0
        """

    public func urlKey(account: AccountID) async throws -> String {
        // Read first: every listing asks, and only the first ask of an account writes.
        if let key = try await read({ connection in
            try await self.row(connection, "SELECT key FROM url_keys WHERE account_id = \(account.rawValue)")?.string("key")
        }) { return key }
        return try await write { connection in
            try await connection.query("""
                INSERT INTO url_keys (account_id, key) VALUES (\(account.rawValue), \(AssetRecord.newURLKey())) ON CONFLICT (account_id) DO NOTHING
                """, logger: self.logger)
            guard let key = try await self.row(connection, "SELECT key FROM url_keys WHERE account_id = \(account.rawValue)")?.string("key") else {
                throw StoreError.notFound("account \(account)")
            }
            return key
        }
    }

    public func claimBlob(_ blob: BlobReference, bytes: Int, until: Date) async throws {
        // Waits on the row lock of a `removeBlob` of the same blob, which ends by deleting it.
        try await write { connection in
            try await connection.query("""
                INSERT INTO blobs (account_id, sha256, bytes, claimed_until, created_at)
                VALUES (\(blob.accountID.rawValue), \(blob.sha256), \(bytes), \(until.storedMilliseconds), \(Date().storedMilliseconds))
                ON CONFLICT (account_id, sha256) DO UPDATE SET claimed_until = GREATEST(COALESCE(blobs.claimed_until, 0), EXCLUDED.claimed_until)
                """, logger: self.logger)
        }
    }

    public func insertAsset(_ asset: AssetRecord, onConflict: AssetConflict) async throws -> AssetRecord {
        let account = asset.accountID.rawValue, folder = asset.folder.rawValue
        return try await write { connection in
            // The account's row serialises its inserts, so a name found free stays free.
            try await connection.query("SELECT id FROM accounts WHERE id = \(account) FOR UPDATE", logger: self.logger)
            guard try await self.row(connection, """
                SELECT 1 AS one FROM blobs WHERE account_id = \(account) AND sha256 = \(asset.sha256) FOR UPDATE
                """) != nil else { throw StoreError.notFound("blob \(asset.sha256)") }
            @Sendable func taken(_ name: String) async throws -> String? {
                try await self.row(connection, """
                    SELECT id FROM assets WHERE account_id = \(account) AND folder = \(folder) AND name = \(name)
                    """)?.string("id")
            }
            var stored = asset
            if let existing = try await taken(asset.name) {
                switch onConflict {
                case .fail: throw StoreError.exists("\(asset.folder.appending(asset.name).map(\.rawValue) ?? asset.name)")
                case .overwrite: try await connection.query("DELETE FROM assets WHERE id = \(existing)", logger: self.logger)
                case .rename:
                    var number = 2
                    while try await taken(AssetName.numbered(asset.name, number)) != nil { number += 1 }
                    stored.name = AssetName.numbered(asset.name, number)
                }
            }
            _ = try await self.makeFolders(connection, account: asset.accountID, path: stored.folder, at: stored.createdAt)
            let origin = stored.originColumns
            try await connection.query("""
                INSERT INTO assets (id, account_id, folder, name, bytes, sha256, crc32, format, width, height, created_at, expires_at,
                                    origin, origin_job, origin_config, origin_path)
                VALUES (\(stored.id.rawValue), \(account), \(folder), \(stored.name), \(stored.bytes), \(stored.sha256), \(Int64(stored.crc32)), \(stored.format),
                        \(stored.width), \(stored.height), \(stored.createdAt.storedMilliseconds), \(stored.expiresAt?.storedMilliseconds),
                        \(origin.kind), \(origin.job), \(origin.config), \(origin.path))
                """, logger: self.logger)
            try await connection.query("""
                UPDATE blobs SET claimed_until = NULL WHERE account_id = \(account) AND sha256 = \(stored.sha256)
                """, logger: self.logger)
            return stored
        }
    }

    public func takenNames(account: AccountID, folder: FolderPath, names: [String]) async throws -> Set<String> {
        try await read { connection in
            Set(try await self.rows(connection, """
                SELECT name FROM assets WHERE account_id = \(account.rawValue) AND folder = \(folder.rawValue) AND name = ANY(\(names))
                """).compactMap { $0.string("name") })
        }
    }

    public func asset(account: AccountID, id: AssetID) async throws -> AssetRecord? {
        try await read { connection in
            try await self.row(connection, "SELECT * FROM assets WHERE id = \(id.rawValue) AND account_id = \(account.rawValue)")
                .map(AssetRecord.init(row:))
        }
    }

    public func renderLookup(account: AccountID, configuration: ConfigID?, asset: AssetLocator?) async throws -> RenderLookup {
        try await read { connection in
            var lookup = RenderLookup()
            guard let row = try await self.row(connection, "SELECT * FROM accounts WHERE id = \(account.rawValue)") else { return lookup }
            lookup.account = try Account(row: row)
            lookup.urlKey = try await self.row(connection, "SELECT key FROM url_keys WHERE account_id = \(account.rawValue)")?.string("key")
            if let configuration {
                lookup.configuration = try await self.row(connection, """
                    SELECT * FROM configurations WHERE account_id = \(account.rawValue) AND id = \(configuration.rawValue) ORDER BY version DESC LIMIT 1
                    """).flatMap { $0.integer("deleted_at") == nil ? $0 : nil }.map(StoredConfiguration.init(row:))
            }
            let assetRow = switch asset {
            case nil: Optional<StoredRow>.none
            case .id(let id):
                try await self.row(connection, "SELECT * FROM assets WHERE id = \(id.rawValue) AND account_id = \(account.rawValue)")
            case .place(let folder, let name):
                try await self.row(connection, "SELECT * FROM assets WHERE account_id = \(account.rawValue) AND folder = \(folder.rawValue) AND name = \(name)")
            }
            lookup.asset = try assetRow.map(AssetRecord.init(row:))
            return lookup
        }
    }

    public func assetForLink(id: AssetID) async throws -> (asset: AssetRecord, urlKey: String)? {
        try await read { connection in
            guard let row = try await self.row(connection, """
                SELECT a.*, k.key AS url_key FROM assets a JOIN url_keys k ON k.account_id = a.account_id WHERE a.id = \(id.rawValue)
                """), let key = row.string("url_key") else { return nil }
            return (try AssetRecord(row: row), key)
        }
    }

    public func deleteAsset(account: AccountID, id: AssetID) async throws -> AssetRecord? {
        try await write { connection in
            try await self.row(connection, "DELETE FROM assets WHERE id = \(id.rawValue) AND account_id = \(account.rawValue) RETURNING *")
                .map(AssetRecord.init(row:))
        }
    }

    public func deleteExpiredAssets(now: Date, limit: Int) async throws -> Int {
        try await write { connection in
            try await self.rows(connection, """
                DELETE FROM assets WHERE id IN (
                    SELECT id FROM assets WHERE expires_at IS NOT NULL AND expires_at <= \(now.storedMilliseconds) LIMIT \(limit))
                RETURNING id
                """).count
        }
    }

    public func unreferencedBlobs(now: Date, limit: Int) async throws -> [BlobReference] {
        try await read { connection in
            try await self.rows(connection, """
                SELECT b.account_id, b.sha256 FROM blobs b
                WHERE (b.claimed_until IS NULL OR b.claimed_until < \(now.storedMilliseconds))
                  AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.account_id = b.account_id AND a.sha256 = b.sha256)
                  AND NOT EXISTS (\(unescaped: Self.unfinishedJobUsing))
                ORDER BY b.created_at LIMIT \(limit)
                """).compactMap { row in
                guard let account = row.string("account_id").flatMap(AccountID.init), let sha = row.string("sha256") else { return nil }
                return BlobReference(accountID: account, sha256: sha)
            }
        }
    }

    public func removeBlob(_ blob: BlobReference, now: Date, deleteFile: @Sendable () throws -> Void) async throws -> Bool {
        let account = blob.accountID.rawValue
        return try await write { connection in
            // The blob's row lock: a claim or an asset insert of this blob waits until it is gone.
            guard try await self.row(connection, """
                SELECT 1 AS one FROM blobs WHERE account_id = \(account) AND sha256 = \(blob.sha256)
                  AND (claimed_until IS NULL OR claimed_until < \(now.storedMilliseconds)) FOR UPDATE
                """) != nil else { return false }
            guard try await self.row(connection, """
                SELECT 1 AS one FROM blobs b WHERE b.account_id = \(account) AND b.sha256 = \(blob.sha256)
                  AND (EXISTS (SELECT 1 FROM assets a WHERE a.account_id = b.account_id AND a.sha256 = b.sha256)
                       OR EXISTS (\(unescaped: Self.unfinishedJobUsing)))
                """) == nil else { return false }
            try deleteFile()
            try await connection.query("DELETE FROM blobs WHERE account_id = \(account) AND sha256 = \(blob.sha256)", logger: self.logger)
            return true
        }
    }
}
