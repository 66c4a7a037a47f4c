import Foundation
import Imaging
import Synchronization

/// Runs one job's sources on a fixed number of dedicated threads (off Swift's cooperative
/// pool), with a watchdog that enforces the per-source time limit.
///
/// Sources start in the given order, except that one whose decoder would hold more whole-image
/// memory than the `DecodeBudget` has left waits, and the next sources that stream (within a
/// look-ahead of `lookahead`) start first: two 100 MB progressive JPEGs are not decoded at
/// once while baseline JPEGs keep the other cores busy. No source that holds memory passes a
/// waiting one, so it starts as soon as the running ones have made room.
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
        var footprint: Int
        var abandoned = false
    }

    private struct State {
        /// Sources not started yet, in start order.
        var pending: [Int]
        var footprints: [Int: Int] = [:]
        var budget: DecodeBudget
        /// Counts releases of budget, so a worker waiting for one sees it happened.
        var releases = 0
        var outcomes: [SourceOutcome?]
        var finished = 0
        var running: [Int: Running] = [:]
        var nextWorker = 0
        var continuation: CheckedContinuation<Void, Never>?
    }

    private let count: Int
    private let threads: Int
    private let timeout: TimeInterval
    private let grace: TimeInterval
    private let work: Work
    private let timedOut: @Sendable (Int) -> SourceOutcome
    private let finishedOne: @Sendable (Int, SourceOutcome, TimeInterval) -> Void
    private let footprint: @Sendable (Int) -> Int
    private let state: Mutex<State>
    /// Held while `State.releases` changes, so a worker that waits on it misses no release.
    private let released = NSCondition()
    /// How far past a source that does not fit the budget a worker looks for one that does.
    static let lookahead = 32

    /// - Parameters:
    ///   - timedOut: the outcome recorded for a source whose thread is abandoned.
    ///   - finishedOne: called once per source as it is recorded, with the seconds it took.
    ///   - order: the order to start sources in (default: as given); outcomes stay in source order.
    ///   - decodeBudget: bytes of whole-image decoder memory the running sources may hold together.
    ///   - footprint: those bytes for a source (read once, when it is near the front of the queue).
    init(count: Int, threads: Int, timeout: TimeInterval, grace: TimeInterval = 1, order: [Int]? = nil,
         decodeBudget: Int = .max, footprint: @escaping @Sendable (Int) -> Int = { _ in 0 },
         work: @escaping Work, timedOut: @escaping @Sendable (Int) -> SourceOutcome,
         finishedOne: @escaping @Sendable (Int, SourceOutcome, TimeInterval) -> Void) {
        self.count = count
        let order = order.flatMap { $0.sorted() == Array(0..<count) ? $0 : nil } ?? Array(0..<count)
        self.footprint = footprint
        self.threads = max(1, min(threads, count))
        self.timeout = timeout
        self.grace = grace
        self.work = work
        self.timedOut = timedOut
        self.finishedOne = finishedOne
        state = Mutex(State(pending: order, budget: DecodeBudget(limit: decodeBudget),
                            outcomes: Array(repeating: nil, count: count)))
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

    private enum Claim {
        case source(Int, RenderCancellation)
        /// Nothing near the front fits the budget: wait for a release after the given count.
        case wait(releases: Int)
        case none
    }

    private func workerLoop(_ id: Int) {
        while true {
            let claim = claimNext(worker: id)
            guard case .source(let index, let cancellation) = claim else {
                if case .wait(let releases) = claim { waitForRelease(after: releases); continue }
                return
            }
            let started = Date()
            let outcome = work(index, cancellation)
            let kept = changingBudget { state -> Bool in
                guard let running = state.running.removeValue(forKey: id), !running.abandoned else { return false }
                state.budget.release(running.footprint)
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

    /// The first source near the front of the queue that the budget admits.
    private func claimNext(worker id: Int) -> Claim {
        // Footprints read files: outside the lock, once per source.
        let unknown = state.withLock { state in state.pending.prefix(Self.lookahead).filter { state.footprints[$0] == nil } }
        for index in unknown {
            let bytes = footprint(index)
            state.withLock { $0.footprints[index] = bytes }
        }
        return state.withLock { state -> Claim in
            guard !state.pending.isEmpty else { return .none }
            // Behind a source that waits for budget only streaming ones may pass it: others that
            // fit beside the running ones would keep it waiting until the end of the job.
            var waiting = false
            for (position, index) in state.pending.prefix(Self.lookahead).enumerated() {
                let bytes = state.footprints[index] ?? 0
                guard !(waiting && bytes > 0), state.budget.admit(bytes) else {
                    waiting = true
                    continue
                }
                state.pending.remove(at: position)
                let cancellation = RenderCancellation()
                state.running[id] = Running(index: index, started: Date(), cancellation: cancellation, footprint: bytes)
                return .source(index, cancellation)
            }
            return .wait(releases: state.releases)
        }
    }

    /// Changes the state where budget may be released, and wakes the workers waiting for it.
    private func changingBudget<Result>(_ change: (inout State) -> Result) -> Result {
        released.lock()
        defer { released.broadcast(); released.unlock() }
        return state.withLock { state in
            state.releases += 1
            return change(&state)
        }
    }

    private func waitForRelease(after releases: Int) {
        released.lock()
        defer { released.unlock() }
        while state.withLock({ $0.releases == releases }) {
            _ = released.wait(until: Date().addingTimeInterval(1))
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
            // The abandoned thread may still hold its memory, but the job must go on.
            changingBudget { state in
                if let running = state.running.values.first(where: { $0.index == index }) { state.budget.release(running.footprint) }
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
