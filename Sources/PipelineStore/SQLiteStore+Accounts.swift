import Foundation
import GRDB
import PipelineCore

extension SQLiteStore {
    public func createAccount(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?,
                              at: Date) async throws -> Account {
        let account = Account(id: .random(), name: name, webhookSecret: webhookSecret, createdAt: at, plan: plan, parentID: parent,
                              share: share?.isEmpty == true ? nil : share)
        let shareText = try account.share.map(Self.encode)
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
                try Row.fetchAll(db, sql: "SELECT * FROM accounts WHERE parent_id = ? ORDER BY created_at, name", arguments: [parent.rawValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY created_at, name")
            }
            return try rows.map(Self.account)
        }
    }

    public func setPlan(account: AccountID, plan: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET plan = ? WHERE id = ? OR parent_id = ?", arguments: [plan, account.rawValue, account.rawValue])
            return db.changesCount > 0
        }
    }

    public func setSuspended(account: AccountID, at: Date?) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE accounts SET suspended_at = ? WHERE id = ?", arguments: [at?.storedMilliseconds, account.rawValue])
            return db.changesCount > 0
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Self.account)
        }
    }

    public func account(id: AccountID) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id.rawValue]).map(Self.account)
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
                """, arguments: [hash]).map(Self.account) else { return nil }
            // The root account's plan, and its suspension, which holds for its sub-accounts too.
            let root = try Row.fetchOne(db, sql: """
                SELECT plans.document, accounts.suspended_at FROM accounts LEFT JOIN plans ON plans.name = accounts.plan WHERE accounts.id = ?
                """, arguments: [account.rootID.rawValue])
            account.suspendedAt = account.suspendedAt ?? root?.date("suspended_at")
            let document: String? = root?["document"]
            let plan = document.flatMap(Self.plan) ?? AccountPlan.shipped.first { $0.name == AccountPlan.defaultName }!
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
            return rows.compactMap { row in
                guard let id = KeyID(row.text("id")), let accountID = AccountID(row.text("account_id")) else { return nil }
                return APIKeyRecord(id: id, accountID: accountID, prefix: row.text("prefix"), hash: row.text("hash"),
                                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), revokedAt: row.date("revoked_at"))
            }
        }
    }

    public func revokeKey(_ id: KeyID, account: AccountID?, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND (? IS NULL OR account_id = ?)",
                           arguments: [at.storedMilliseconds, id.rawValue, account?.rawValue, account?.rawValue])
            return db.changesCount > 0
        }
    }

    static func account(_ row: Row) throws -> Account {
        guard let id = AccountID(row.text("id")) else { throw StoreError.notFound("account \(row.text("id"))") }
        let share = (row["share"] as String?).flatMap { try? JSONDecoder().decode(AccountShare.self, from: Data($0.utf8)) }
        return Account(id: id, name: row.text("name"), webhookSecret: row.text("webhook_secret"),
                       createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), plan: row.text("plan"),
                       parentID: (row["parent_id"] as String?).flatMap(AccountID.init), share: share,
                       suspendedAt: row.date("suspended_at"))
    }
}
