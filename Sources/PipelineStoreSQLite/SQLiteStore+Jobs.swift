import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    public func enqueue(_ job: JobRecord, admission: JobAdmission) async throws {
        let sources = try job.sources.columnText()
        let (hours, forever) = job.retention.columns
        try await pool.write { db in
            try Self.admit(db, account: job.accountID, admission, at: job.createdAt)
            let seq = (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM jobs") ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO jobs (id, account_id, config_id, config_version, state, postback_url, sources, created_at, runs, seq,
                                  credits_per_source, retain_hours, keep_forever, result_folder, config_document)
                VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                """, arguments: [job.id.rawValue, job.accountID.rawValue, job.configID.rawValue, job.configVersion,
                                 job.postbackURL, sources, job.createdAt.storedMilliseconds, seq,
                                 job.creditsPerSource, hours, forever ? 1 : 0, job.resultFolder?.rawValue, job.configDocument])
        }
    }

    public func job(account: AccountID?, id: JobID) async throws -> JobRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.rawValue])
                .map(JobRecord.init(row:)).flatMap { job in account == nil || job.accountID == account ? job : nil }
        }
    }

    public func jobs(account: AccountID, state: JobState?, before: JobID?, limit: Int) async throws -> [JobRecord] {
        try await pool.read { db in
            let cursor = try before.flatMap { try Int64.fetchOne(db, sql: "SELECT seq FROM jobs WHERE id = ?", arguments: [$0.rawValue]) } ?? Int64.max
            return try Row.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE account_id = ? AND (? IS NULL OR state = ?) AND seq < ? ORDER BY seq DESC LIMIT ?
                """, arguments: [account.rawValue, state?.rawValue, state?.rawValue, cursor, limit]).map(JobRecord.init(row:))
        }
    }

    public func jobCounts(account: AccountID?) async throws -> [JobState: Int] {
        try await pool.read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs WHERE (? IS NULL OR account_id = ?) GROUP BY state",
                                        arguments: [account?.rawValue, account?.rawValue]) {
                if let state = row.string("state").flatMap(JobState.init(rawValue:)) { counts[state] = row.int("n") ?? 0 }
            }
            return counts
        }
    }

    public func claimJob(owner: String, until: Date, now: Date) async throws -> JobRecord? {
        try await pool.write { db in
            try Row.fetchOne(db, sql: """
                UPDATE jobs SET state = 'processing', lease_owner = ?, lease_expires_at = ?, runs = runs + 1,
                       started_at = COALESCE(started_at, ?)
                WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1)
                RETURNING *
                """, arguments: [owner, until.storedMilliseconds, now.storedMilliseconds]).map(JobRecord.init(row:))
        }
    }

    public func renewJob(_ id: JobID, owner: String, until: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND state = 'processing'",
                           arguments: [until.storedMilliseconds, id.rawValue, owner])
            if db.changesCount == 0 { throw StoreError.leaseLost("job \(id)") }
        }
    }

    public func releaseJob(_ id: JobID, owner: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ? AND lease_owner = ? AND state = 'processing'
                """, arguments: [id.rawValue, owner])
            return db.changesCount > 0
        }
    }

    public func rescueExpiredJobs(expiredBefore cutoff: Date, now: Date, maximumRuns: Int) async throws -> [JobRescue] {
        try await pool.write { db in
            let expired = try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE state = 'processing' AND lease_expires_at < ? ORDER BY seq",
                                           arguments: [cutoff.storedMilliseconds]).map(JobRecord.init(row:))
            var rescues: [JobRescue] = []
            for job in expired {
                let outcome = JobRescue.outcome(runs: job.runs, maximumRuns: maximumRuns)
                switch outcome {
                case .requeued:
                    try db.execute(sql: "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                                   arguments: [job.id.rawValue])
                case .failed:
                    try Self.endFailed(db, job, reason: JobRescue.reason(runs: job.runs), code: JobRescue.code, at: now)
                }
                rescues.append(JobRescue(jobID: job.id, runs: job.runs, outcome: outcome))
            }
            return rescues
        }
    }

    public func completeJob(_ id: JobID, owner: String, completion: JobCompletion, at: Date) async throws {
        let sources = try completion.sources.columnText()
        try await pool.write { db in
            let state: JobState = completion.delivery == nil ? JobState(completion.outcome) : .delivering
            try db.execute(sql: """
                UPDATE jobs SET state = ?, outcome = ?, sources = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                       archive_key = ?, archive_sha256 = ?, archive_bytes = ?
                WHERE id = ? AND lease_owner = ? AND state = 'processing'
                """, arguments: [state.rawValue, completion.outcome.rawValue, sources, at.storedMilliseconds,
                                 completion.archive.blobKey, completion.archive.sha256, completion.archive.bytes,
                                 id.rawValue, owner])
            if db.changesCount == 0 { throw StoreError.leaseLost("job \(id)") }
            guard let job = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id.rawValue]).map(JobRecord.init(row:)) else {
                throw StoreError.notFound("job \(id)")
            }
            for change in UsageChange.completion(of: job, completion, at: at) { try Self.addUsage(db, change) }
            if let delivery = completion.delivery {
                try Self.insertDelivery(db, job: id, delivery, at: at)
            }
        }
    }

    public func failJob(_ id: JobID, owner: String, reason: String, at: Date) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ? AND lease_owner = ? AND state = 'processing'",
                                             arguments: [id.rawValue, owner]), let job = Optional(try JobRecord(row: row)) else {
                throw StoreError.leaseLost("job \(id)")
            }
            try Self.endFailed(db, job, reason: reason, code: "PROCESSING_FAILED", at: at)
        }
    }

    /// Ends a job that did not run as failed, every source with `code` and `reason`.
    private static func endFailed(_ db: Database, _ job: JobRecord, reason: String, code: String, at: Date) throws {
        let sources = try job.sourcesFailed(reason: reason, code: code).columnText()
        try db.execute(sql: """
            UPDATE jobs SET state = 'failed', outcome = 'failed', sources = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ?
            """, arguments: [sources, at.storedMilliseconds, job.id.rawValue])
        for change in UsageChange.failure(of: job, at: at) { try addUsage(db, change) }
    }

    public func jobsToExpire(now: Date, defaultHours: Double, limit: Int) async throws -> [JobRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE expired_at IS NULL AND keep_forever = 0 AND state NOT IN ('queued', 'processing')
                  AND finished_at + COALESCE(retain_hours, ?) * 3600000 < ?
                ORDER BY finished_at LIMIT ?
                """, arguments: [defaultHours, now.storedMilliseconds, limit]).map(JobRecord.init(row:))
        }
    }

    public func markExpired(_ id: JobID, at: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE jobs SET expired_at = ? WHERE id = ?", arguments: [at.storedMilliseconds, id.rawValue])
        }
    }

    public func markDeleted(_ id: JobID, at: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE jobs SET expired_at = COALESCE(expired_at, ?), deleted_at = ? WHERE id = ?",
                           arguments: [at.storedMilliseconds, at.storedMilliseconds, id.rawValue])
        }
    }
}
