import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// A real HTTP server on 127.0.0.1 that answers from a script and records every request.
final class ScriptedServer: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String] = [:]
        var delay: Double = 0
        var body: [UInt8] = []
    }

    struct Recorded: Sendable {
        var headers: [String: String]
        var bodyFile: String
        var receivedAt: Date
    }

    private let script: Mutex<[Answer]>
    private let recorded = Mutex<[Recorded]>([])
    private let folder: String
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(_ answers: [Answer]) {
        script = Mutex(answers)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("scripted-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        task.withLock { $0?.cancel() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    var requests: [Recorded] { recorded.withLock { $0 } }

    /// Replaces the answers still to give.
    func replaceScript(_ answers: [Answer]) { script.withLock { $0 = answers } }

    /// Starts the server and returns its URL.
    func start() async throws -> String {
        let router = Router()
        router.post("/**") { request, _ -> Response in try await self.answer(request) }
        router.post("/") { request, _ -> Response in try await self.answer(request) }
        router.get("/**") { request, _ -> Response in try await self.answer(request) }
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in continuation.resume(returning: channel.localAddress?.port ?? 0) })
            task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        }
        return "http://127.0.0.1:\(port)/hook"
    }

    private func answer(_ request: Request) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let file = "\(folder)/\(UUID().uuidString)"
        var data = Data()
        for try await buffer in request.body { data.append(contentsOf: buffer.readableBytesView) }
        try data.write(to: URL(fileURLWithPath: file))
        recorded.withLock { $0.append(Recorded(headers: headers, bodyFile: file, receivedAt: Date())) }
        let next = script.withLock { $0.isEmpty ? Answer(status: 200) : $0.removeFirst() }
        if next.delay > 0 { try await Task.sleep(for: .milliseconds(Int(next.delay * 1000))) }
        var fields = HTTPFields()
        for (name, value) in next.headers { fields[HTTPField.Name(name)!] = value }
        return Response(status: HTTPResponse.Status(code: next.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: next.body)))
    }
}

/// A program running in the background (a receiver), whose output lines can be awaited.
final class BackgroundProcess: @unchecked Sendable {
    // Unchecked in tests only: `process` is set once in init and then only read.
    private final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    private let process: Process
    private let buffer = Lines()

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        self.process = process
        let buffer = self.buffer
        let reader = pipe.fileHandleForReading
        try process.run()
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    buffer.lines.withLock { $0.append(line) }
                }
            }
        }
    }

    deinit {
        // SIGKILL: a test process that ran a ServiceLifecycle service ignores SIGTERM, and its
        // children inherit that.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var output: [String] { buffer.lines.withLock { $0 } }

    /// The first line containing `text`, waiting at most `timeout` seconds.
    func line(containing text: String, timeout: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.first(where: { $0.contains(text) }) { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no line containing \"\(text)\" within \(timeout) s; got \(output)")
        throw CancellationError()
    }

    /// The port in a "Receiving on http://127.0.0.1:PORT/ …" line.
    func receivingPort() async throws -> Int {
        let line = try await line(containing: "Receiving on http://127.0.0.1:")
        let afterColon = line.split(separator: "127.0.0.1:")[1]
        return Int(afterColon.prefix { $0.isNumber }) ?? 0
    }
}
