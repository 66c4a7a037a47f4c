import Foundation
import Imaging
import Packaging
import PipelineCore
import PipelineRuntime
import Testing

/// The hostile corpus of `Tests/Hostile/make_corpus.py`, run through the real engine.
@Suite(.serialized) struct HostileInputTests {
    static let knownCodes: Set<String> = ["EMPTY_FILE", "UNSUPPORTED_FORMAT", "SOURCE_TOO_LARGE", "CORRUPT_IMAGE", "SOURCE_TIMEOUT"]

    /// Builds the corpus in `folder`: files in `folder/files`, expected codes from `expected.json`.
    func makeCorpus(in folder: TemporaryFolder, mutations: Int, seed: Int) async throws -> [String: String] {
        let result = try await runProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Tests/Hostile/make_corpus.py", "\(folder.path)/files",
                                                     "--mutations", String(mutations), "--seed", String(seed)])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/expected.json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    func run(_ folder: TemporaryFolder, policy: SourcePolicy = SourcePolicy(), jobID: String) async throws -> Manifest {
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"width": 48}, {"width": 500}]}]}"#.utf8))
        let sources = try SourceDiscovery.find(["\(folder.path)/files"])
        let request = JobRequest(config: config, configID: ConfigID("hostile")!, jobID: JobID(jobID)!, sources: sources,
                                 archivePath: "\(folder.path)/out.zip", concurrency: 2, policy: policy)
        return try await JobRunner().run(request).manifest
    }

    func stagingFolders(_ jobID: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("imagepipeline-\(jobID)") }
    }

    @Test func everyHostileFileGivesItsExpectedCode() async throws {
        let folder = try TemporaryFolder("hostile")
        let expected = try await makeCorpus(in: folder, mutations: 0, seed: 1)
        #expect(expected.count > 200)
        let manifest = try await run(folder, jobID: "hostile-codes")
        #expect(manifest.status == .partial)
        #expect(Set(manifest.sources.map(\.source)) == Set(expected.keys))
        let failures = Dictionary(uniqueKeysWithValues: manifest.failures.map { ($0.source, $0) })
        for source in manifest.sources {
            let got = failures[source.source]?.code ?? "ok"
            #expect(got == expected[source.source], "\(source.source): \(failures[source.source]?.message ?? "succeeded")")
            if let failure = failures[source.source] { #expect(failure.message.contains(source.source)) }
            #expect((source.status == .succeeded) == (got == "ok"))
        }
        #expect(try stagingFolders("hostile-codes").isEmpty)
        // What succeeded is complete: both outputs of every source that succeeded.
        #expect(manifest.outputs.count == 2 * manifest.sources.filter { $0.status == .succeeded }.count)
        #expect(try ZipArchiveReader(path: "\(folder.path)/out.zip").entryNames.count == 2 + manifest.outputs.count)
    }

    @Test func bombsAreRefusedWithTheDeclaredSizeAndTheLimit() async throws {
        let folder = try TemporaryFolder("bombs")
        _ = try await makeCorpus(in: folder, mutations: 0, seed: 1)
        func header(_ name: String) -> ImagingError? {
            do {
                _ = try SourceHeader.read(path: "\(folder.path)/files/\(name)")
                return nil
            } catch {
                return error
            }
        }
        #expect(header("bomb-png-20000x20000.png") == ImagingError(code: .sourceTooLarge, message: "bomb-png-20000x20000.png declares 20000x20000 = 400000000 pixels; the limit is 100000000 (raise it with --max-pixels if such images are expected)"))
        #expect(header("bomb-gif-16448x16448.gif")?.code == .sourceTooLarge)
        #expect(header("animation-5000-frames-1000x1000.gif")?.message.contains("frames of 1000x1000 pixels; the limit for all frames together is 1000000000 pixels") == true)
        var strict = SourcePolicy()
        strict.maxFileBytes = 1000
        #expect(throws: ImagingError(code: .sourceTooLarge, message: "random-4096.png is 4096 bytes; the limit is 1000 bytes")) {
            _ = try SourceHeader.read(path: "\(folder.path)/files/random-4096.png", policy: strict)
        }
    }

    @Test func mutatedImagesNeverCrashOrHang() async throws {
        let folder = try TemporaryFolder("mutations")
        let expected = try await makeCorpus(in: folder, mutations: 300, seed: 42)
        let mutations = expected.keys.filter { $0.hasPrefix("mutation-") }
        #expect(mutations.count == 300)
        var policy = SourcePolicy()
        policy.timeoutSeconds = 20
        let manifest = try await run(folder, policy: policy, jobID: "hostile-mutations")
        #expect(manifest.sources.count == expected.count)
        for failure in manifest.failures {
            #expect(Self.knownCodes.contains(failure.code), "\(failure.source): \(failure.code) \(failure.message)")
        }
        let succeeded = manifest.sources.filter { $0.status == .succeeded }
        #expect(succeeded.allSatisfy { $0.outputs == 2 })
        #expect(try stagingFolders("hostile-mutations").isEmpty)
    }

    @Test func damagedFilesCanBeAcceptedOnRequest() async throws {
        let folder = try TemporaryFolder("damaged")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/files", withIntermediateDirectories: true)
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"))
        try folder.write("files/cut.jpg", [UInt8](jpeg.prefix(jpeg.count - 3000))) // inside the scan data
        let strict = try await run(folder, jobID: "damaged-strict")
        #expect(strict.failures.map(\.code) == ["CORRUPT_IMAGE"])
        #expect(strict.failures.first?.message.hasPrefix("cut.jpg: the image data is damaged or truncated (") == true)
        var lenient = SourcePolicy()
        lenient.acceptDamaged = true
        let accepted = try await run(folder, policy: lenient, jobID: "damaged-lenient")
        #expect(accepted.status == .succeeded)
        #expect(accepted.outputs.map(\.width) == [48, 320])
    }

    @Test func svgIsReadOnlyWhenEnabledAndNeverWithExternalReferences() async throws {
        let folder = try TemporaryFolder("svg")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/files", withIntermediateDirectories: true)
        try folder.write("files/circle.svg.png", Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><circle cx="50" cy="50" r="40" fill="red"/></svg>"#.utf8))
        try folder.write("files/leak.svg.png", Array(#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="file:///etc/hostname" width="10" height="10"/></svg>"#.utf8))
        let refused = try await run(folder, jobID: "svg-off")
        #expect(refused.failures.map(\.code) == ["UNSUPPORTED_FORMAT", "UNSUPPORTED_FORMAT"])
        var policy = SourcePolicy()
        policy.allowedFormats.insert(.svg)
        let enabled = try await run(folder, policy: policy, jobID: "svg-on")
        #expect(enabled.sources.map(\.status) == [.succeeded, .failed])
        #expect(enabled.failures.first?.message == "leak.svg.png is an SVG that refers to file:///etc/hostname outside itself; embed resources as data: URLs")
        #expect(enabled.outputs.map(\.width) == [48, 200])
    }

    @Test func aSourcePastItsTimeLimitFailsAndTheRunGoesOn() async throws {
        let folder = try TemporaryFolder("timeout")
        try folder.copy(["\(repositoryRoot)/Samples/kleiber_6028x3391.jpg", "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"], into: "files")
        var policy = SourcePolicy()
        policy.timeoutSeconds = 1.5
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"percent": 90}, {"percent": 80}, {"percent": 70}]}, {"type": "convert", "outputs": [{"format": "png"}]}]}"#.utf8))
        let sources = try SourceDiscovery.find(["\(folder.path)/files"])
        let request = JobRequest(config: config, configID: ConfigID("timeout")!, jobID: JobID("timeout-job")!, sources: sources,
                                 archivePath: "\(folder.path)/out.zip", concurrency: 1, policy: policy)
        let manifest = try await JobRunner().run(request).manifest
        #expect(manifest.failures.map(\.code) == ["SOURCE_TIMEOUT"])
        #expect(manifest.failures.first?.message == "kleiber_6028x3391.jpg: stopped after the time limit of 1.5 s for one source")
        #expect(manifest.outputs.map(\.source) == ["small.jpg", "small.jpg", "small.jpg"])
        #expect(try stagingFolders("timeout-job").isEmpty)
    }

    /// libvips reads a PDF's page as an image only with `--allow-pdf` (its loader is not even
    /// loaded otherwise); without it a PDF is compressed as a PDF, by qpdf (SPEC §12).
    @Test func pdfIsRasterizedOnlyWhenAllowed() async throws {
        let folder = try TemporaryFolder("cli-pdf")
        let pdf = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.pdf").path
        let config = "\(repositoryRoot)/Configurations/thumbnails.json"
        let compressed = try await runProcess(try pipelineExecutable(), ["run", config, pdf, "-o", "\(folder.path)/a.zip"])
        #expect(compressed.status == 0, "\(compressed.stdout) \(compressed.stderr)")
        let reader = try ZipArchiveReader(path: "\(folder.path)/a.zip")
        let documents = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
        #expect(documents.outputs.map(\.path) == ["output/q60/tiny.pdf", "output/q75/tiny.pdf", "output/q90/tiny.pdf"], "\(documents.outputs)")
        #expect(documents.outputs.allSatisfy { $0.format == .pdf && $0.pages == 1 })
        let allowed = try await runProcess(try pipelineExecutable(), ["run", config, pdf, "--allow-pdf", "-o", "\(folder.path)/b.zip"])
        #expect(allowed.status == 0, "\(allowed.stdout) \(allowed.stderr)")
        let manifest = try await verifyArchive("\(folder.path)/b.zip")
        #expect(manifest.outputs.count == 6)
        #expect(manifest.outputs.allSatisfy { $0.format == .jpeg })
    }
}
