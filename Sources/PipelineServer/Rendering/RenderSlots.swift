import Foundation
import Synchronization

/// Renders run at most `concurrency` at once (one thread each, libvips using its own threads
/// within); up to `queue` more wait in arrival order, and past that a render is refused at once
/// (`Busy`: 503 with `Retry-After`), so memory stays bounded however many requests come.
final class RenderSlots: Sendable {
    struct Busy: Error {}

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        /// Admitted to the queue, not in `waiting` yet.
        var reserved = 0
    }

    private enum Admission { case now, wait, refuse }

    let concurrency: Int
    let queue: Int
    private let state = Mutex(State())

    init(concurrency: Int, queue: Int) {
        self.concurrency = max(1, concurrency)
        self.queue = max(0, queue)
    }

    /// Runs `work` in a slot, waiting for one if needed; throws `Busy` when the queue is full.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let admission = state.withLock { state -> Admission in
            if state.running < concurrency {
                state.running += 1
                return .now
            }
            guard state.waiting.count + state.reserved < queue else { return .refuse }
            state.reserved += 1
            return .wait
        }
        switch admission {
        case .refuse: throw Busy()
        case .wait:
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let started = state.withLock { state -> Bool in
                    state.reserved -= 1
                    // A slot may have come free meanwhile.
                    if state.running < concurrency {
                        state.running += 1
                        return true
                    }
                    state.waiting.append(continuation)
                    return false
                }
                if started { continuation.resume() }
            }
        case .now: break
        }
        defer { release() }
        return try await work()
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Renders running and waiting now.
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count + $0.reserved) } }
}
