import Foundation
import Synchronization

/// `POST /v1/process` runs at most `count` requests' work at once on the API process (SPEC
/// §11); a request that finds every slot taken waits, in arrival order, up to `wait` seconds and
/// is then refused (`Busy`: 503 with `Retry-After`). The wait is a dispatch timer on a queue of
/// its own, so it ends on time even while the cooperative threads are all busy.
final class ProcessSlots: Sendable {
    struct Busy: Error {}

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var running = 0
        var waiting: [Waiter] = []
        var nextID = 0
    }

    let count: Int
    let wait: TimeInterval
    private let state = Mutex(State())
    private static let timers = DispatchQueue(label: "process-slot-timers")

    init(count: Int, wait: TimeInterval) {
        self.count = max(1, count)
        self.wait = max(0, wait)
    }

    /// Runs `work` in a slot, waiting up to `wait` seconds for one; throws `Busy` after that.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let got = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let id = state.withLock { state -> Int? in
                if state.running < count {
                    state.running += 1
                    return nil
                }
                state.nextID += 1
                state.waiting.append(Waiter(id: state.nextID, continuation: continuation))
                return state.nextID
            }
            guard let id else { return continuation.resume(returning: true) }
            Self.timers.asyncAfter(deadline: .now() + wait) { [self] in
                let expired = state.withLock { state -> Waiter? in
                    guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.waiting.remove(at: index)
                }
                expired?.continuation.resume(returning: false)
            }
        }
        guard got else { throw Busy() }
        defer { release() }
        return try await work()
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> Waiter? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    /// Requests working and waiting now.
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }
}
