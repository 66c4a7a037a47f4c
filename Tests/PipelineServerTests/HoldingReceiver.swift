import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A postback receiver on 127.0.0.1 that holds every request until the test calls `release()`
/// (at most `longest` seconds), then answers 200, and counts the POSTs it received per
/// `webhook-id`: a delivery stays in flight for as long as the test needs, however slow the
/// machine, while it shuts a deliverer down beside it.
final class HoldingReceiver: Sendable {
    let longest: Double
    private let received = Mutex<[String]>([])
    private let bodies = Mutex<[Data]>([])
    private let released = Mutex(false)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(longest: Double = 120) { self.longest = longest }

    /// Answers every held request, and every later one at once.
    func release() { released.withLock { $0 = true } }

    deinit { task.withLock { $0?.cancel() } }

    /// The `webhook-id` of every POST so far, in arrival order.
    var webhookIDs: [String] { received.withLock { $0 } }

    func posts(of webhookID: String) -> Int { webhookIDs.filter { $0 == webhookID }.count }

    /// The body of every POST so far, in arrival order.
    var receivedBodies: [Data] { bodies.withLock { $0 } }

    /// Starts listening; returns the URL to post to.
    func start() async throws -> String {
        let router = Router()
        router.post("/**") { request, _ -> Response in
            var body = Data()
            for try await chunk in request.body { body.append(contentsOf: chunk.readableBytesView) }
            self.bodies.withLock { $0.append(body) }
            let id = request.headers[HTTPField.Name("webhook-id")!] ?? ""
            self.received.withLock { $0.append(id) }
            let deadline = Date().addingTimeInterval(self.longest)
            while !self.released.withLock({ $0 }), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            return Response(status: .ok)
        }
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in continuation.resume(returning: channel.localAddress?.port ?? 0) })
            task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        }
        return "http://127.0.0.1:\(port)/hook"
    }

    /// Waits until `count` POSTs have arrived (at most `timeout` seconds); false if they did not.
    func waitForPosts(_ count: Int, timeout: Double = 30) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if webhookIDs.count >= count { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
