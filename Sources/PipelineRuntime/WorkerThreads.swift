import Foundation
import Synchronization

/// Runs blocking work (libvips) on a fixed number of dedicated threads, off Swift's
/// cooperative pool, and resumes the caller when all of it is done.
enum WorkerThreads {
    /// Calls `body` once for every index in `0..<count`, on at most `threads` threads.
    static func run(threads: Int, count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        guard count > 0 else { return }
        let next = Mutex(0)
        let workers = max(1, min(threads, count))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                let thread = Thread {
                    while true {
                        let index = next.withLock { value -> Int in
                            defer { value += 1 }
                            return value
                        }
                        guard index < count else { break }
                        body(index)
                    }
                    group.leave()
                }
                // libvips' decoders recurse; the default secondary-thread stack is small.
                thread.stackSize = 16 << 20
                thread.start()
            }
            group.notify(queue: .global()) { continuation.resume() }
        }
    }
}
