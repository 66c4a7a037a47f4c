import Synchronization

/// Concurrent requests for the same uncached result make one render (SPEC §10): the first
/// starts it, the others wait for its answer (and share its failure or time-out).
final class RenderFlights<Value: Sendable>: Sendable {
    private let flights = Mutex<[String: Task<Value, any Error>]>([:])

    /// `work`'s value for `key`, and whether it came from another request's render.
    func value(for key: String, _ work: @escaping @Sendable () async throws -> Value) async throws -> (Value, coalesced: Bool) {
        let (task, joined) = flights.withLock { flights -> (Task<Value, any Error>, Bool) in
            if let running = flights[key] { return (running, true) }
            let task = Task { try await work() }
            flights[key] = task
            return (task, false)
        }
        if !joined {
            // The flight ends for everyone once its work has: later requests read the cache.
            defer { flights.withLock { _ = $0.removeValue(forKey: key) } }
            return (try await task.value, false)
        }
        return (try await task.value, true)
    }
}
