import Foundation
import Packaging
import PipelineCore
@testable import PipelineRuntime
import Synchronization
import Testing

@Suite(.serialized) struct JobRunnerTests {
    let samples = ["kleiber_6028x3391.jpg", "fallenleaf_2560x1600.jpg", "arc-colors-transparent_2140x1200.png"].map { "\(repositoryRoot)/Samples/\($0)" }

    func config(_ json: String) throws -> PipelineConfig {
        try ConfigurationParser().parse(Data(json.utf8))
    }

    func run(_ config: PipelineConfig, _ sources: [SourceFile], jobID: String = "test-job", archive: String, concurrency: Int = 2) async throws -> JobResult {
        try await JobRunner().run(JobRequest(config: config, configID: ConfigID("test")!, jobID: JobID(jobID)!, sources: sources,
                                             archivePath: archive, concurrency: concurrency))
    }

    @Test func twoLargeProgressiveJPEGsTakeTurnsWithinTheDecodeBudget() async throws {
        // Two 20 MP progressive copies (54 MB of coefficients each) on two workers with a budget
        // of 64 MiB: the second may start only when the first has finished.
        let folder = try TemporaryFolder("runner-budget")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/in", withIntermediateDirectories: true)
        for name in ["a", "b"] {
            let made = try await runProcess("/usr/bin/vips", ["copy", samples[0], "\(folder.path)/in/\(name).jpg[interlace,Q=70]"])
            #expect(made.status == 0, "vips copy: \(made.stderr)")
        }
        let sources = ["a", "b"].map { SourceFile(path: "\(folder.path)/in/\($0).jpg", name: "\($0).jpg") }
        #expect(sources.allSatisfy { $0.wholeImageDecodeBytes > 50_000_000 })
        var request = JobRequest(config: try config(#"{"features": [{"type": "resize", "outputs": [{"width": 640}]}]}"#),
                                 configID: ConfigID("test")!, jobID: JobID("budget")!, sources: sources,
                                 archivePath: "\(folder.path)/out.zip", concurrency: 2)
        request.decodeBudget = 64 << 20
        let spans = Mutex<[(start: Date, end: Date)]>([])
        let result = try await JobRunner().run(request) { event in
            if case .sourceFinished(_, _, _, let seconds) = event {
                let end = Date()
                spans.withLock { $0.append((end.addingTimeInterval(-seconds), end)) }
            }
        }
        #expect(result.status == .succeeded)
        let recorded = spans.withLock { $0 }.sorted { $0.end < $1.end }
        #expect(recorded.count == 2)
        // Each decode takes a tenth of a second or more; started together they would overlap by all of it.
        if recorded.count == 2 { #expect(recorded[1].start >= recorded[0].end.addingTimeInterval(-0.02)) }
    }

    @Test func everySourceGivesEveryLeafAndTheManifestMatchesTheFiles() async throws {
        let folder = try TemporaryFolder("runner")
        let config = try config(#"{"features": [{"type": "resize", "outputs": [{"width": 640}, {"width": 3000}, {"template": "instagram-square"}]}, {"type": "convert", "outputs": [{"format": "webp"}, {"format": "jpeg"}]}]}"#)
        let sources = samples.map { SourceFile(path: $0, name: ($0 as NSString).lastPathComponent) }
        let result = try await run(config, sources, archive: "\(folder.path)/out.zip")
        #expect(result.status == .succeeded)
        let manifest = try await verifyArchive(result.archivePath)
        #expect(manifest.outputs.count == 3 * 6)
        #expect(manifest.jobId.rawValue == "test-job")
        #expect(manifest.failures.isEmpty)
        #expect(manifest.plan.declaredWork == 3 + 6)
        #expect(manifest.outputs.contains { $0.path == "output/640w/webp/kleiber_6028x3391.webp" && $0.width == 640 && $0.height == 360 })
        // 3000w of a 2560-wide source is the source's size: made once, written under its own path.
        let alias = try #require(manifest.outputs.first { $0.path == "output/3000w/jpeg/fallenleaf_2560x1600.jpg" })
        #expect(alias.width == 2560)
        #expect(alias.aliasOf == nil)
        #expect(manifest.sources.map(\.decodedWidth) == [3000, 2560, 2140])
        // What each output saved against its source's file.
        for source in manifest.sources {
            let file = try #require(sources.first { $0.name == source.source })
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
            #expect(source.sourceBytes == size)
            for output in manifest.outputs where output.source == source.source {
                #expect(output.savedBytes == size - output.bytes, "\(output.path)")
            }
        }
        // The normalised configuration is in the archive and means the same configuration.
        let reader = try ZipArchiveReader(path: result.archivePath)
        var expected = config
        expected.id = ConfigID("test")
        #expect(try ConfigurationParser().parse(Data(try reader.read("configuration/test.json"))) == expected)
    }

    @Test func theSameJobGivesAByteIdenticalZIP() async throws {
        let folder = try TemporaryFolder("repro")
        let config = try config(#"{"features": [{"type": "resize", "outputs": [{"width": 300}, {"percent": 10}]}, {"type": "compress", "outputs": [{"quality": 70}, {"lossless": true}]}], "output": {"format": "webp"}}"#)
        let sources = samples.map { SourceFile(path: $0, name: ($0 as NSString).lastPathComponent) }
        let first = try await run(config, sources, archive: "\(folder.path)/1.zip", concurrency: 2)
        let second = try await run(config, sources, archive: "\(folder.path)/2.zip", concurrency: 1)
        let a = try Data(contentsOf: URL(fileURLWithPath: first.archivePath))
        let b = try Data(contentsOf: URL(fileURLWithPath: second.archivePath))
        #expect(a == b)
        let other = try await run(config, sources, jobID: "another-job", archive: "\(folder.path)/3.zip")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other.archivePath)) != a)
    }

    @Test func outputsMadeInParallelAreTheSameBytesAsOutputsMadeInOrder() async throws {
        let folder = try TemporaryFolder("parallel")
        let sizes = (1...12).map { #"{"width": \#($0 * 150)}"# }.joined(separator: ",")
        let config = try config(#"{"features": [{"type": "grayscale"}, {"type": "resize", "outputs": [\#(sizes)]}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "webp"}]}]}"#)
        let one = [SourceFile(path: samples[1], name: "fallenleaf.jpg")]
        // One source and two workers: its outputs are spread over both threads.
        let parallel = try await run(config, one, archive: "\(folder.path)/p.zip", concurrency: 2)
        let ordered = try await run(config, one, archive: "\(folder.path)/o.zip", concurrency: 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: parallel.archivePath)) == Data(contentsOf: URL(fileURLWithPath: ordered.archivePath)))
        #expect(parallel.manifest.outputs.count == 24)
        _ = try await verifyArchive(parallel.archivePath)
    }

    @Test func aBrokenSourceFailsAloneAndIsAccountedFor() async throws {
        let folder = try TemporaryFolder("broken")
        try folder.copy([samples[1]])
        try folder.write("empty.jpg", [])
        try folder.write("noise.png", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let truncated = try Data(contentsOf: URL(fileURLWithPath: samples[1])).prefix(20_000)
        try folder.write("truncated.jpg", [UInt8](truncated))
        let sources = try SourceDiscovery.find([folder.path])
        #expect(sources.map(\.name) == ["empty.jpg", "fallenleaf_2560x1600.jpg", "noise.png", "truncated.jpg"])
        let config = try config(#"{"features": [{"type": "resize", "outputs": [{"width": 200}]}]}"#)
        let before = try leftoverStagingFolders()
        let result = try await run(config, sources, jobID: "broken-job", archive: "\(folder.path)/out.zip")
        #expect(result.status == .partial)
        let manifest = try await verifyArchive(result.archivePath)
        #expect(manifest.sources.map(\.status).filter { $0 == .succeeded }.count >= 1)
        let failures = Dictionary(uniqueKeysWithValues: manifest.failures.map { ($0.source, $0.code) })
        #expect(failures["empty.jpg"] == "EMPTY_FILE")
        #expect(failures["noise.png"] == "UNSUPPORTED_FORMAT")
        #expect(manifest.failures.allSatisfy { $0.message.contains($0.source) })
        #expect(manifest.outputs.map(\.source).contains("fallenleaf_2560x1600.jpg"))
        #expect(try leftoverStagingFolders() == before)
    }

    @Test func sourceNamesAreMadeSafeAndUnique() async throws {
        let folder = try TemporaryFolder("names")
        try folder.copy([samples[1]], into: "a", renaming: ["photo.jpg"])
        try folder.copy([samples[1]], into: "b", renaming: ["photo.jpg"])
        try folder.copy([samples[2]], into: "b", renaming: ["my holiday (1).png"])
        let sources = try SourceDiscovery.find([folder.path])
        #expect(sources.map(\.name) == ["a/photo.jpg", "b/my holiday (1).png", "b/photo.jpg"])
        let config = try config(#"{"features": [{"type": "resize", "outputs": [{"width": 50}]}]}"#)
        let result = try await run(config, sources, archive: "\(folder.path)/out.zip")
        #expect(result.manifest.outputs.map(\.path) == ["output/50w/my_holiday_(1).png", "output/50w/photo-2.jpg", "output/50w/photo.jpg"])
        #expect(result.manifest.sources.map(\.stem) == ["photo", "my_holiday_(1)", "photo-2"])
    }

    @Test func noSourcesIsAFailedJobWithAnArchive() async throws {
        let folder = try TemporaryFolder("none")
        let result = try await run(try config(#"{"features": [{"type": "grayscale"}]}"#), [], archive: "\(folder.path)/out.zip")
        #expect(result.status == .failed)
        #expect(try ZipArchiveReader(path: result.archivePath).entryNames == ["configuration/test.json", "configuration/manifest.json"])
    }

    private func leftoverStagingFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("imagepipeline-broken-job") }
    }
}
