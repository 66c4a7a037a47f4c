import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    public func insertConfiguration(_ configuration: StoredConfiguration, limit: Int?) async throws {
        try await pool.write { db in
            let latest = try Row.fetchOne(db, sql: """
                SELECT version, deleted_at FROM configurations WHERE account_id = ? AND id = ? ORDER BY version DESC LIMIT 1
                """, arguments: [configuration.accountID.rawValue, configuration.id.rawValue])
            if let latest, latest["deleted_at"] as Int64? == nil {
                throw StoreError.exists("configuration \(configuration.id)")
            }
            if let limit {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id) FROM configurations WHERE account_id = ? AND deleted_at IS NULL",
                                             arguments: [configuration.accountID.rawValue]) ?? 0
                if let refusal = QuotaPolicy.refusal(adding: 1, to: count, limit: limit, as: .savedConfigurations) { throw refusal }
            }
            // A deleted id may be used again; its versions go on counting, so old jobs keep theirs.
            let version = (latest?["version"] as Int?).map { $0 + 1 } ?? 1
            try db.execute(sql: "INSERT INTO configurations (account_id, id, version, document, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [configuration.accountID.rawValue, configuration.id.rawValue, version,
                                       configuration.document, configuration.createdAt.storedMilliseconds])
        }
    }

    public func replaceConfiguration(account: AccountID, id: ConfigID, document: String, at: Date) async throws -> StoredConfiguration {
        try await pool.write { db in
            guard let latest = try Row.fetchOne(db, sql: """
                SELECT version FROM configurations WHERE account_id = ? AND id = ? AND deleted_at IS NULL ORDER BY version DESC LIMIT 1
                """, arguments: [account.rawValue, id.rawValue]) else {
                throw StoreError.notFound("configuration \(id)")
            }
            let version = (latest["version"] as Int) + 1
            try db.execute(sql: "INSERT INTO configurations (account_id, id, version, document, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [account.rawValue, id.rawValue, version, document, at.storedMilliseconds])
            return StoredConfiguration(accountID: account, id: id, version: version, document: document, createdAt: at)
        }
    }

    public func configuration(account: AccountID, id: ConfigID, version: Int?) async throws -> StoredConfiguration? {
        try await pool.read { db in
            let row = if let version {
                try Row.fetchOne(db, sql: "SELECT * FROM configurations WHERE account_id = ? AND id = ? AND version = ?",
                                 arguments: [account.rawValue, id.rawValue, version])
            } else {
                try Row.fetchOne(db, sql: """
                    SELECT * FROM configurations WHERE account_id = ? AND id = ? ORDER BY version DESC LIMIT 1
                    """, arguments: [account.rawValue, id.rawValue]).flatMap { $0["deleted_at"] as Int64? == nil ? $0 : nil }
            }
            return try row.map(StoredConfiguration.init(row:))
        }
    }

    public func configurations(account: AccountID, after: ConfigID?, limit: Int) async throws -> [StoredConfiguration] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM configurations c
                WHERE c.account_id = ? AND c.id > ? AND c.deleted_at IS NULL
                  AND c.version = (SELECT MAX(version) FROM configurations WHERE account_id = c.account_id AND id = c.id)
                ORDER BY c.id LIMIT ?
                """, arguments: [account.rawValue, after?.rawValue ?? "", limit]).map(StoredConfiguration.init(row:))
        }
    }

    public func deleteConfiguration(account: AccountID, id: ConfigID, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE configurations SET deleted_at = ? WHERE account_id = ? AND id = ? AND deleted_at IS NULL",
                           arguments: [at.storedMilliseconds, account.rawValue, id.rawValue])
            return db.changesCount > 0
        }
    }

    public func configurationCount(account: AccountID) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id) FROM configurations WHERE account_id = ? AND deleted_at IS NULL",
                             arguments: [account.rawValue]) ?? 0
        }
    }
}
