import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `pipeline-server serve` as a separate process on a loopback port, over a real data folder,
/// so tests can kill it (-9 included) and start it again on the same data.
final class ServerProcess: @unchecked Sendable {
    // Unchecked in tests only: `process` and `port` change only in start(), called by one test.
    let data: String
    let arguments: [String]
    /// Added to the test process's environment.
    let environment: [String: String]
    private(set) var port = 0
    private var process: Process?
    private let log: String

    init(data: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.data = data
        self.arguments = arguments
        self.environment = environment
        // Its own log, even when processes share a data folder (several on one PostgreSQL).
        log = "\(data).\(UUID().uuidString.prefix(8)).log"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    }

    deinit { stop(SIGKILL) }

    static func executable() throws -> String {
        let beside = URL(fileURLWithPath: try pipelineExecutable()).deletingLastPathComponent().appendingPathComponent("pipeline-server").path
        return try #require(FileManager.default.isExecutableFile(atPath: beside) ? beside : nil, "build pipeline-server first")
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The server's log so far.
    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Starts the server (on the port it had before, if any) and waits until it listens. A
    /// process that ends first is an issue, unless `mayExit` (then this returns, and `pid` is nil).
    func start(mayExit: Bool = false) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.arguments = ["serve", "--data", data, "--port", String(port), "--allow-private-addresses"] + arguments
        if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        process.standardOutput = handle
        process.standardError = handle
        let before = output.count
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(180)
        let worker = arguments.contains("worker")
        while Date() < deadline {
            let text = output
            if text.count > before, let match = text.dropFirst(before).firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/) {
                port = Int(match.1) ?? 0
                return
            }
            // A worker process serves no HTTP: it says it is working.
            if worker, text.count > before, text.dropFirst(before).contains("[PipelineServer] working") { return }
            if !process.isRunning {
                if mayExit { return }
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not start: \(output)")
        throw CancellationError()
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Int32? {
        guard let process, process.isRunning else { return process?.terminationStatus }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The process id while it runs.
    var pid: Int32? { process?.isRunning == true ? process?.processIdentifier : nil }

    /// `--database URL` when the server was started with one.
    private var databaseArguments: [String] {
        guard let index = arguments.firstIndex(of: "--database"), index + 1 < arguments.count else { return [] }
        return ["--database", arguments[index + 1]]
    }

    /// Makes an API key (`pipeline-server keys create`) for `account`.
    func createKey(account: String = "default") async throws -> (key: String, secret: String) {
        let result = try await runProcess(try Self.executable(), ["keys", "create", "--data", data, "--account", account] + databaseArguments)
        let lines = result.stdout.split(separator: "\n")
        let key = lines.first { $0.hasPrefix("api key: ") }.map { String($0.dropFirst(9)) } ?? ""
        let secret = lines.first { $0.hasPrefix("webhook secret: ") }.map { String($0.dropFirst(16)) } ?? ""
        return (key, secret)
    }
}
