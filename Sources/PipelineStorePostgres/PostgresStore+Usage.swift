import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func plans() async throws -> [AccountPlan] {
        try await read { connection in
            try await self.rows(connection, "SELECT document FROM plans ORDER BY name").map(AccountPlan.init(row:))
        }
    }

    public func plan(named name: String) async throws -> AccountPlan? {
        try await read { connection in
            try await self.row(connection, "SELECT document FROM plans WHERE name = \(name)").map(AccountPlan.init(row:))
        }
    }

    public func savePlan(_ plan: AccountPlan) async throws {
        let document = try StoredJSON.encode(plan)
        try await write { connection in
            try await connection.query("""
                INSERT INTO plans (name, document) VALUES (\(plan.name), \(document))
                ON CONFLICT (name) DO UPDATE SET document = excluded.document
                """, logger: self.logger)
        }
    }

    public func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]] {
        try await read { connection in
            var result: [AccountID: [UsageDay]] = [:]
            for account in accounts {
                result[account] = try await self.rows(connection, """
                    SELECT * FROM usage WHERE account_id = \(account.rawValue) AND day >= \(from) AND day <= \(to) ORDER BY day
                    """).map(UsageDay.init(row:))
            }
            return result
        }
    }

    /// Adds a change's counters to its account's day.
    func addUsage(_ connection: PostgresConnection, _ change: UsageChange) async throws {
        let c = change.counters
        try await connection.query("""
            INSERT INTO usage (account_id, day, jobs, sources, bytes_in, credits, sources_succeeded, sources_failed, outputs, bytes_out, renders)
            VALUES (\(change.account.rawValue), \(c.day), \(c.jobs), \(c.sources), \(c.bytesIn), \(c.credits), \(c.sourcesSucceeded),
                    \(c.sourcesFailed), \(c.outputs), \(c.bytesOut), \(c.renders))
            ON CONFLICT (account_id, day) DO UPDATE SET jobs = usage.jobs + excluded.jobs, sources = usage.sources + excluded.sources,
                bytes_in = usage.bytes_in + excluded.bytes_in, credits = usage.credits + excluded.credits,
                sources_succeeded = usage.sources_succeeded + excluded.sources_succeeded,
                sources_failed = usage.sources_failed + excluded.sources_failed,
                outputs = usage.outputs + excluded.outputs, bytes_out = usage.bytes_out + excluded.bytes_out,
                renders = usage.renders + excluded.renders
            """, logger: logger)
    }

    /// Checks `admission` against what `account` (and its family) used and takes it, inside the
    /// writing transaction. The family's root row is locked first, so concurrent admissions of
    /// one family (on any process) queue behind each other; other families go on.
    func admit(_ connection: PostgresConnection, account: AccountID, _ admission: JobAdmission, at: Date) async throws {
        if let refusal = try await refusal(connection, account: account, admission, at: at, lockingFamily: true) { throw refusal }
        for change in UsageChange.admission(admission, account: account, at: at) { try await addUsage(connection, change) }
    }

    public func admitRender(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await write { connection in
            do {
                try await self.admit(connection, account: account, admission, at: at)
                return nil
            } catch let refusal as QuotaRefusal {
                return refusal
            }
        }
    }

    public func quotaRefusal(_ admission: JobAdmission, account: AccountID, at: Date) async throws -> QuotaRefusal? {
        try await read { connection in try await self.refusal(connection, account: account, admission, at: at, lockingFamily: false) }
    }

    /// The first limit `admission` would pass, given what `account` and its family used; with
    /// `lockingFamily`, after locking the family's root row.
    private func refusal(_ connection: PostgresConnection, account: AccountID, _ admission: JobAdmission, at: Date,
                         lockingFamily: Bool) async throws -> QuotaRefusal? {
        guard let row = try await self.row(connection, "SELECT parent_id, share_reset FROM accounts WHERE id = \(account.rawValue)") else {
            throw StoreError.notFound("account \(account)")
        }
        let root = row.string("parent_id") ?? account.rawValue
        if lockingFamily { try await connection.query("SELECT id FROM accounts WHERE id = \(root) FOR UPDATE", logger: logger) }
        var used: [QuotaFigure: Int] = [:]
        for figure in QuotaPolicy.figures(for: admission) {
            let sum = if figure.isFamily {
                try await self.row(connection, """
                    SELECT COALESCE(SUM(u.\(unescaped: figure.counter)), 0)::BIGINT AS used FROM usage u JOIN accounts a ON a.id = u.account_id
                    WHERE (a.id = \(root) OR a.parent_id = \(root)) AND u.day LIKE \(figure.days(at: at))
                    """)
            } else {
                try await self.row(connection, """
                    SELECT COALESCE(SUM(\(unescaped: figure.counter)), 0)::BIGINT AS used FROM usage
                    WHERE account_id = \(account.rawValue) AND day LIKE \(figure.days(at: at))
                    """)
            }
            used[figure] = (sum?.int("used") ?? 0)
                - (row.string("share_reset").flatMap { StoredJSON.decode(ShareReset.self, $0) }?.offset(figure, at: at) ?? 0)
        }
        return QuotaPolicy.refusal(admission, used: used)
    }

    public func allowedAddresses(account: AccountID) async throws -> [AllowedAddress] {
        try await read { connection in
            try await self.rows(connection, """
                SELECT * FROM account_ips WHERE account_id = \(account.rawValue) ORDER BY created_at, address
                """).map(AllowedAddress.init(row:))
        }
    }

    public func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress {
        try await write { connection in
            // The account's row serialises changes to its list, so the count holds.
            try await connection.query("SELECT id FROM accounts WHERE id = \(account.rawValue) FOR UPDATE", logger: self.logger)
            let existing = try await self.row(connection, "SELECT active FROM account_ips WHERE account_id = \(account.rawValue) AND address = \(address)")
            // Only active entries count against the plan's number (deactivate one to add another).
            if active, existing?.bool("active") != true {
                let count = try await self.row(connection, "SELECT COUNT(*)::BIGINT AS n FROM account_ips WHERE account_id = \(account.rawValue) AND active")?.int("n") ?? 0
                if let refusal = QuotaPolicy.refusal(adding: 1, to: count, limit: limit, as: .allowedIPs) { throw refusal }
            }
            if let row = try await self.row(connection, """
                UPDATE account_ips SET active = \(active) WHERE account_id = \(account.rawValue) AND address = \(address) RETURNING created_at
                """) {
                return AllowedAddress(address: address, active: active, createdAt: row.date("created_at") ?? at)
            }
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
