import Foundation
import PipelineCore

/// Whether the database answers, and its channel for new work.
public protocol StoreHealth: Sendable {
    /// Whether the database answers.
    func ping() async throws
    /// Calls `signal` whenever any process queues a job or writes a delivery, until cancelled,
    /// so idle workers start at once. Returns at once when the store has no such channel
    /// (SQLite: one process, whose own doorbells are enough).
    func watchForWork(_ signal: @escaping @Sendable (WorkSignal) -> Void) async throws
}
