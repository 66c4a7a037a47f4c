import Delivery
import Foundation
import PipelineTestSupport
import PipelineReceiver
import Synchronization
import Testing

/// One account's view of a running `pipeline-server`: JSON calls and uploads with its key.
struct ServerClient: Sendable {
    var baseURL: String
    var key: String

    init(_ server: ServerProcess, key: String) {
        baseURL = server.baseURL
        self.key = key
    }

    func get(_ path: String) async throws -> HTTPExchange {
        try await HTTPExchange.send("GET", baseURL + path, key: key)
    }

    func delete(_ path: String) async throws -> HTTPExchange {
        try await HTTPExchange.send("DELETE", baseURL + path, key: key)
    }

    func post(_ path: String, json: String) async throws -> HTTPExchange {
        try await HTTPExchange.send("POST", baseURL + path, key: key, contentType: "application/json", body: Data(json.utf8))
    }

    /// Uploads `files` (each a path) against `configId`, with more form fields.
    func upload(_ configId: String, files: [String], fields: [(String, String)] = []) async throws -> HTTPExchange {
        let parts = try files.map { ("sources", URL(fileURLWithPath: $0).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: $0))) }
        let (body, type) = HTTPExchange.multipart(fields: [("configId", configId)] + fields, files: parts)
        return try await HTTPExchange.send("POST", baseURL + "/v1/jobs", key: key, contentType: type, body: body)
    }

    /// Polls `GET /v1/jobs/ID` until `done` holds, at most `timeout` seconds; records an issue and
    /// throws when it does not.
    @discardableResult
    func waitForJob(_ jobID: String, timeout: Double = 300, until done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try await get("/v1/jobs/\(jobID)").json
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("job \(jobID) did not get there in \(timeout) s: \(last)")
        throw CancellationError()
    }

    /// Polls the job until its status is `status`.
    @discardableResult
    func waitForJob(_ jobID: String, status: String, timeout: Double = 300) async throws -> [String: Any] {
        try await waitForJob(jobID, timeout: timeout) { $0["status"] as? String == status }
    }

    /// `GET /v1/account`'s `usage.<period>.<field>` (`period`: today or month).
    func usage(_ period: String, _ field: String, of summary: String = "usage") async throws -> Int? {
        let account = try await get("/v1/account").json
        return ((account[summary] as? [String: Any])?[period] as? [String: Any])?[field] as? Int
    }
}

/// Runs `pipeline-server ARGUMENTS` (plans, accounts, keys) on a data folder.
@discardableResult
func serverCommand(_ arguments: [String]) async throws -> ProcessOutput {
    try await runProcess(try ServerProcess.executable(), arguments)
}

/// A postback receiver on a loopback port that verifies with `secret` and unpacks into `out`.
func startReceiver(out: String, secret: String) async throws -> (url: String, task: Task<Void, any Error>) {
    let receiver = PostbackReceiver(secret: try WebhookSecret(secret), outputFolder: out, port: 0) { _ in }
    let holder = Mutex<Task<Void, any Error>?>(nil)
    let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
        holder.withLock { $0 = Task { try await receiver.run { port in continuation.resume(returning: port) } } }
    }
    return ("http://127.0.0.1:\(port)/hook", holder.withLock { $0! })
}

/// `data` in a new file of `folder`; returns its path.
func writeTemporary(_ data: Data, _ folder: TemporaryFolder) throws -> String {
    let path = "\(folder.path)/\(UUID().uuidString)"
    try data.write(to: URL(fileURLWithPath: path))
    return path
}
