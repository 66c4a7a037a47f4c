import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    public func addDelivery(job: JobID, _ delivery: NewDelivery, at: Date) async throws -> DeliveryRecord {
        try await write { connection in
            guard try await self.row(connection, "SELECT 1 AS one FROM jobs WHERE id = \(job.rawValue) AND archive_key IS NOT NULL") != nil else {
                throw StoreError.notFound("a finished job \(job)")
            }
            try await self.insertDelivery(connection, job: job, delivery, at: at)
            guard let record = try await self.row(connection, "SELECT * FROM deliveries WHERE id = \(delivery.id.rawValue)").map(DeliveryRecord.init(row:)) else {
                throw StoreError.notFound("delivery \(delivery.id)")
            }
            return record
        }
    }

    func insertDelivery(_ connection: PostgresConnection, job: JobID, _ delivery: NewDelivery, at: Date) async throws {
        try await connection.query("""
            INSERT INTO deliveries (id, job_id, account_id, url, format, state, attempts, next_attempt_at, created_at)
            SELECT \(delivery.id.rawValue), id, account_id, \(delivery.url), \(delivery.format.rawValue), 'pending', 0,
                   \(delivery.firstAttemptAt.storedMilliseconds), \(at.storedMilliseconds) FROM jobs WHERE id = \(job.rawValue)
            """, logger: logger)
        try await connection.query("SELECT pg_notify(\(Self.channel), 'delivery')", logger: logger)
    }

    public func claimDelivery(owner: String, until: Date, now: Date) async throws -> DeliveryRecord? {
        try await write { connection in
            try await self.row(connection, """
                UPDATE deliveries SET lease_owner = \(owner), lease_expires_at = \(until.storedMilliseconds)
                WHERE id = (SELECT id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= \(now.storedMilliseconds)
                            AND (lease_expires_at IS NULL OR lease_expires_at < \(now.storedMilliseconds))
                            ORDER BY next_attempt_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).map(DeliveryRecord.init(row:))
        }
    }

    public func recordAttempt(_ id: DeliveryID, owner: String, attempt: DeliveryAttemptRecord, next: DeliveryNext) async throws {
        try await write { connection in
            guard let delivery = try await self.row(connection, """
                SELECT * FROM deliveries WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'pending' FOR UPDATE
                """).map(DeliveryRecord.init(row:)) else { throw StoreError.leaseLost("delivery \(id)") }
            let number = delivery.attempts + 1
            try await connection.query("""
                INSERT INTO delivery_attempts (delivery_id, attempt, at, http_status, error, milliseconds)
                VALUES (\(id.rawValue), \(number), \(attempt.at.storedMilliseconds), \(attempt.httpStatus), \(attempt.error), \(attempt.milliseconds))
                """, logger: self.logger)
            let (state, nextAt): (DeliveryState, Date?) = switch next {
            case .retry(let at): (.pending, at)
            case .delivered: (.delivered, nil)
            case .failed: (.failed, nil)
            }
            try await connection.query("""
                UPDATE deliveries SET attempts = \(number), state = \(state.rawValue), next_attempt_at = \(nextAt?.storedMilliseconds),
                       lease_owner = NULL, lease_expires_at = NULL,
                       finished_at = \(state == .pending ? nil : attempt.at.storedMilliseconds) WHERE id = \(id.rawValue)
                """, logger: self.logger)
            if state != .pending {
                // The job is finished once none of its deliveries is pending.
                try await connection.query("""
                    UPDATE jobs SET state = outcome WHERE id = \(delivery.jobID.rawValue) AND state = 'delivering'
                      AND NOT EXISTS (SELECT 1 FROM deliveries WHERE job_id = \(delivery.jobID.rawValue) AND state = 'pending')
                    """, logger: self.logger)
            }
        }
    }

    public func deliveries(job: JobID) async throws -> [(DeliveryRecord, [DeliveryAttemptRecord])] {
        let records = try await read { connection in
            var found: [DeliveryWithAttempts] = []
            for delivery in try await self.rows(connection, """
                SELECT * FROM deliveries WHERE job_id = \(job.rawValue) ORDER BY created_at, seq
                """).map(DeliveryRecord.init(row:)) {
                let attempts = try await self.rows(connection, """
                    SELECT * FROM delivery_attempts WHERE delivery_id = \(delivery.id.rawValue) ORDER BY attempt
                    """).map(DeliveryAttemptRecord.init(row:))
                found.append(DeliveryWithAttempts(delivery: delivery, attempts: attempts))
            }
            return found
        }
        return records.map { ($0.delivery, $0.attempts) }
    }

    public func releaseExpiredDeliveries(now: Date) async throws -> Int {
        try await write { connection in
            try await self.rows(connection, """
                UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL
                WHERE state = 'pending' AND lease_expires_at < \(now.storedMilliseconds) RETURNING id
                """).count
        }
    }

    public func releaseDelivery(_ id: DeliveryID, owner: String) async throws -> Bool {
        try await write { connection in
            try await !self.rows(connection, """
                UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(id.rawValue) AND lease_owner = \(owner) AND state = 'pending' RETURNING id
                """).isEmpty
        }
    }
}

/// A delivery and its attempts (a Sendable pair to carry out of a read).
struct DeliveryWithAttempts: Sendable {
    var delivery: DeliveryRecord
    var attempts: [DeliveryAttemptRecord]
}
