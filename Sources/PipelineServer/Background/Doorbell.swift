import Foundation
import Synchronization

/// Wakes idle workers of this process at once when there is new work (a job queued, a delivery
/// written), instead of at their next poll; the poll stays as the safety net (and is what other
/// processes rely on). A ring while nobody waits is kept for the next waiter.
final class Doorbell: Sendable {
    private let state = Mutex<(waiters: [UUID: FirstAnswer<Bool>], pending: Bool)>(([:], false))

    func ring() {
        let waiters = state.withLock { state -> [FirstAnswer<Bool>] in
            if state.waiters.isEmpty { state.pending = true }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.answer(true) }
    }

    /// Returns when rung, or after `seconds`.
    func wait(upTo seconds: Double) async {
        let answer = FirstAnswer<Bool>()
        let id = UUID()
        let rang = state.withLock { state -> Bool in
            if state.pending {
                state.pending = false
                return true
            }
            state.waiters[id] = answer
            return false
        }
        if rang { return }
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            answer.answer(false)
        }
        _ = await answer.value()
        timer.cancel()
        state.withLock { _ = $0.waiters.removeValue(forKey: id) }
    }
}
