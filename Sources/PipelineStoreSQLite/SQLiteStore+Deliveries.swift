import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    public func addDelivery(job: JobID, _ delivery: NewDelivery, at: Date) async throws -> DeliveryRecord {
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM jobs WHERE id = ? AND archive_key IS NOT NULL", arguments: [job.rawValue]) != nil else {
                throw StoreError.notFound("a finished job \(job)")
            }
            try Self.insertDelivery(db, job: job, delivery, at: at)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [delivery.id.rawValue]) else {
                throw StoreError.notFound("delivery \(delivery.id)")
            }
            return try DeliveryRecord(row: row)
        }
    }

    static func insertDelivery(_ db: Database, job: JobID, _ delivery: NewDelivery, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO deliveries (id, job_id, account_id, url, format, state, attempts, next_attempt_at, created_at)
            SELECT ?, id, account_id, ?, ?, 'pending', 0, ?, ? FROM jobs WHERE id = ?
            """, arguments: [delivery.id.rawValue, delivery.url, delivery.format.rawValue,
                             delivery.firstAttemptAt.storedMilliseconds, at.storedMilliseconds, job.rawValue])
    }

    public func claimDelivery(owner: String, until: Date, now: Date) async throws -> DeliveryRecord? {
        try await pool.write { db in
            try Row.fetchOne(db, sql: """
                UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?
                WHERE id = (SELECT id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?
                            AND (lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY next_attempt_at, rowid LIMIT 1)
                RETURNING *
                """, arguments: [owner, until.storedMilliseconds, now.storedMilliseconds, now.storedMilliseconds]).map(DeliveryRecord.init(row:))
        }
    }

    public func recordAttempt(_ id: DeliveryID, owner: String, attempt: DeliveryAttemptRecord, next: DeliveryNext) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ? AND lease_owner = ? AND state = 'pending'",
                                             arguments: [id.rawValue, owner]) else {
                throw StoreError.leaseLost("delivery \(id)")
            }
            let delivery = try DeliveryRecord(row: row)
            let number = delivery.attempts + 1
            try db.execute(sql: """
                INSERT INTO delivery_attempts (delivery_id, attempt, at, http_status, error, milliseconds) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id.rawValue, number, attempt.at.storedMilliseconds, attempt.httpStatus, attempt.error, attempt.milliseconds])
            let (state, nextAt): (DeliveryState, Date?) = switch next {
            case .retry(let at): (.pending, at)
            case .delivered: (.delivered, nil)
            case .failed: (.failed, nil)
            }
            try db.execute(sql: """
                UPDATE deliveries SET attempts = ?, state = ?, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                       finished_at = ? WHERE id = ?
                """, arguments: [number, state.rawValue, nextAt?.storedMilliseconds,
                                 state == .pending ? nil : attempt.at.storedMilliseconds, id.rawValue])
            if state != .pending {
                // The job is finished once none of its deliveries is pending.
                try db.execute(sql: """
                    UPDATE jobs SET state = outcome WHERE id = ? AND state = 'delivering'
                      AND NOT EXISTS (SELECT 1 FROM deliveries WHERE job_id = ? AND state = 'pending')
                    """, arguments: [delivery.jobID.rawValue, delivery.jobID.rawValue])
            }
        }
    }

    public func deliveries(job: JobID) async throws -> [(DeliveryRecord, [DeliveryAttemptRecord])] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE job_id = ? ORDER BY created_at, rowid", arguments: [job.rawValue])
                .map(DeliveryRecord.init(row:)).map { delivery in
                    let attempts = try Row.fetchAll(db, sql: "SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY attempt",
                                                    arguments: [delivery.id.rawValue]).map(DeliveryAttemptRecord.init(row:))
                    return (delivery, attempts)
                }
        }
    }

    public func releaseExpiredDeliveries(now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE state = 'pending' AND lease_expires_at < ?",
                           arguments: [now.storedMilliseconds])
            return db.changesCount
        }
    }

    public func releaseDelivery(_ id: DeliveryID, owner: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'pending'
                """, arguments: [id.rawValue, owner])
            return db.changesCount > 0
        }
    }

    public func queueDepth() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE state = 'queued'") ?? 0 }
    }
}
