import Foundation
import Synchronization
import Testing

/// A server whose task is cancelled (its service group cancelled, not shut down gracefully) stops
/// all its services: before, the job worker, the deliverer and the sweeper polled on in a tight
/// loop, since their waits end at once in a cancelled task. (The bound is for a loop that never
/// ends, not a speed: alone the stop takes 0.15 s.)
@Suite struct CancellationTests {
    final class Flag: Sendable {
        let raised = Mutex(false)
    }

    @Test func aCancelledServerStopsEveryServiceWithinSeconds() async throws {
        let server = try await InProcessServer.start()
        let stopped = Flag()
        Task {
            await server.stop()
            stopped.raised.withLock { $0 = true }
        }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !stopped.raised.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(stopped.raised.withLock { $0 }, "the server's services were still running 30 s after its task was cancelled")
    }
}
