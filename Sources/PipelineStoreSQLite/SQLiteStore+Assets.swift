import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    /// A queued or running job of the blob's account that reads it (its sources name the blob
    /// key, which holds the SHA-256): its bytes stay until the job has run, whatever happens to
    /// the assets meanwhile.
    static let unfinishedJobUsing = """
        SELECT 1 FROM jobs j WHERE j.state IN ('queued', 'processing') AND j.account_id = b.account_id AND instr(j.sources, b.sha256) > 0
        """

    public func urlKey(account: AccountID) async throws -> String {
        // Read first: every listing asks, and only the first ask of an account writes.
        if let key = try await pool.read({ db in
            try String.fetchOne(db, sql: "SELECT key FROM url_keys WHERE account_id = ?", arguments: [account.rawValue])
        }) { return key }
        return try await pool.write { db in
            try db.execute(sql: "INSERT INTO url_keys (account_id, key) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING",
                           arguments: [account.rawValue, AssetRecord.newURLKey()])
            guard let key = try String.fetchOne(db, sql: "SELECT key FROM url_keys WHERE account_id = ?", arguments: [account.rawValue]) else {
                throw StoreError.notFound("account \(account)")
            }
            return key
        }
    }

    public func claimBlob(_ blob: BlobReference, bytes: Int, until: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO blobs (account_id, sha256, bytes, claimed_until, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account_id, sha256) DO UPDATE SET claimed_until = MAX(COALESCE(claimed_until, 0), excluded.claimed_until)
                """, arguments: [blob.accountID.rawValue, blob.sha256, bytes, until.storedMilliseconds, Date().storedMilliseconds])
        }
    }

    public func insertAsset(_ asset: AssetRecord, onConflict: AssetConflict) async throws -> AssetRecord {
        try await pool.write { db in
            let account = asset.accountID.rawValue
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM blobs WHERE account_id = ? AND sha256 = ?", arguments: [account, asset.sha256]) != nil else {
                throw StoreError.notFound("blob \(asset.sha256)")
            }
            let taken = { (name: String) throws -> String? in
                try String.fetchOne(db, sql: "SELECT id FROM assets WHERE account_id = ? AND folder = ? AND name = ?",
                                    arguments: [account, asset.folder.rawValue, name])
            }
            var stored = asset
            if let existing = try taken(asset.name) {
                switch onConflict {
                case .fail: throw StoreError.exists("\(asset.folder.appending(asset.name).map(\.rawValue) ?? asset.name)")
                case .overwrite: try db.execute(sql: "DELETE FROM assets WHERE id = ?", arguments: [existing])
                case .rename:
                    var number = 2
                    while try taken(AssetName.numbered(asset.name, number)) != nil { number += 1 }
                    stored.name = AssetName.numbered(asset.name, number)
                }
            }
            _ = try Self.makeFolders(db, account: asset.accountID, path: stored.folder, at: stored.createdAt)
            let origin = stored.originColumns
            try db.execute(sql: """
                INSERT INTO assets (id, account_id, folder, name, bytes, sha256, crc32, format, width, height, created_at, expires_at,
                                    origin, origin_job, origin_config, origin_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [stored.id.rawValue, account, stored.folder.rawValue, stored.name, stored.bytes, stored.sha256, Int64(stored.crc32), stored.format,
                                 stored.width, stored.height, stored.createdAt.storedMilliseconds, stored.expiresAt?.storedMilliseconds,
                                 origin.kind, origin.job, origin.config, origin.path])
            try db.execute(sql: "UPDATE blobs SET claimed_until = NULL WHERE account_id = ? AND sha256 = ?", arguments: [account, stored.sha256])
            return stored
        }
    }

    public func takenNames(account: AccountID, folder: FolderPath, names: [String]) async throws -> Set<String> {
        try await pool.read { db in
            var taken: Set<String> = []
            for name in names where try Int.fetchOne(db, sql: "SELECT 1 FROM assets WHERE account_id = ? AND folder = ? AND name = ?",
                                                     arguments: [account.rawValue, folder.rawValue, name]) != nil {
                taken.insert(name)
            }
            return taken
        }
    }

    public func asset(account: AccountID, id: AssetID) async throws -> AssetRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM assets WHERE id = ? AND account_id = ?", arguments: [id.rawValue, account.rawValue])
                .map(AssetRecord.init(row:))
        }
    }

    public func renderLookup(account: AccountID, configuration: ConfigID?, asset: AssetLocator?) async throws -> RenderLookup {
        // Cached statements: every rendering request, hits included, makes these reads.
        try await pool.read { db in
            var lookup = RenderLookup()
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [account.rawValue]) else {
                return lookup
            }
            lookup.account = try Account(row: row)
            lookup.urlKey = try String.fetchOne(try db.cachedStatement(sql: "SELECT key FROM url_keys WHERE account_id = ?"), arguments: [account.rawValue])
            if let configuration {
                lookup.configuration = try Row.fetchOne(try db.cachedStatement(sql: """
                    SELECT * FROM configurations WHERE account_id = ? AND id = ? ORDER BY version DESC LIMIT 1
                    """), arguments: [account.rawValue, configuration.rawValue])
                    .flatMap { $0["deleted_at"] as Int64? == nil ? $0 : nil }.map(StoredConfiguration.init(row:))
            }
            let assetRow = switch asset {
            case nil: Optional<Row>.none
            case .id(let id):
                try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM assets WHERE id = ? AND account_id = ?"), arguments: [id.rawValue, account.rawValue])
            case .place(let folder, let name):
                try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM assets WHERE account_id = ? AND folder = ? AND name = ?"),
                                 arguments: [account.rawValue, folder.rawValue, name])
            }
            lookup.asset = try assetRow.map(AssetRecord.init(row:))
            return lookup
        }
    }

    public func assetForLink(id: AssetID) async throws -> (asset: AssetRecord, urlKey: String)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.*, k.key AS url_key FROM assets a JOIN url_keys k ON k.account_id = a.account_id WHERE a.id = ?
                """, arguments: [id.rawValue]), let key = row.string("url_key") else { return nil }
            return (try AssetRecord(row: row), key)
        }
    }

    public func deleteAsset(account: AccountID, id: AssetID) async throws -> AssetRecord? {
        try await pool.write { db in
            try Row.fetchOne(db, sql: "DELETE FROM assets WHERE id = ? AND account_id = ? RETURNING *", arguments: [id.rawValue, account.rawValue])
                .map(AssetRecord.init(row:))
        }
    }

    public func deleteExpiredAssets(now: Date, limit: Int) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM assets WHERE id IN (SELECT id FROM assets WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)
                """, arguments: [now.storedMilliseconds, limit])
            return db.changesCount
        }
    }

    public func unreferencedBlobs(now: Date, limit: Int) async throws -> [BlobReference] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.account_id, b.sha256 FROM blobs b
                WHERE (b.claimed_until IS NULL OR b.claimed_until < ?)
                  AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.account_id = b.account_id AND a.sha256 = b.sha256)
                  AND NOT EXISTS (\(Self.unfinishedJobUsing))
                ORDER BY b.created_at LIMIT ?
                """, arguments: [now.storedMilliseconds, limit]).compactMap { row in
                guard let account = row.string("account_id").flatMap(AccountID.init), let sha = row.string("sha256") else { return nil }
                return BlobReference(accountID: account, sha256: sha)
            }
        }
    }

    public func removeBlob(_ blob: BlobReference, now: Date, deleteFile: @Sendable () throws -> Void) async throws -> Bool {
        // One write transaction: a claim or an asset insert for this blob waits for it.
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: """
                SELECT 1 FROM blobs b WHERE b.account_id = ? AND b.sha256 = ? AND (b.claimed_until IS NULL OR b.claimed_until < ?)
                  AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.account_id = b.account_id AND a.sha256 = b.sha256)
                  AND NOT EXISTS (\(Self.unfinishedJobUsing))
                """, arguments: [blob.accountID.rawValue, blob.sha256, now.storedMilliseconds]) != nil else { return false }
            try deleteFile()
            try db.execute(sql: "DELETE FROM blobs WHERE account_id = ? AND sha256 = ?", arguments: [blob.accountID.rawValue, blob.sha256])
            return true
        }
    }
}
