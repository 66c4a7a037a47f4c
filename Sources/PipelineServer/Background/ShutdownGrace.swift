import Foundation
import ServiceLifecycle
import Synchronization

/// Runs `work` to its end, unless a graceful shutdown begins and `grace` seconds pass first:
/// then returns nil at once and leaves `work` running unawaited (engine and libcurl work runs on
/// threads of its own and cannot be interrupted; the process is about to exit). The caller hands
/// back whatever lease the work held. (A task group would not do: it waits for every child.)
func finishWithinGrace<T: Sendable>(_ grace: Double, _ work: @escaping @Sendable () async -> T) async -> T? {
    let running = Task { await work() }
    let race = FirstAnswer<T?>()
    // Task-local values (the service group's shutdown signal) carry over to these tasks.
    let timer = Task {
        do {
            try await gracefulShutdown()
            try await Task.sleep(for: .seconds(grace))
            race.answer(nil)
        } catch {}
    }
    Task { race.answer(await running.value) }
    let result = await race.value()
    timer.cancel()
    return result
}

/// The first of several answers, for whoever waits for it (once).
final class FirstAnswer<T: Sendable>: Sendable {
    private let state = Mutex<(answer: T?, answered: Bool, waiter: CheckedContinuation<T, Never>?)>((nil, false, nil))

    func answer(_ value: T) {
        let waiter = state.withLock { state -> CheckedContinuation<T, Never>? in
            guard !state.answered else { return nil }
            state.answered = true
            state.answer = value
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    func value() async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let early = state.withLock { state -> (T?, Bool) in
                if state.answered { return (state.answer, true) }
                state.waiter = continuation
                return (nil, false)
            }
            if early.1, let answer = early.0 { continuation.resume(returning: answer) }
        }
    }
}

extension Result where Failure == any Error {
    /// The value or the error of an async throwing call.
    init(asyncCatching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
