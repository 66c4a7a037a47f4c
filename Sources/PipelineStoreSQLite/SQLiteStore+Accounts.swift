import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    public func createAccount(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?,
                              at: Date) async throws -> Account {
        let account = Account.new(name: name, webhookSecret: webhookSecret, plan: plan, parent: parent, share: share, at: at)
        let shareText = try account.shareColumn()
        try await pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE name = ?", arguments: [name]) != nil {
                throw StoreError.exists("account \(name)")
            }
            try db.execute(sql: """
                INSERT INTO accounts (id, name, webhook_secret, created_at, plan, parent_id, share) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.id.rawValue, name, webhookSecret, at.storedMilliseconds, plan, parent?.rawValue, shareText])
        }
        return account
    }

    public func accounts(parent: AccountID?) async throws -> [Account] {
        try await pool.read { db in
            let rows = if let parent {
                try Row.fetchAll(db, sql: "SELECT * FROM accounts WHERE parent_id = ? AND deleted_at IS NULL ORDER BY created_at, name",
                                 arguments: [parent.rawValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY created_at, name")
            }
            return try rows.map(Account.init(row:))
        }
    }

    public func setPlan(account: AccountID, plan: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET plan = ? WHERE id = ? OR parent_id = ?", arguments: [plan, account.rawValue, account.rawValue])
            return db.changesCount > 0
        }
    }

    public func updateAccount(_ id: AccountID, name: String?, description: String?, share: AccountShare?) async throws -> Account? {
        let shareText = try share.flatMap { $0.isEmpty ? nil : try StoredJSON.encode($0) }
        return try await pool.write { db in
            guard var account = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id.rawValue]).map(Account.init(row:)) else { return nil }
            if let name, name != account.name {
                if try Int.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE name = ?", arguments: [name]) != nil { throw StoreError.exists("account \(name)") }
                try db.execute(sql: "UPDATE accounts SET name = ? WHERE id = ?", arguments: [name, id.rawValue])
                account.name = name
            }
            if let description {
                try db.execute(sql: "UPDATE accounts SET description = ? WHERE id = ?", arguments: [description, id.rawValue])
                account.description = description
            }
            if let share {
                try db.execute(sql: "UPDATE accounts SET share = ? WHERE id = ?", arguments: [shareText, id.rawValue])
                account.share = share.isEmpty ? nil : share
            }
            return account
        }
    }

    public func deleteAccount(_ id: AccountID, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET deleted_at = ?, name = name || '#' || id WHERE id = ? AND deleted_at IS NULL",
                           arguments: [at.storedMilliseconds, id.rawValue])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", arguments: [at.storedMilliseconds, id.rawValue])
            return true
        }
    }

    public func resetShareUsage(_ id: AccountID, at: Date) async throws -> Account? {
        try await pool.write { db in
            let month = UsageCalendar.month(at)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(sources), 0) AS sources, COALESCE(SUM(credits), 0) AS credits, COALESCE(SUM(bytes_in), 0) AS bytes_in
                FROM usage WHERE account_id = ? AND day LIKE ?
                """, arguments: [id.rawValue, month + "-%"]) else { return nil }
            let reset = ShareReset(month: month, sources: row.int("sources") ?? 0, credits: row.int("credits") ?? 0, bytesIn: row.int("bytes_in") ?? 0)
            try db.execute(sql: "UPDATE accounts SET share_reset = ? WHERE id = ? AND deleted_at IS NULL", arguments: [try StoredJSON.encode(reset), id.rawValue])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id.rawValue]).map(Account.init(row:))
        }
    }

    public func setSuspended(account: AccountID, at: Date?) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET suspended_at = ? WHERE id = ?", arguments: [at?.storedMilliseconds, account.rawValue])
            return db.changesCount > 0
        }
    }

    public func setRendering(account: AccountID, _ switches: RenderingSwitches) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET realtime_rendering = ?, unsigned_rendering = ? WHERE id = ?",
                           arguments: [switches.realtime ? 1 : 0, switches.unsigned ? 1 : 0, account.rawValue])
            return db.changesCount > 0
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Account.init(row:))
        }
    }

    public func account(id: AccountID) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id.rawValue]).map(Account.init(row:))
        }
    }

    public func addKey(_ key: APIKeyRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO api_keys (id, account_id, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [key.id.rawValue, key.accountID.rawValue, key.prefix, key.hash, key.createdAt.storedMilliseconds])
        }
    }

    public func access(forKeyHash hash: String) async throws -> KeyAccess? {
        try await pool.read { db in
            guard var account = try Row.fetchOne(db, sql: """
                SELECT accounts.* FROM api_keys JOIN accounts ON accounts.id = api_keys.account_id
                WHERE api_keys.hash = ? AND api_keys.revoked_at IS NULL
                """, arguments: [hash]).map(Account.init(row:)) else { return nil }
            // The root account's plan, and its suspension, which holds for its sub-accounts too.
            let root = try Row.fetchOne(db, sql: """
                SELECT plans.document, accounts.suspended_at FROM accounts LEFT JOIN plans ON plans.name = accounts.plan WHERE accounts.id = ?
                """, arguments: [account.rootID.rawValue])
            account.suspendedAt = account.suspendedAt ?? root?.date("suspended_at")
            let plan = try root.flatMap { $0.string("document") == nil ? nil : try AccountPlan(row: $0) } ?? AccountPlan.fallback
            let addresses = try String.fetchAll(db, sql: "SELECT address FROM account_ips WHERE account_id = ? AND active = 1",
                                                arguments: [account.id.rawValue])
            return KeyAccess(account: account, plan: plan, allowedAddresses: addresses)
        }
    }

    public func keys(of account: AccountID?) async throws -> [APIKeyRecord] {
        try await pool.read { db in
            let rows = if let account {
                try Row.fetchAll(db, sql: "SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at, id", arguments: [account.rawValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id")
            }
            return try rows.map(APIKeyRecord.init(row:))
        }
    }

    public func revokeKey(_ id: KeyID, account: AccountID?, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND (? IS NULL OR account_id = ?)",
                           arguments: [at.storedMilliseconds, id.rawValue, account?.rawValue, account?.rawValue])
            return db.changesCount > 0
        }
    }
}
