import Foundation
import Packaging
import PipelineCore
import PipelineTestSupport
import Testing

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The three sample photos, as a folder scan of `Samples/` lists them (the folder also holds
/// `brochure.pdf`, which a scan would add as a fourth source).
let samplePhotos = ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"].map { "\(repositoryRoot)/Samples/\($0)" }

/// A temporary folder removed when the value is dropped.
final class TemporaryFolder {
    let path: String

    init(_ label: String = "test") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Copies files into the folder (optionally below `subfolder`), returning their new paths.
    @discardableResult
    func copy(_ files: [String], into subfolder: String? = nil, renaming: [String]? = nil) throws -> [String] {
        let target = subfolder.map { "\(path)/\($0)" } ?? path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        return try files.enumerated().map { index, file in
            let name = renaming?[index] ?? (file as NSString).lastPathComponent
            let destination = "\(target)/\(name)"
            try FileManager.default.copyItem(atPath: file, toPath: destination)
            return destination
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: "\(path)/\(name)"))
    }
}

/// The result of running a program.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, waiting at most `timeout` seconds.
func runProcess(_ executable: String, _ arguments: [String], timeout: TimeInterval = 300) async throws -> ProcessOutput {
    try await runProcessWithEnvironment(executable, arguments, [:], timeout: timeout)
}

/// Runs `executable` with `arguments` and extra environment variables. The wait suspends (the
/// process's termination handler resumes it): a test blocking a thread of the cooperative pool
/// (two on this machine) for a whole `pipeline run` starved every other test of the process,
/// and an in-process server took 40 s to start and more than 10 s to stop.
func runProcessWithEnvironment(_ executable: String, _ arguments: [String], _ environment: [String: String],
                               timeout: TimeInterval = 300) async throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let folder = try TemporaryFolder("process")
    let outPath = "\(folder.path)/out", errPath = "\(folder.path)/err"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    let timedOut = try await ProcessExit.run(process, timeout: timeout)
    if timedOut { Issue.record("\(executable) \(arguments) did not finish in \(timeout) s") }
    try out.close()
    try err.close()
    return ProcessOutput(status: process.terminationStatus,
                         stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                         stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
}

/// The `pipeline` executable built beside the tests.
func pipelineExecutable() throws -> String {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pipeline").path,
        "\(repositoryRoot)/.build/debug/pipeline",
    ]
    return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build the pipeline executable first")
}

/// Checks a result ZIP the way a user would: every output decodes with `vipsheader` at the
/// manifest's size and format, and every sha256 matches `sha256sum`'s.
func verifyArchive(_ path: String) async throws -> Manifest {
    let reader = try ZipArchiveReader(path: path)
    let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
    #expect(reader.entryNames.first == "configuration/\(manifest.configId).json")
    #expect(reader.entryNames.dropFirst().first == "configuration/manifest.json")
    #expect(Array(reader.entryNames.dropFirst(2)) == manifest.outputs.map(\.path))
    let folder = try TemporaryFolder("verify")
    let loaders: [ImageFormat: String] = [.jpeg: "jpegload", .png: "pngload", .webp: "webpload", .avif: "heifload", .gif: "gifload", .tiff: "tiffload"]
    for (index, output) in manifest.outputs.enumerated() {
        let bytes = try reader.read(output.path)
        #expect(bytes.count == output.bytes, "\(output.path)")
        #expect(try reader.isStored(output.path))
        let file = "\(folder.path)/\(index).\(output.format.fileExtension)"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let header = try await runProcess("/usr/bin/vipsheader", [file]).stdout
        #expect(header.contains(": \(output.width)x\(output.height) "), "\(output.path): \(header)")
        #expect(header.contains(loaders[output.format] ?? "?"), "\(output.path): \(header)")
        let sum = try await runProcess("/usr/bin/sha256sum", [file]).stdout.split(separator: " ").first.map(String.init)
        #expect(sum == output.sha256, "\(output.path)")
    }
    return manifest
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
