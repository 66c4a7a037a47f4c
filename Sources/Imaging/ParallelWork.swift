import Foundation
import Synchronization

/// Runs `count` pieces of blocking work on at most `threads` dedicated threads and waits for
/// them; the first error is rethrown once all have stopped (the rest skip their work).
enum ParallelWork {
    /// `body` may read libvips images it captures from several threads at once: they are
    /// computed (in memory) before this is called, nothing mutates them meanwhile, and libvips
    /// allows concurrent reads. They outlive the call, which waits for every thread.
    ///
    /// Pieces are taken in order; with `fromBothEnds`, pieces ordered largest first are taken
    /// from both ends instead: the first thread works down from the largest, the others up from
    /// the smallest, until they meet, so the largest are not made side by side while smaller ones
    /// are left. For JPEG outputs of one photo's planes, whose cost and memory follow their
    /// pixels: an encoder holds its whole image's coefficients (6.75 MB for 2000 px) and each
    /// thread's allocator keeps its high-water mark, so twenty widths peaked about 3 MB higher in
    /// one order. Where outputs differ in format (WebP, AVIF) pixels do not predict their time,
    /// and the threads finished apart (responsive-web 4 % slower): those keep one order.
    static func run(count: Int, threads: Int, fromBothEnds: Bool = false, _ body: @escaping (Int) throws -> Void) throws {
        let state = Mutex<(front: Int, back: Int, error: (any Error)?)>((0, count, nil))
        let group = DispatchGroup()
        // The closure is used only by threads this call starts and waits for.
        let work = UncheckedSendable(body)
        for number in 0..<max(1, min(threads, count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let index = state.withLock { state -> Int? in
                        guard state.error == nil, state.front < state.back else { return nil }
                        if number == 0 || !fromBothEnds {
                            defer { state.front += 1 }
                            return state.front
                        }
                        state.back -= 1
                        return state.back
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
