import Foundation
import Synchronization

/// Starts a process and suspends until it exits, without holding a thread: its termination
/// handler resumes the waiting task. Past `timeout` the process is sent SIGTERM, then SIGKILL
/// 5 s later.
public enum ProcessExit {
    private final class State: Sendable {
        let value = Mutex<(ended: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))
        let stopped = Mutex(false)
    }

    /// Runs `process` to its end; returns whether it had to be stopped for taking too long.
    public static func run(_ process: Process, timeout: TimeInterval) async throws -> Bool {
        let state = State()
        process.terminationHandler = { _ in
            let waiter = state.value.withLock { value -> CheckedContinuation<Void, Never>? in
                value.ended = true
                defer { value.waiter = nil }
                return value.waiter
            }
            waiter?.resume()
        }
        try process.run()
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: .seconds(timeout))
            state.stopped.withLock { $0 = true }
            kill(pid, SIGTERM)
            try await Task.sleep(for: .seconds(5))
            kill(pid, SIGKILL)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ended = state.value.withLock { value -> Bool in
                if !value.ended { value.waiter = continuation }
                return value.ended
            }
            if ended { continuation.resume() }
        }
        watchdog.cancel()
        return state.stopped.withLock { $0 }
    }
}
