import Foundation
import Logging
import PipelineCore
@testable import PipelineServer
import PipelineStore
import Testing

/// `PipelineServerApp` running inside the test process on 127.0.0.1 port 0, over a temporary
/// data folder of its own (SQLite), so that contract tests run in parallel without a process
/// start each. Subprocess tests (kill -9, SIGTERM, restarts, scale-out) stay in PipelineRuntimeTests.
final class InProcessServer: Sendable {
    let env: ServerEnvironment
    let baseURL: String
    let folder: String
    private let task: Task<Void, any Error>

    /// Starts a server with `configure` applied to its settings; returns once it listens.
    static func start(_ configure: (inout ServerSettings) -> Void = { _ in }) async throws -> InProcessServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)").path
        var settings = ServerSettings()
        settings.dataFolder = folder
        settings.port = 0
        settings.pollSeconds = 0.1
        configure(&settings)
        var logger = Logger(label: "contract")
        logger.logLevel = .critical
        let env = try await ServerEnvironment.open(settings, logger: logger)
        let app = PipelineServerApp(env: env)
        var task: Task<Void, any Error>?
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            task = Task { try await app.run { port in continuation.resume(returning: port) } }
        }
        return InProcessServer(env: env, baseURL: "http://127.0.0.1:\(port)", folder: folder, task: task!)
    }

    private init(env: ServerEnvironment, baseURL: String, folder: String, task: Task<Void, any Error>) {
        self.env = env
        self.baseURL = baseURL
        self.folder = folder
        self.task = task
    }

    /// Cancelling the app's task cancels its service group: the HTTP server, the workers, the
    /// deliverer and the sweeper stop (their loops end on cancellation as on a graceful shutdown).
    deinit {
        task.cancel()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the server and waits until every one of its services has.
    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// A new account with a key; returns the key.
    func key(account name: String) async throws -> String {
        let account = try await APIKeys.account(named: name, store: env.store)
        return try await APIKeys.create(for: account, store: env.store).0
    }

    /// Every file under the blob folder but the temporary one.
    var storedBlobs: [String] {
        let root = "\(folder)/blobs"
        return (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { path in
            var folder: ObjCBool = false
            return !path.hasPrefix(".tmp") && FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &folder) && !folder.boolValue
        }
    }
}
