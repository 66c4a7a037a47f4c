import Foundation
import Packaging
import PipelineCore
import PipelineRuntime
import Testing

/// `pipeline run --isolate`: each source in its own process.
@Suite(.serialized) struct IsolationTests {
    @Test func anIsolatedRunGivesTheSameZIPAsAnInProcessRun() async throws {
        let folder = try TemporaryFolder("isolated")
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"width": 300}, {"percent": 10}]}, {"type": "convert", "outputs": [{"format": "webp"}, {"format": "png"}]}]}"#.utf8))
        let sources = ["fallenleaf_2560x1600.jpg", "arc-colors-transparent_2140x1200.png"].map {
            SourceFile(path: "\(repositoryRoot)/Samples/\($0)", name: $0)
        }
        func run(_ isolation: SourceIsolation?, _ name: String) async throws -> JobResult {
            try await JobRunner().run(JobRequest(config: config, configID: ConfigID("iso")!, jobID: JobID("iso-job")!, sources: sources,
                                                 archivePath: "\(folder.path)/\(name).zip", concurrency: 2, isolation: isolation))
        }
        let isolated = try await run(SourceIsolation(executable: try pipelineExecutable()), "isolated")
        let inProcess = try await run(nil, "in-process")
        #expect(isolated.status == .succeeded, "\(isolated.manifest.failures)")
        #expect(inProcess.status == .succeeded, "\(inProcess.manifest.failures)")
        // Output by output first, so a difference names the file.
        let digests = { (result: JobResult) in result.manifest.outputs.map { "\($0.path) \($0.width)x\($0.height) \($0.bytes) \($0.sha256)" } }
        #expect(digests(isolated) == digests(inProcess))
        // Then entry by entry, so a difference names the entry (and shows a differing manifest).
        let a = try ZipArchiveReader(path: isolated.archivePath), b = try ZipArchiveReader(path: inProcess.archivePath)
        #expect(a.entryNames == b.entryNames)
        for name in a.entryNames where b.entryNames.contains(name) {
            let left = try a.read(name), right = try b.read(name)
            #expect(left == right, "\(name) differs\(name.hasSuffix(".json") ? ":\n\(String(decoding: left, as: UTF8.self))\n---\n\(String(decoding: right, as: UTF8.self))" : "")")
        }
        // Then byte for byte; a difference is shown where it is (every entry's contents agreed in
        // two CI runs where this failed, so the difference was in a header).
        let whole = (try Data(contentsOf: URL(fileURLWithPath: isolated.archivePath)), try Data(contentsOf: URL(fileURLWithPath: inProcess.archivePath)))
        #expect(whole.0 == whole.1, "\(Self.firstDifference(whole.0, whole.1))")
    }

    /// Where two ZIPs first differ: the offset, the entry whose local header or data holds it, and
    /// 32 bytes of each from there in hex.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = [UInt8](a), y = [UInt8](b)
        guard let offset = (0..<min(x.count, y.count)).first(where: { x[$0] != y[$0] }) ?? (x.count != y.count ? min(x.count, y.count) : nil) else { return "equal" }
        var entry = "before the first entry"
        var position = 0
        while position + 30 <= offset, position + 30 <= x.count {
            guard x[position] == 0x50, x[position + 1] == 0x4B, x[position + 2] == 0x03, x[position + 3] == 0x04 else { break }
            let size = Int(x[position + 18]) | Int(x[position + 19]) << 8 | Int(x[position + 20]) << 16 | Int(x[position + 21]) << 24
            let nameLength = Int(x[position + 26]) | Int(x[position + 27]) << 8
            let extraLength = Int(x[position + 28]) | Int(x[position + 29]) << 8
            entry = String(decoding: x[(position + 30)..<min(x.count, position + 30 + nameLength)], as: UTF8.self) + " (local header at \(position))"
            position += 30 + nameLength + extraLength + size
        }
        if position <= offset && entry.hasSuffix(")") { entry += ", or the central directory" }
        let hex = { (bytes: [UInt8]) in bytes[min(offset, bytes.count)..<min(bytes.count, offset + 32)].map { String(format: "%02x", $0) }.joined(separator: " ") }
        return "sizes \(x.count) and \(y.count); first difference at \(offset), in \(entry): \(hex(x)) | \(hex(y))"
    }

    @Test func aCrashingDecoderTakesOnlyItsOwnSourceAndAHangIsKilledAtTheLimit() async throws {
        let folder = try TemporaryFolder("crash")
        try folder.copy(["\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"], into: "in", renaming: ["crash-me.jpg"])
        try folder.copy(["\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg", "\(repositoryRoot)/Samples/kleiber_6028x3391.jpg"], into: "in")
        try folder.write("slow.json", Array(#"{"features": [{"type": "resize", "outputs": [{"percent": 100}, {"percent": 95}, {"percent": 90}]}, {"type": "convert", "outputs": [{"format": "png"}]}]}"#.utf8))
        // The test hook makes the worker for crash-me.jpg abort, as a decoder crash would. The
        // limit leaves the small photo's worker room on CI's loaded cores (at 1.5 s it timed out
        // once, start-up included) while kleiber's three full-size PNGs take 11 s of CPU.
        let result = try await runProcessWithEnvironment(try pipelineExecutable(), [
            "run", "\(folder.path)/slow.json", "\(folder.path)/in", "-o", "\(folder.path)/out.zip", "--isolate", "--timeout", "4",
        ], ["PIPELINE_FAULT_INJECTION_CRASH": "crash-me.jpg"])
        #expect(result.status == 4, "\(result.stdout)")
        let reader = try ZipArchiveReader(path: "\(folder.path)/out.zip")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
        let failures = Dictionary(uniqueKeysWithValues: manifest.failures.map { ($0.source, $0) })
        #expect(failures["crash-me.jpg"]?.code == "PROCESSING_FAILED")
        #expect(failures["crash-me.jpg"]?.message == "crash-me.jpg: the worker process died of signal 6 while decoding it; the file is likely crafted to crash decoders")
        #expect(failures["kleiber_6028x3391.jpg"]?.code == "SOURCE_TIMEOUT")
        #expect(manifest.outputs.map(\.source) == ["small.jpg", "small.jpg", "small.jpg"])
    }
}
