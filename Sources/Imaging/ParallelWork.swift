import Foundation
import Synchronization

/// Runs `count` pieces of blocking work on at most `threads` dedicated threads and waits for
/// them; the first error is rethrown once all have stopped (the rest skip their work).
enum ParallelWork {
    /// `body` may read libvips images it captures from several threads at once: they are
    /// computed (in memory) before this is called, nothing mutates them meanwhile, and libvips
    /// allows concurrent reads. They outlive the call, which waits for every thread.
    static func run(count: Int, threads: Int, _ body: @escaping (Int) throws -> Void) throws {
        let state = Mutex<(next: Int, error: (any Error)?)>((0, nil))
        let group = DispatchGroup()
        // The closure is used only by threads this call starts and waits for.
        let work = UncheckedSendable(body)
        for _ in 0..<max(1, min(threads, count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let index = state.withLock { state -> Int? in
                        guard state.error == nil, state.next < count else { return nil }
                        defer { state.next += 1 }
                        return state.next
                    }
                    guard let index else { return }
                    do {
                        try work.value(index)
                    } catch {
                        state.withLock { if $0.error == nil { $0.error = error } }
                    }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        if let error = state.withLock({ $0.error }) { throw error }
    }
}

/// Carries a value across a thread boundary where the caller guarantees it is used safely.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
