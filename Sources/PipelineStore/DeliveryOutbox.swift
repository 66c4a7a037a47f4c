import Foundation
import PipelineCore

/// The outbox of postbacks: one row per `webhook-id`, claimed with a lease for one attempt at a
/// time, every attempt recorded with what follows it.
public protocol DeliveryOutbox: Sendable {
    /// A new delivery of a finished job's result (a redelivery).
    func addDelivery(job: JobID, _ delivery: NewDelivery, at: Date) async throws -> DeliveryRecord
    /// The pending delivery due the longest, now held by `owner` until `until`.
    func claimDelivery(owner: String, until: Date, now: Date) async throws -> DeliveryRecord?
    /// Records an attempt and what follows it; finishes the job's `delivering` state when its
    /// last pending delivery ends.
    func recordAttempt(_ id: DeliveryID, owner: String, attempt: DeliveryAttemptRecord, next: DeliveryNext) async throws
    /// The job's deliveries, oldest first, each with its attempts.
    func deliveries(job: JobID) async throws -> [(DeliveryRecord, [DeliveryAttemptRecord])]
    /// Frees the leases of deliveries whose lease expired before `now` (at start: all of them).
    func releaseExpiredDeliveries(now: Date) async throws -> Int
    /// Frees `owner`'s lease on one delivery (an attempt given up at shutdown), so another
    /// process can make it; false when `owner` did not hold it. Other owners' leases stay.
    func releaseDelivery(_ id: DeliveryID, owner: String) async throws -> Bool
}
