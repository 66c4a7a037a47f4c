import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func insertConfiguration(_ configuration: StoredConfiguration, limit: Int?) async throws {
        let account = configuration.accountID.rawValue, id = configuration.id.rawValue
        try await write { connection in
            // The account's row serialises saves, so the id check and the count hold.
            try await connection.query("SELECT id FROM accounts WHERE id = \(account) FOR UPDATE", logger: self.logger)
            let latest = try await self.row(connection, """
                SELECT version, deleted_at FROM configurations WHERE account_id = \(account) AND id = \(id) ORDER BY version DESC LIMIT 1
                """)
            if let latest, latest.integer("deleted_at") == nil { throw StoreError.exists("configuration \(configuration.id)") }
            if let limit {
                let count = try await self.row(connection, """
                    SELECT COUNT(DISTINCT id)::BIGINT AS n FROM configurations WHERE account_id = \(account) AND deleted_at IS NULL
                    """)?.int("n") ?? 0
                if let refusal = QuotaPolicy.refusal(adding: 1, to: count, limit: limit, as: .savedConfigurations) { throw refusal }
            }
            // A deleted id may be used again; its versions go on counting, so old jobs keep theirs.
            let version = (latest?.int("version") ?? 0) + 1
            try await connection.query("""
                INSERT INTO configurations (account_id, id, version, document, created_at)
                VALUES (\(account), \(id), \(version), \(configuration.document), \(configuration.createdAt.storedMilliseconds))
                """, logger: self.logger)
        }
    }

    public func replaceConfiguration(account: AccountID, id: ConfigID, document: String, at: Date) async throws -> StoredConfiguration {
        try await write { connection in
            try await connection.query("SELECT id FROM accounts WHERE id = \(account.rawValue) FOR UPDATE", logger: self.logger)
            guard let latest = try await self.row(connection, """
                SELECT version FROM configurations WHERE account_id = \(account.rawValue) AND id = \(id.rawValue) AND deleted_at IS NULL
                ORDER BY version DESC LIMIT 1
                """) else { throw StoreError.notFound("configuration \(id)") }
            let version = (latest.int("version") ?? 0) + 1
            try await connection.query("""
                INSERT INTO configurations (account_id, id, version, document, created_at)
                VALUES (\(account.rawValue), \(id.rawValue), \(version), \(document), \(at.storedMilliseconds))
                """, logger: self.logger)
            return StoredConfiguration(accountID: account, id: id, version: version, document: document, createdAt: at)
        }
    }

    public func configuration(account: AccountID, id: ConfigID, version: Int?) async throws -> StoredConfiguration? {
        try await read { connection in
            let row = if let version {
                try await self.row(connection, """
                    SELECT * FROM configurations WHERE account_id = \(account.rawValue) AND id = \(id.rawValue) AND version = \(version)
                    """)
            } else {
                try await self.row(connection, """
                    SELECT * FROM configurations WHERE account_id = \(account.rawValue) AND id = \(id.rawValue) ORDER BY version DESC LIMIT 1
                    """).flatMap { $0.integer("deleted_at") == nil ? $0 : nil }
            }
            return try row.map(StoredConfiguration.init(row:))
        }
    }

    public func configurations(account: AccountID, after: ConfigID?, limit: Int) async throws -> [StoredConfiguration] {
        try await read { connection in
            try await self.rows(connection, """
                SELECT c.* FROM configurations c
                WHERE c.account_id = \(account.rawValue) AND c.id COLLATE "C" > \(after?.rawValue ?? "") AND c.deleted_at IS NULL
                  AND c.version = (SELECT MAX(version) FROM configurations WHERE account_id = c.account_id AND id = c.id)
                ORDER BY c.id COLLATE "C" LIMIT \(limit)
                """).map(StoredConfiguration.init(row:))
        }
    }

    public func deleteConfiguration(account: AccountID, id: ConfigID, at: Date) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE configurations SET deleted_at = \(at.storedMilliseconds)
                WHERE account_id = \(account.rawValue) AND id = \(id.rawValue) AND deleted_at IS NULL RETURNING version
                """).isEmpty
        }
    }

    public func configurationCount(account: AccountID) async throws -> Int {
        try await read { connection in
            try await self.row(connection, """
                SELECT COUNT(DISTINCT id)::BIGINT AS n FROM configurations WHERE account_id = \(account.rawValue) AND deleted_at IS NULL
                """)?.int("n") ?? 0
        }
    }
}
