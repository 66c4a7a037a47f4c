import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func createAccount(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?,
                              at: Date) async throws -> Account {
        let account = Account.new(name: name, webhookSecret: webhookSecret, plan: plan, parent: parent, share: share, at: at)
        let shareText = try account.shareColumn()
        do {
            try await write { connection in
                try await connection.query("""
                    INSERT INTO accounts (id, name, webhook_secret, created_at, plan, parent_id, share)
                    VALUES (\(account.id.rawValue), \(name), \(webhookSecret), \(at.storedMilliseconds), \(plan), \(parent?.rawValue), \(shareText))
                    """, logger: self.logger)
            }
        } catch where Self.isUniqueViolation(error) {
            throw StoreError.exists("account \(name)")
        }
        return account
    }

    public func accounts(parent: AccountID?) async throws -> [Account] {
        try await read { connection in
            let rows = if let parent {
                try await self.rows(connection, "SELECT * FROM accounts WHERE parent_id = \(parent.rawValue) AND deleted_at IS NULL ORDER BY created_at, name")
            } else {
                try await self.rows(connection, "SELECT * FROM accounts ORDER BY created_at, name")
            }
            return try rows.map(Account.init(row:))
        }
    }

    public func setPlan(account: AccountID, plan: String) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE accounts SET plan = \(plan) WHERE id = \(account.rawValue) OR parent_id = \(account.rawValue) RETURNING id
                """).isEmpty
        }
    }

    public func updateAccount(_ id: AccountID, name: String?, description: String?, share: AccountShare?) async throws -> Account? {
        let shareText = try share.flatMap { $0.isEmpty ? nil : try StoredJSON.encode($0) }
        do {
            return try await write { connection in
                guard var account = try await self.row(connection, "SELECT * FROM accounts WHERE id = \(id.rawValue) FOR UPDATE").map(Account.init(row:)) else {
                    return nil
                }
                if let name, name != account.name {
                    try await connection.query("UPDATE accounts SET name = \(name) WHERE id = \(id.rawValue)", logger: self.logger)
                    account.name = name
                }
                if let description {
                    try await connection.query("UPDATE accounts SET description = \(description) WHERE id = \(id.rawValue)", logger: self.logger)
                    account.description = description
                }
                if let share {
                    try await connection.query("UPDATE accounts SET share = \(shareText) WHERE id = \(id.rawValue)", logger: self.logger)
                    account.share = share.isEmpty ? nil : share
                }
                return account
            }
        } catch where Self.isUniqueViolation(error) {
            throw StoreError.exists("account \(name ?? "")")
        }
    }

    public func deleteAccount(_ id: AccountID, at: Date) async throws -> Bool {
        try await write { connection in
            let deleted = try await !self.rows(connection, """
                UPDATE accounts SET deleted_at = \(at.storedMilliseconds), name = name || '#' || id
                WHERE id = \(id.rawValue) AND deleted_at IS NULL RETURNING id
                """).isEmpty
            if deleted {
                try await connection.query("""
                    UPDATE api_keys SET revoked_at = \(at.storedMilliseconds) WHERE account_id = \(id.rawValue) AND revoked_at IS NULL
                    """, logger: self.logger)
            }
            return deleted
        }
    }

    public func resetShareUsage(_ id: AccountID, at: Date) async throws -> Account? {
        try await write { connection in
            let month = UsageCalendar.month(at)
            let row = try await self.row(connection, """
                SELECT COALESCE(SUM(sources), 0)::BIGINT AS sources, COALESCE(SUM(credits), 0)::BIGINT AS credits,
                       COALESCE(SUM(bytes_in), 0)::BIGINT AS bytes_in
                FROM usage WHERE account_id = \(id.rawValue) AND day LIKE \(month + "-%")
                """)
            let reset = ShareReset(month: month, sources: row?.int("sources") ?? 0, credits: row?.int("credits") ?? 0, bytesIn: row?.int("bytes_in") ?? 0)
            let text = try StoredJSON.encode(reset)
            return try await self.row(connection, """
                UPDATE accounts SET share_reset = \(text) WHERE id = \(id.rawValue) AND deleted_at IS NULL RETURNING *
                """).map(Account.init(row:))
        }
    }

    public func setSuspended(account: AccountID, at: Date?) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE accounts SET suspended_at = \(at?.storedMilliseconds) WHERE id = \(account.rawValue) RETURNING id
                """).isEmpty
        }
    }

    public func setRendering(account: AccountID, _ switches: RenderingSwitches) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE accounts SET realtime_rendering = \(switches.realtime ? 1 : 0), unsigned_rendering = \(switches.unsigned ? 1 : 0)
                WHERE id = \(account.rawValue) RETURNING id
                """).isEmpty
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await read { connection in
            try await self.row(connection, "SELECT * FROM accounts WHERE name = \(name)").map(Account.init(row:))
        }
    }

    public func account(id: AccountID) async throws -> Account? {
        try await read { connection in
            try await self.row(connection, "SELECT * FROM accounts WHERE id = \(id.rawValue)").map(Account.init(row:))
        }
    }

    public func addKey(_ key: APIKeyRecord) async throws {
        try await write { connection in
            try await connection.query("""
                INSERT INTO api_keys (id, account_id, prefix, hash, created_at)
                VALUES (\(key.id.rawValue), \(key.accountID.rawValue), \(key.prefix), \(key.hash), \(key.createdAt.storedMilliseconds))
                """, logger: self.logger)
        }
    }

    public func access(forKeyHash hash: String) async throws -> KeyAccess? {
        try await read { connection in
            guard var account = try await self.row(connection, """
                SELECT accounts.* FROM api_keys JOIN accounts ON accounts.id = api_keys.account_id
                WHERE api_keys.hash = \(hash) AND api_keys.revoked_at IS NULL
                """).map(Account.init(row:)) else { return nil }
            // The root account's plan, and its suspension, which holds for its sub-accounts too.
            let root = try await self.row(connection, """
                SELECT plans.document, accounts.suspended_at FROM accounts LEFT JOIN plans ON plans.name = accounts.plan
                WHERE accounts.id = \(account.rootID.rawValue)
                """)
            account.suspendedAt = account.suspendedAt ?? root?.date("suspended_at")
            let plan = try root.flatMap { $0.string("document") == nil ? nil : try AccountPlan(row: $0) } ?? AccountPlan.fallback
            let addresses = try await self.rows(connection, """
                SELECT address FROM account_ips WHERE account_id = \(account.id.rawValue) AND active
                """).compactMap { $0.string("address") }
            return KeyAccess(account: account, plan: plan, allowedAddresses: addresses)
        }
    }

    public func keys(of account: AccountID?) async throws -> [APIKeyRecord] {
        try await read { connection in
            let rows = if let account {
                try await self.rows(connection, "SELECT * FROM api_keys WHERE account_id = \(account.rawValue) ORDER BY created_at, id")
            } else {
                try await self.rows(connection, "SELECT * FROM api_keys ORDER BY created_at, id")
            }
            return try rows.map(APIKeyRecord.init(row:))
        }
    }

    public func revokeKey(_ id: KeyID, account: AccountID?, at: Date) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE api_keys SET revoked_at = \(at.storedMilliseconds)
                WHERE id = \(id.rawValue) AND revoked_at IS NULL AND (\(account?.rawValue)::TEXT IS NULL OR account_id = \(account?.rawValue))
                RETURNING id
                """).isEmpty
        }
    }
}
