import Foundation
import GRDB
import PipelineCore

extension SQLiteStore {
    public func plans() async throws -> [AccountPlan] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT document FROM plans ORDER BY name").compactMap(Self.plan)
        }
    }

    public func plan(named name: String) async throws -> AccountPlan? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM plans WHERE name = ?", arguments: [name]).flatMap(Self.plan)
        }
    }

    public func savePlan(_ plan: AccountPlan) async throws {
        let document = try Self.encode(plan)
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO plans (name, document) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET document = excluded.document",
                           arguments: [plan.name, document])
        }
    }

    static func plan(_ document: String) -> AccountPlan? {
        try? JSONDecoder().decode(AccountPlan.self, from: Data(document.utf8))
    }

    public func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]] {
        try await pool.read { db in
            var result: [AccountID: [UsageDay]] = [:]
            for account in accounts {
                result[account] = try Row.fetchAll(db, sql: "SELECT * FROM usage WHERE account_id = ? AND day >= ? AND day <= ? ORDER BY day",
                                                   arguments: [account.rawValue, from, to]).map(Self.usageDay)
            }
            return result
        }
    }

    static func usageDay(_ row: Row) -> UsageDay {
        var day = UsageDay(day: row.text("day"))
        day.jobs = row["jobs"]
        day.sources = row["sources"]
        day.bytesIn = row["bytes_in"]
        day.credits = row["credits"]
        day.sourcesSucceeded = row["sources_succeeded"]
        day.sourcesFailed = row["sources_failed"]
        day.outputs = row["outputs"]
        day.bytesOut = row["bytes_out"]
        return day
    }

    /// Adds a change's counters to its account's day.
    static func addUsage(_ db: Database, _ change: UsageChange) throws {
        let c = change.counters
        try db.execute(sql: """
            INSERT INTO usage (account_id, day, jobs, sources, bytes_in, credits, sources_succeeded, sources_failed, outputs, bytes_out)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, day) DO UPDATE SET jobs = jobs + excluded.jobs, sources = sources + excluded.sources,
                bytes_in = bytes_in + excluded.bytes_in, credits = credits + excluded.credits,
                sources_succeeded = sources_succeeded + excluded.sources_succeeded, sources_failed = sources_failed + excluded.sources_failed,
                outputs = outputs + excluded.outputs, bytes_out = bytes_out + excluded.bytes_out
            """, arguments: [change.account.rawValue, c.day, c.jobs, c.sources, c.bytesIn, c.credits, c.sourcesSucceeded, c.sourcesFailed,
                             c.outputs, c.bytesOut])
    }

    /// Checks `admission` against what `account` (and its family) used, inside the writing
    /// transaction; throws `QuotaRefusal` when it does not fit.
    static func admit(_ db: Database, account: AccountID, _ admission: JobAdmission, at: Date) throws {
        if let refusal = try refusal(db, account: account, admission, at: at) { throw refusal }
        for change in UsageChange.admission(admission, account: account, at: at) { try addUsage(db, change) }
    }

    public func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await pool.read { db in try Self.refusal(db, account: account, admission, at: at) }
    }

    /// The first limit `admission` would pass, given what `account` and its family used.
    static func refusal(_ db: Database, account: AccountID, _ admission: JobAdmission, at: Date) throws -> QuotaRefusal? {
        let day = UsageCalendar.day(at), month = UsageCalendar.month(at) + "-%"
        guard let row = try Row.fetchOne(db, sql: "SELECT id, parent_id FROM accounts WHERE id = ?", arguments: [account.rawValue]) else {
            throw StoreError.notFound("account \(account)")
        }
        let root: String = (row["parent_id"] as String?) ?? row.text("id")
        func family(_ column: String, _ dayPattern: String) throws -> Int {
            try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(u.\(column)), 0) FROM usage u JOIN accounts a ON a.id = u.account_id
                WHERE (a.id = ? OR a.parent_id = ?) AND u.day LIKE ?
                """, arguments: [root, root, dayPattern]) ?? 0
        }
        func own(_ column: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(\(column)), 0) FROM usage WHERE account_id = ? AND day LIKE ?",
                             arguments: [account.rawValue, month]) ?? 0
        }
        func check(_ limit: QuotaRefusal.Limit, _ allowed: Int?, used: () throws -> Int, requested: Int) throws -> QuotaRefusal? {
            guard let allowed, requested > 0 else { return nil }
            let used = try used()
            return used + requested > allowed ? QuotaRefusal(limit: limit, allowed: allowed, used: used, requested: requested) : nil
        }
        return try check(.shareSources, admission.share?.sourcesPerMonth, used: { try own("sources") }, requested: admission.sources)
            ?? check(.shareCredits, admission.share?.creditsPerMonth, used: { try own("credits") }, requested: admission.credits)
            ?? check(.shareBytes, admission.share?.bytesPerMonth, used: { try own("bytes_in") }, requested: admission.bytesIn)
            ?? check(.sourcesPerDay, admission.sourcesPerDay, used: { try family("sources", day) }, requested: admission.sources)
            ?? check(.creditsPerMonth, admission.creditsPerMonth, used: { try family("credits", month) }, requested: admission.credits)
    }

    public func allowedAddresses(account: AccountID) async throws -> [AllowedAddress] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account_ips WHERE account_id = ? ORDER BY created_at, address", arguments: [account.rawValue])
                .map { AllowedAddress(address: $0.text("address"), active: ($0["active"] as Int) != 0,
                                      createdAt: $0.date("created_at") ?? Date(timeIntervalSince1970: 0)) }
        }
    }

    public func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress {
        try await pool.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT created_at FROM account_ips WHERE account_id = ? AND address = ?",
                                          arguments: [account.rawValue, address]) {
                try db.execute(sql: "UPDATE account_ips SET active = ? WHERE account_id = ? AND address = ?",
                               arguments: [active ? 1 : 0, account.rawValue, address])
                return AllowedAddress(address: address, active: active, createdAt: row.date("created_at") ?? at)
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_ips WHERE account_id = ?", arguments: [account.rawValue]) ?? 0
            if let limit, count + 1 > limit { throw QuotaRefusal(limit: .allowedIPs, allowed: limit, used: count, requested: 1) }
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
