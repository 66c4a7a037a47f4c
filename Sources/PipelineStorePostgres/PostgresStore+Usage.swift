import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func plans() async throws -> [AccountPlan] {
        try await read { connection in
            try await self.rows(connection, "SELECT document FROM plans ORDER BY name").compactMap { Self.plan($0.text("document")) }
        }
    }

    public func plan(named name: String) async throws -> AccountPlan? {
        try await read { connection in
            try await self.row(connection, "SELECT document FROM plans WHERE name = \(name)").flatMap { Self.plan($0.text("document")) }
        }
    }

    public func savePlan(_ plan: AccountPlan) async throws {
        let document = try Self.encode(plan)
        try await write { connection in
            try await connection.query("""
                INSERT INTO plans (name, document) VALUES (\(plan.name), \(document))
                ON CONFLICT (name) DO UPDATE SET document = excluded.document
                """, logger: self.logger)
        }
    }

    static func plan(_ document: String) -> AccountPlan? {
        try? JSONDecoder().decode(AccountPlan.self, from: Data(document.utf8))
    }

    public func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]] {
        try await read { connection in
            var result: [AccountID: [UsageDay]] = [:]
            for account in accounts {
                result[account] = try await self.rows(connection, """
                    SELECT * FROM usage WHERE account_id = \(account.rawValue) AND day >= \(from) AND day <= \(to) ORDER BY day
                    """).map(Self.usageDay)
            }
            return result
        }
    }

    static func usageDay(_ row: StoredRow) -> UsageDay {
        var day = UsageDay(day: row.text("day"))
        day.jobs = row.int("jobs")
        day.sources = row.int("sources")
        day.bytesIn = row.int("bytes_in")
        day.credits = row.int("credits")
        day.sourcesSucceeded = row.int("sources_succeeded")
        day.sourcesFailed = row.int("sources_failed")
        day.outputs = row.int("outputs")
        day.bytesOut = row.int("bytes_out")
        return day
    }

    /// Adds a change's counters to its account's day.
    func addUsage(_ connection: PostgresConnection, _ change: UsageChange) async throws {
        let c = change.counters
        try await connection.query("""
            INSERT INTO usage (account_id, day, jobs, sources, bytes_in, credits, sources_succeeded, sources_failed, outputs, bytes_out)
            VALUES (\(change.account.rawValue), \(c.day), \(c.jobs), \(c.sources), \(c.bytesIn), \(c.credits), \(c.sourcesSucceeded),
                    \(c.sourcesFailed), \(c.outputs), \(c.bytesOut))
            ON CONFLICT (account_id, day) DO UPDATE SET jobs = usage.jobs + excluded.jobs, sources = usage.sources + excluded.sources,
                bytes_in = usage.bytes_in + excluded.bytes_in, credits = usage.credits + excluded.credits,
                sources_succeeded = usage.sources_succeeded + excluded.sources_succeeded,
                sources_failed = usage.sources_failed + excluded.sources_failed,
                outputs = usage.outputs + excluded.outputs, bytes_out = usage.bytes_out + excluded.bytes_out
            """, logger: logger)
    }

    /// Checks `admission` against what `account` (and its family) used and takes it, inside the
    /// writing transaction. The family's root row is locked first, so concurrent admissions of
    /// one family (on any process) queue behind each other; other families go on.
    func admit(_ connection: PostgresConnection, account: AccountID, _ admission: JobAdmission, at: Date) async throws {
        if let refusal = try await refusal(connection, account: account, admission, at: at, lockingFamily: true) { throw refusal }
        for change in UsageChange.admission(admission, account: account, at: at) { try await addUsage(connection, change) }
    }

    public func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await read { connection in try await self.refusal(connection, account: account, admission, at: at, lockingFamily: false) }
    }

    /// The first limit `admission` would pass, given what `account` and its family used; with
    /// `lockingFamily`, after locking the family's root row.
    private func refusal(_ connection: PostgresConnection, account: AccountID, _ admission: JobAdmission, at: Date,
                         lockingFamily: Bool) async throws -> QuotaRefusal? {
        let day = UsageCalendar.day(at), month = UsageCalendar.month(at) + "-%"
        guard let row = try await self.row(connection, "SELECT id, parent_id FROM accounts WHERE id = \(account.rawValue)") else {
            throw StoreError.notFound("account \(account)")
        }
        let root = row.string("parent_id") ?? row.text("id")
        if lockingFamily { try await connection.query("SELECT id FROM accounts WHERE id = \(root) FOR UPDATE", logger: logger) }
        func family(_ pattern: String) async throws -> StoredRow? {
            try await self.row(connection, """
                SELECT COALESCE(SUM(u.sources), 0)::BIGINT AS sources, COALESCE(SUM(u.credits), 0)::BIGINT AS credits
                FROM usage u JOIN accounts a ON a.id = u.account_id
                WHERE (a.id = \(root) OR a.parent_id = \(root)) AND u.day LIKE \(pattern)
                """)
        }
        let own = try await self.row(connection, """
            SELECT COALESCE(SUM(sources), 0)::BIGINT AS sources, COALESCE(SUM(credits), 0)::BIGINT AS credits,
                   COALESCE(SUM(bytes_in), 0)::BIGINT AS bytes_in
            FROM usage WHERE account_id = \(account.rawValue) AND day LIKE \(month)
            """)
        func check(_ limit: QuotaRefusal.Limit, _ allowed: Int?, used: Int, requested: Int) -> QuotaRefusal? {
            guard let allowed, requested > 0, used + requested > allowed else { return nil }
            return QuotaRefusal(limit: limit, allowed: allowed, used: used, requested: requested)
        }
        if let refusal = check(.shareSources, admission.share?.sourcesPerMonth, used: own?.int("sources") ?? 0, requested: admission.sources)
            ?? check(.shareCredits, admission.share?.creditsPerMonth, used: own?.int("credits") ?? 0, requested: admission.credits)
            ?? check(.shareBytes, admission.share?.bytesPerMonth, used: own?.int("bytes_in") ?? 0, requested: admission.bytesIn) {
            return refusal
        }
        if admission.sourcesPerDay != nil,
           let refusal = check(.sourcesPerDay, admission.sourcesPerDay, used: try await family(day)?.int("sources") ?? 0, requested: admission.sources) {
            return refusal
        }
        if admission.creditsPerMonth != nil {
            return check(.creditsPerMonth, admission.creditsPerMonth, used: try await family(month)?.int("credits") ?? 0, requested: admission.credits)
        }
        return nil
    }

    public func allowedAddresses(account: AccountID) async throws -> [AllowedAddress] {
        try await read { connection in
            try await self.rows(connection, """
                SELECT * FROM account_ips WHERE account_id = \(account.rawValue) ORDER BY created_at, address
                """).map { AllowedAddress(address: $0.text("address"), active: $0.bool("active"),
                                          createdAt: $0.date("created_at") ?? Date(timeIntervalSince1970: 0)) }
        }
    }

    public func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress {
        try await write { connection in
            // The account's row serialises changes to its list, so the count holds.
            try await connection.query("SELECT id FROM accounts WHERE id = \(account.rawValue) FOR UPDATE", logger: self.logger)
            if let row = try await self.row(connection, """
                UPDATE account_ips SET active = \(active) WHERE account_id = \(account.rawValue) AND address = \(address) RETURNING created_at
                """) {
                return AllowedAddress(address: address, active: active, createdAt: row.date("created_at") ?? at)
            }
            let count = try await self.row(connection, "SELECT COUNT(*)::BIGINT AS n FROM account_ips WHERE account_id = \(account.rawValue)")?.int("n") ?? 0
            if let limit, count + 1 > limit { throw QuotaRefusal(limit: .allowedIPs, allowed: limit, used: count, requested: 1) }
            try await connection.query("""
                INSERT INTO account_ips (account_id, address, active, created_at)
                VALUES (\(account.rawValue), \(address), \(active), \(at.storedMilliseconds))
                """, logger: self.logger)
            return AllowedAddress(address: address, active: active, createdAt: at)
        }
    }

    public func removeAllowedAddress(account: AccountID, address: String) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                DELETE FROM account_ips WHERE account_id = \(account.rawValue) AND address = \(address) RETURNING address
                """).isEmpty
        }
    }
}
