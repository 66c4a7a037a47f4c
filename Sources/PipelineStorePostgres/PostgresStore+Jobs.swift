import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func enqueue(_ job: JobRecord, admission: JobAdmission) async throws {
        let sources = try job.sources.columnText()
        let (hours, forever) = job.retention.columns
        try await write { connection in
            try await self.admit(connection, account: job.accountID, admission, at: job.createdAt)
            try await connection.query("""
                INSERT INTO jobs (id, account_id, config_id, config_version, state, postback_url, sources, created_at, runs,
                                  credits_per_source, retain_hours, keep_forever, result_folder, config_document)
                VALUES (\(job.id.rawValue), \(job.accountID.rawValue), \(job.configID.rawValue), \(job.configVersion), 'queued',
                        \(job.postbackURL), \(sources), \(job.createdAt.storedMilliseconds), 0, \(job.creditsPerSource), \(hours), \(forever),
                        \(job.resultFolder?.rawValue), \(job.configDocument))
                """, logger: self.logger)
            try await connection.query("SELECT pg_notify(\(Self.channel), 'job')", logger: self.logger)
        }
    }

    public func job(account: AccountID?, id: JobID) async throws -> JobRecord? {
        try await read { connection in
            try await self.row(connection, "SELECT * FROM jobs WHERE id = \(id.rawValue)")
                .map(JobRecord.init(row:)).flatMap { job in account == nil || job.accountID == account ? job : nil }
        }
    }

    public func jobs(account: AccountID, state: JobState?, before: JobID?, limit: Int) async throws -> [JobRecord] {
        try await read { connection in
            var cursor = Int.max
            if let before, let row = try await self.row(connection, "SELECT seq FROM jobs WHERE id = \(before.rawValue)") { cursor = row.int("seq") ?? Int.max }
            return try await self.rows(connection, """
                SELECT * FROM jobs WHERE account_id = \(account.rawValue) AND (\(state?.rawValue)::TEXT IS NULL OR state = \(state?.rawValue))
                  AND seq < \(cursor) ORDER BY seq DESC LIMIT \(limit)
                """).map(JobRecord.init(row:))
        }
    }

    public func jobCounts(account: AccountID?) async throws -> [JobState: Int] {
        try await read { connection in
            var counts: [JobState: Int] = [:]
            for row in try await self.rows(connection, """
                SELECT state, COUNT(*)::BIGINT AS n FROM jobs WHERE (\(account?.rawValue)::TEXT IS NULL OR account_id = \(account?.rawValue))
                GROUP BY state
                """) {
                if let state = row.string("state").flatMap(JobState.init(rawValue:)) { counts[state] = row.int("n") ?? 0 }
            }
            return counts
        }
    }

    public func claimJob(owner: String, until: Date, now: Date) async throws -> JobRecord? {
        try await write { connection in
            guard let job = try await self.row(connection, """
                UPDATE jobs SET state = 'processing', lease_owner = \(owner), lease_expires_at = \(until.storedMilliseconds), runs = runs + 1,
                       started_at = COALESCE(started_at, \(now.storedMilliseconds))
                WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).map(JobRecord.init(row:)) else { return nil }
            try await connection.query("""
                INSERT INTO job_claims (job_id, run, owner, claimed_at, lease_until)
                VALUES (\(job.id.rawValue), \(job.runs), \(owner), \(now.storedMilliseconds), \(until.storedMilliseconds))
                """, logger: self.logger)
            return job
        }
    }

    /// Closes the open claim of `job` held by `owner` (nil: whoever holds it).
    func endClaim(_ connection: PostgresConnection, job: JobID, owner: String?, outcome: String, at: Date) async throws {
        try await connection.query("""
            UPDATE job_claims SET ended_at = \(at.storedMilliseconds), outcome = \(outcome)
            WHERE job_id = \(job.rawValue) AND ended_at IS NULL AND (\(owner)::TEXT IS NULL OR owner = \(owner))
            """, logger: logger)
    }

    public func renewJob(_ id: JobID, owner: String, until: Date) async throws {
        try await write { connection in
            let renewed = try await self.rows(connection, """
                UPDATE jobs SET lease_expires_at = \(until.storedMilliseconds)
                WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'processing' RETURNING id
                """)
            if renewed.isEmpty { throw StoreError.leaseLost("job \(id)") }
            try await connection.query("""
                UPDATE job_claims SET lease_until = \(until.storedMilliseconds) WHERE job_id = \(id.rawValue) AND owner = \(owner) AND ended_at IS NULL
                """, logger: self.logger)
        }
    }

    public func releaseJob(_ id: JobID, owner: String) async throws -> Bool {
        try await write { connection in
            let released = try await self.rows(connection, """
                UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'processing' RETURNING id
                """)
            if !released.isEmpty {
                try await self.endClaim(connection, job: id, owner: owner, outcome: "released", at: Date())
                try await connection.query("SELECT pg_notify(\(Self.channel), 'job')", logger: self.logger)
            }
            return !released.isEmpty
        }
    }

    public func rescueExpiredJobs(expiredBefore cutoff: Date, now: Date, maximumRuns: Int) async throws -> [JobRescue] {
        try await write { connection in
            let expired = try await self.rows(connection, """
                SELECT * FROM jobs WHERE state = 'processing' AND lease_expires_at < \(cutoff.storedMilliseconds)
                ORDER BY seq FOR UPDATE SKIP LOCKED
                """).map(JobRecord.init(row:))
            var rescues: [JobRescue] = []
            for job in expired {
                let outcome = JobRescue.outcome(runs: job.runs, maximumRuns: maximumRuns)
                try await self.endClaim(connection, job: job.id, owner: nil, outcome: "expired", at: now)
                switch outcome {
                case .requeued:
                    try await connection.query("""
                        UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL WHERE id = \(job.id.rawValue)
                        """, logger: self.logger)
                case .failed:
                    try await self.endFailed(connection, job, reason: JobRescue.reason(runs: job.runs), code: JobRescue.code, at: now)
                }
                rescues.append(JobRescue(jobID: job.id, runs: job.runs, outcome: outcome))
            }
            if rescues.contains(where: { $0.outcome == .requeued }) {
                try await connection.query("SELECT pg_notify(\(Self.channel), 'job')", logger: self.logger)
            }
            return rescues
        }
    }

    public func completeJob(_ id: JobID, owner: String, completion: JobCompletion, at: Date) async throws {
        let sources = try completion.sources.columnText()
        try await write { connection in
            let state: JobState = completion.delivery == nil ? JobState(completion.outcome) : .delivering
            guard let job = try await self.row(connection, """
                UPDATE jobs SET state = \(state.rawValue), outcome = \(completion.outcome.rawValue), sources = \(sources),
                       finished_at = \(at.storedMilliseconds), lease_owner = NULL, lease_expires_at = NULL,
                       archive_key = \(completion.archive.blobKey), archive_sha256 = \(completion.archive.sha256),
                       archive_bytes = \(completion.archive.bytes)
                WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'processing'
                RETURNING *
                """).map(JobRecord.init(row:)) else { throw StoreError.leaseLost("job \(id)") }
            try await self.endClaim(connection, job: id, owner: owner, outcome: "completed", at: at)
            for change in UsageChange.completion(of: job, completion, at: at) { try await self.addUsage(connection, change) }
            if let delivery = completion.delivery {
                try await self.insertDelivery(connection, job: id, delivery, at: at)
            }
        }
    }

    public func failJob(_ id: JobID, owner: String, reason: String, at: Date) async throws {
        try await write { connection in
            guard let job = try await self.row(connection, """
                SELECT * FROM jobs WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'processing' FOR UPDATE
                """).map(JobRecord.init(row:)) else { throw StoreError.leaseLost("job \(id)") }
            try await self.endClaim(connection, job: id, owner: owner, outcome: "failed", at: at)
            try await self.endFailed(connection, job, reason: reason, code: "PROCESSING_FAILED", at: at)
        }
    }

    /// Ends a job that did not run as failed, every source with `code` and `reason`.
    private func endFailed(_ connection: PostgresConnection, _ job: JobRecord, reason: String, code: String, at: Date) async throws {
        let sources = try job.sourcesFailed(reason: reason, code: code).columnText()
        try await connection.query("""
            UPDATE jobs SET state = 'failed', outcome = 'failed', sources = \(sources), finished_at = \(at.storedMilliseconds),
                   lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(job.id.rawValue)
            """, logger: logger)
        for change in UsageChange.failure(of: job, at: at) { try await addUsage(connection, change) }
    }

    public func jobsToExpire(now: Date, defaultHours: Double, limit: Int) async throws -> [JobRecord] {
        try await read { connection in
            try await self.rows(connection, """
                SELECT * FROM jobs WHERE expired_at IS NULL AND NOT keep_forever AND state NOT IN ('queued', 'processing')
                  AND finished_at + COALESCE(retain_hours, \(defaultHours)) * 3600000 < \(now.storedMilliseconds)
                ORDER BY finished_at LIMIT \(limit)
                """).map(JobRecord.init(row:))
        }
    }

    public func markExpired(_ id: JobID, at: Date) async throws {
        try await write { connection in
            try await connection.query("UPDATE jobs SET expired_at = \(at.storedMilliseconds) WHERE id = \(id.rawValue)", logger: self.logger)
        }
    }

    public func markDeleted(_ id: JobID, at: Date) async throws {
        try await write { connection in
            try await connection.query("""
                UPDATE jobs SET expired_at = COALESCE(expired_at, \(at.storedMilliseconds)), deleted_at = \(at.storedMilliseconds) WHERE id = \(id.rawValue)
                """, logger: self.logger)
        }
    }

    public func queueDepth() async throws -> Int {
        try await read { connection in
            try await self.row(connection, "SELECT COUNT(*)::BIGINT AS n FROM jobs WHERE state = 'queued'")?.int("n") ?? 0
        }
    }
}
