import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    public func plans() async throws -> [AccountPlan] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT document FROM plans ORDER BY name").map(AccountPlan.init(row:))
        }
    }

    public func plan(named name: String) async throws -> AccountPlan? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT document FROM plans WHERE name = ?", arguments: [name]).map(AccountPlan.init(row:))
        }
    }

    public func savePlan(_ plan: AccountPlan) async throws {
        let document = try StoredJSON.encode(plan)
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO plans (name, document) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET document = excluded.document",
                           arguments: [plan.name, document])
        }
    }


    public func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]] {
        try await pool.read { db in
            var result: [AccountID: [UsageDay]] = [:]
            for account in accounts {
                result[account] = try Row.fetchAll(db, sql: "SELECT * FROM usage WHERE account_id = ? AND day >= ? AND day <= ? ORDER BY day",
                                                   arguments: [account.rawValue, from, to]).map(UsageDay.init(row:))
            }
            return result
        }
    }


    /// Adds a change's counters to its account's day.
    static func addUsage(_ db: Database, _ change: UsageChange) throws {
        let c = change.counters
        try db.execute(sql: """
            INSERT INTO usage (account_id, day, jobs, sources, bytes_in, credits, sources_succeeded, sources_failed, outputs, bytes_out, renders)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, day) DO UPDATE SET jobs = jobs + excluded.jobs, sources = sources + excluded.sources,
                bytes_in = bytes_in + excluded.bytes_in, credits = credits + excluded.credits,
                sources_succeeded = sources_succeeded + excluded.sources_succeeded, sources_failed = sources_failed + excluded.sources_failed,
                outputs = outputs + excluded.outputs, bytes_out = bytes_out + excluded.bytes_out, renders = renders + excluded.renders
            """, arguments: [change.account.rawValue, c.day, c.jobs, c.sources, c.bytesIn, c.credits, c.sourcesSucceeded, c.sourcesFailed,
                             c.outputs, c.bytesOut, c.renders])
    }

    /// Checks `admission` against what `account` (and its family) used, inside the writing
    /// transaction; throws `QuotaRefusal` when it does not fit.
    static func admit(_ db: Database, account: AccountID, _ admission: JobAdmission, at: Date) throws {
        if let refusal = try refusal(db, account: account, admission, at: at) { throw refusal }
        for change in UsageChange.admission(admission, account: account, at: at) { try addUsage(db, change) }
    }

    public func admitRender(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await pool.write { db in
            do {
                try Self.admit(db, account: account, admission, at: at)
                return nil
            } catch let refusal as QuotaRefusal {
                return refusal
            }
        }
    }

    public func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await pool.read { db in try Self.refusal(db, account: account, admission, at: at) }
    }

    /// The first limit `admission` would pass, given what `account` and its family used.
    static func refusal(_ db: Database, account: AccountID, _ admission: JobAdmission, at: Date) throws -> QuotaRefusal? {
        guard let row = try Row.fetchOne(db, sql: "SELECT parent_id, share_reset FROM accounts WHERE id = ?", arguments: [account.rawValue]) else {
            throw StoreError.notFound("account \(account)")
        }
        let root = row.string("parent_id") ?? account.rawValue
        var used: [QuotaFigure: Int] = [:]
        for figure in QuotaPolicy.figures(for: admission) {
            used[figure] = if figure.isFamily {
                try Int.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(u.\(figure.counter)), 0) FROM usage u JOIN accounts a ON a.id = u.account_id
                    WHERE (a.id = ? OR a.parent_id = ?) AND u.day LIKE ?
                    """, arguments: [root, root, figure.days(at: at)]) ?? 0
            } else {
                // A sub-account's own figures count from its last reset (`ShareReset`).
                (try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(\(figure.counter)), 0) FROM usage WHERE account_id = ? AND day LIKE ?",
                                  arguments: [account.rawValue, figure.days(at: at)]) ?? 0)
                    - (row.string("share_reset").flatMap { StoredJSON.decode(ShareReset.self, $0) }?.offset(figure, at: at) ?? 0)
            }
        }
        return QuotaPolicy.refusal(admission, used: used)
    }

    public func allowedAddresses(account: AccountID) async throws -> [AllowedAddress] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account_ips WHERE account_id = ? ORDER BY created_at, address", arguments: [account.rawValue])
                .map(AllowedAddress.init(row:))
        }
    }

    public func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress {
        try await pool.write { db in
            let existing = try Row.fetchOne(db, sql: "SELECT created_at, active FROM account_ips WHERE account_id = ? AND address = ?",
                                            arguments: [account.rawValue, address])
            // Only active entries count against the plan's number (deactivate one to add another).
            if active, existing?.bool("active") != true {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_ips WHERE account_id = ? AND active = 1", arguments: [account.rawValue]) ?? 0
                if let refusal = QuotaPolicy.refusal(adding: 1, to: count, limit: limit, as: .allowedIPs) { throw refusal }
            }
            if let existing {
                try db.execute(sql: "UPDATE account_ips SET active = ? WHERE account_id = ? AND address = ?",
                               arguments: [active ? 1 : 0, account.rawValue, address])
                return AllowedAddress(address: address, active: active, createdAt: existing.date("created_at") ?? at)
            }
            try db.execute(sql: "INSERT INTO account_ips (account_id, address, active, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [account.rawValue, address, active ? 1 : 0, at.storedMilliseconds])
            return AllowedAddress(address: address, active: active, createdAt: at)
        }
    }

    public func removeAllowedAddress(account: AccountID, address: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM account_ips WHERE account_id = ? AND address = ?", arguments: [account.rawValue, address])
            return db.changesCount > 0
        }
    }
}
