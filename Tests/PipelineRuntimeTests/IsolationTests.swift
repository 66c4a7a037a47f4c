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
        #expect(try Data(contentsOf: URL(fileURLWithPath: isolated.archivePath)) == Data(contentsOf: URL(fileURLWithPath: inProcess.archivePath)))
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
