import Foundation
import PipelineTestSupport

/// Runs a command-line tool (qpdf, poppler's pdfinfo, pdftotext, pdftoppm) to its end.
enum Tool {
    struct Output {
        var status: Int32
        var stdout: Data
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        let folder = try Scratch.folder("tool")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = "\(folder)/out"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        _ = try await ProcessExit.run(process, timeout: 120)
        try out.close()
        return Output(status: process.terminationStatus, stdout: FileManager.default.contents(atPath: outPath) ?? Data())
    }
}
