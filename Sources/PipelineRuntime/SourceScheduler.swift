import Foundation
import Imaging
import Synchronization

/// Runs one job's sources on a fixed number of dedicated threads (off Swift's cooperative
/// pool), with a watchdog that enforces the per-source time limit.
///
/// Past the limit the source's libvips work is cancelled (killed at its next tile). Work that
/// never reaches a libvips computation cannot be stopped from outside its thread: a second
/// after the limit the source is recorded as timed out anyway, its thread is abandoned (its
/// result will be ignored) and a fresh thread takes over the queue, so the job goes on.
final class SourceScheduler: Sendable {
    typealias Work = @Sendable (_ index: Int, _ cancellation: RenderCancellation) -> SourceOutcome

    private struct Running {
        var index: Int
        var started: Date
        var cancellation: RenderCancellation
        var abandoned = false
    }

    private struct State {
        var next = 0
        var outcomes: [SourceOutcome?]
        var finished = 0
        var running: [Int: Running] = [:]
        var nextWorker = 0
        var continuation: CheckedContinuation<Void, Never>?
    }

    private let count: Int
    /// The order sources are started in (a permutation of `0..<count`).
    private let order: [Int]
    private let threads: Int
    private let timeout: TimeInterval
    private let grace: TimeInterval
    private let work: Work
    private let timedOut: @Sendable (Int) -> SourceOutcome
    private let finishedOne: @Sendable (Int, SourceOutcome, TimeInterval) -> Void
    private let state: Mutex<State>

    /// - Parameters:
    ///   - timedOut: the outcome recorded for a source whose thread is abandoned.
    ///   - finishedOne: called once per source as it is recorded, with the seconds it took.
    ///   - order: the order to start sources in (default: as given); outcomes stay in source order.
    init(count: Int, threads: Int, timeout: TimeInterval, grace: TimeInterval = 1, order: [Int]? = nil,
         work: @escaping Work, timedOut: @escaping @Sendable (Int) -> SourceOutcome,
         finishedOne: @escaping @Sendable (Int, SourceOutcome, TimeInterval) -> Void) {
        self.count = count
        self.order = order.flatMap { $0.sorted() == Array(0..<count) ? $0 : nil } ?? Array(0..<count)
        self.threads = max(1, min(threads, count))
        self.timeout = timeout
        self.grace = grace
        self.work = work
        self.timedOut = timedOut
        self.finishedOne = finishedOne
        state = Mutex(State(outcomes: Array(repeating: nil, count: count)))
    }

    /// Runs every source and returns their outcomes in source order.
    func run() async -> [SourceOutcome] {
        guard count > 0 else { return [] }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock { $0.continuation = continuation }
            for _ in 0..<threads { startWorker() }
            startWatchdog()
        }
        return state.withLock { $0.outcomes.compactMap { $0 } }
    }

    private func startWorker() {
        let id = state.withLock { state -> Int in
            defer { state.nextWorker += 1 }
            return state.nextWorker
        }
        let thread = Thread { [self] in workerLoop(id) }
        // libvips' decoders recurse; the default secondary-thread stack is small.
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func workerLoop(_ id: Int) {
        while true {
            let claimed = state.withLock { state -> (Int, RenderCancellation)? in
                guard state.next < count else { return nil }
                let index = order[state.next]
                state.next += 1
                let cancellation = RenderCancellation()
                state.running[id] = Running(index: index, started: Date(), cancellation: cancellation)
                return (index, cancellation)
            }
            guard let (index, cancellation) = claimed else { return }
            let started = Date()
            let outcome = work(index, cancellation)
            let kept = state.withLock { state -> Bool in
                let abandoned = state.running.removeValue(forKey: id)?.abandoned ?? true
                if abandoned { return false }
                state.outcomes[index] = outcome
                state.finished += 1
                return true
            }
            // An abandoned thread's result was already recorded as a timeout; it stops here.
            guard kept else { return }
            finishedOne(index, outcome, Date().timeIntervalSince(started))
            resumeIfDone()
        }
    }

    private func startWatchdog() {
        let thread = Thread { [self] in
            while !isDone() {
                Thread.sleep(forTimeInterval: 0.02)
                watch()
            }
        }
        thread.start()
    }

    private func watch() {
        let now = Date()
        var abandonedIndices: [(index: Int, seconds: TimeInterval)] = []
        state.withLock { state in
            for (id, running) in state.running where !running.abandoned {
                let elapsed = now.timeIntervalSince(running.started)
                if elapsed > timeout { running.cancellation.cancel() }
                if elapsed > timeout + grace {
                    state.running[id]?.abandoned = true
                    abandonedIndices.append((running.index, elapsed))
                }
            }
        }
        for (index, seconds) in abandonedIndices {
            let outcome = timedOut(index)
            state.withLock { state in
                state.outcomes[index] = outcome
                state.finished += 1
            }
            finishedOne(index, outcome, seconds)
            startWorker()
            resumeIfDone()
        }
    }

    private func isDone() -> Bool { state.withLock { $0.finished >= count } }

    private func resumeIfDone() {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.finished >= count else { return nil }
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}
