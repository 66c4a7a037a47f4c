import Foundation
import Packaging
import PipelineCore
import Testing

/// PDF sources through `pipeline run` as a user runs it (SPEC §12): a folder holding a PDF made
/// by `scripts/make-sample-pdf` from the sample photos and a photo, under configurations of
/// each kind; the results read back with poppler and qpdf.
@Suite(.serialized) struct DocumentRunTests {
    /// A folder with `doc.pdf` (photos stored at 1600 px, shown at 495 pt) and a JPEG.
    private func inputs() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder("pdf-run")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/in", withIntermediateDirectories: true)
        let made = try await runProcess("/usr/bin/python3", ["\(repositoryRoot)/scripts/make-sample-pdf", "\(folder.path)/in/doc.pdf", "1600"])
        try #require(made.status == 0, "\(made.stderr)")
        try FileManager.default.copyItem(atPath: "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg", toPath: "\(folder.path)/in/photo.jpg")
        return folder
    }

    private func run(_ folder: TemporaryFolder, _ configuration: String, _ extra: [String] = [],
                     environment: [String: String] = [:]) async throws -> (ProcessOutput, Manifest?) {
        try folder.write("c.json", Array(configuration.utf8))
        let result = try await runProcessWithEnvironment(try pipelineExecutable(), ["run", "\(folder.path)/c.json", "\(folder.path)/in", "-o", "\(folder.path)/out.zip"] + extra, environment)
        guard FileManager.default.fileExists(atPath: "\(folder.path)/out.zip") else { return (result, nil) }
        let reader = try ZipArchiveReader(path: "\(folder.path)/out.zip")
        return (result, try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json"))))
    }

    private func extract(_ folder: TemporaryFolder, _ entry: String) throws -> String {
        let reader = try ZipArchiveReader(path: "\(folder.path)/out.zip")
        let path = "\(folder.path)/\(entry.replacingOccurrences(of: "/", with: "_"))"
        try Data(try reader.read(entry)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aPDFGivesOnePDFPerCompressOutputAndSkipsImageFeatures() async throws {
        let folder = try await inputs()
        let (result, manifest) = try await run(folder, #"""
            {"id": "docs", "features": [{"type": "resize", "outputs": [{"width": 800}, {"width": 400}]},
                                        {"type": "compress", "outputs": [{"quality": 75}, {"lossless": true}, {"maxBytes": 100000}]}]}
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        let found = try #require(manifest)
        let pdfs = found.outputs.filter { $0.format == .pdf }
        #expect(pdfs.map(\.path) == ["output/lossless/doc.pdf", "output/max100kB/doc.pdf", "output/q75/doc.pdf"])
        #expect(found.outputs.filter { $0.format == .jpeg }.count == 6, "the photo still gets every image output")
        let source = try #require(found.sources.first { $0.source == "doc.pdf" })
        #expect(source.pages == 3 && source.outputs == 3)
        #expect(source.warnings?.map(\.code) == ["PDF_FEATURES_SKIPPED"])
        #expect(source.warnings?.first?.message.contains("resize works on images and was skipped") == true, "\(source.warnings ?? [])")
        let sourceBytes = try #require(source.sourceBytes)
        let lossless = try #require(pdfs.first { $0.path.contains("lossless") }), lossy = try #require(pdfs.first { $0.path.contains("q75") })
        let fitted = try #require(pdfs.first { $0.path.contains("max100kB") })
        #expect(lossless.bytes < sourceBytes && lossless.quality == nil && lossless.imageDpi == nil)
        #expect(lossy.bytes < lossless.bytes / 2 && lossy.quality == 75 && lossy.imageDpi == 150)
        // What the lossy pass did inside, in the manifest: the three photos made smaller, the bar
        // chart kept sharp (its edges would blur), no Type 1 font to convert; nothing for lossless.
        #expect(lossy.imagesDownsampled == 3 && lossy.imagesKeptSharp == 1 && lossy.fontsConverted == 0, "\(lossy)")
        #expect(fitted.imagesDownsampled == 3 && fitted.imagesKeptSharp == 1, "\(fitted)")
        #expect(lossless.imagesDownsampled == nil && lossless.imagesKeptSharp == nil && lossless.fontsConverted == nil)
        #expect(fitted.bytes <= 100_000 && (fitted.quality ?? 0) >= 1, "\(fitted)")
        #expect(pdfs.allSatisfy { $0.pages == 3 && $0.savedBytes == sourceBytes - $0.bytes && $0.unchanged == nil })
        // Each is a whole document with the source's text; its bytes are the manifest's.
        let text = try await runProcess("/usr/bin/pdftotext", ["\(folder.path)/in/doc.pdf", "-"]).stdout
        for output in pdfs {
            let file = try extract(folder, output.path)
            #expect(try await runProcess("/usr/bin/qpdf", ["--check", file]).status == 0)
            #expect(try await runProcess("/usr/bin/pdftotext", [file, "-"]).stdout == text)
            #expect(try await runProcess("/usr/bin/sha256sum", [file]).stdout.hasPrefix(output.sha256))
        }
    }

    @Test func withoutACompressFeatureAPDFGetsTheDefaultLossySetting() async throws {
        let folder = try await inputs()
        let (result, manifest) = try await run(folder, #"{"features": [{"type": "resize", "outputs": [{"width": 300}]}], "output": {"imageDpi": 72}}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try #require(manifest?.outputs.first { $0.format == .pdf })
        #expect(pdf.path == "output/doc.pdf" && pdf.quality == 82 && pdf.imageDpi == 72, "\(pdf)")
    }

    @Test func aConfigurationThatRefusesPDFsSkipsThemInFoldersAndFailsANamedOne() async throws {
        let folder = try await inputs()
        let refusing = #"{"features": [{"type": "resize", "outputs": [{"width": 300}]}], "output": {"pdf": "refuse"}}"#
        let (scan, manifest) = try await run(folder, refusing, ["--verbose"])
        #expect(scan.status == 0 && manifest?.sources.map(\.source) == ["photo.jpg"])
        #expect(scan.stderr.contains("skipped 1 file"), "\(scan.stderr)")
        let named = try await runProcess(try pipelineExecutable(), ["run", "\(folder.path)/c.json", "\(folder.path)/in/doc.pdf", "-o", "\(folder.path)/named.zip"])
        #expect(named.status == 1, "its only source failed: \(named.stdout) \(named.stderr)")
        #expect(named.stdout.contains("UNSUPPORTED_FORMAT: doc.pdf is a PDF, and this configuration refuses PDFs (output.pdf: refuse)"), "\(named.stdout)")
    }

    @Test func aPDFThatCannotGetSmallerIsPassedOnUnchanged() async throws {
        let folder = try TemporaryFolder("pdf-unchanged")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/in", withIntermediateDirectories: true)
        let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.pdf").path
        try FileManager.default.copyItem(atPath: tiny, toPath: "\(folder.path)/in/tiny.pdf")
        let (result, manifest) = try await run(folder, #"{"features": [{"type": "compress", "outputs": [{"lossless": true}]}]}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(manifest?.outputs.first)
        #expect(output.unchanged == true && output.savedBytes == 0, "\(output)")
        let copy = try extract(folder, output.path)
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: tiny))
    }

    /// PDFs are large attack surface: each is worked on in a process of its own even without
    /// `--isolate`, so one that kills its worker takes only itself (the crash hook aborts the
    /// process that starts on the source named doc.pdf).
    @Test func aPDFThatKillsItsWorkerFailsAloneWithoutIsolateAskedFor() async throws {
        let folder = try await inputs()
        let (result, manifest) = try await run(folder, #"{"features": [{"type": "resize", "outputs": [{"width": 300}]}]}"#,
                                               environment: ["PIPELINE_FAULT_INJECTION_CRASH": "doc.pdf"])
        #expect(result.status == 4, "\(result.stderr)")
        let found = try #require(manifest)
        #expect(found.failures.map(\.source) == ["doc.pdf"])
        #expect(found.failures.first?.message.contains("worker process died") == true, "\(found.failures)")
        #expect(found.outputs.map(\.source) == ["photo.jpg"])
    }

    /// The PDF worker's memory limit (`--max-pdf-memory-mb`): a document that does not fit fails
    /// alone with SOURCE_TOO_LARGE naming the file and the setting (never as damaged: qpdf would
    /// take a refused allocation for damage and recover parts of it); the photo beside it is made.
    /// An image that cannot be decoded (here a flate bomb, stopped at its promised size) is kept
    /// as it was, and the manifest says so (PDF_IMAGES_KEPT).
    @Test func thePDFWorkersMemoryLimitFailsTheDocumentAndImagesThatCannotBeDecodedAreKeptSayingSo() async throws {
        let folder = try await inputs()
        for kind in ["pages", "bomb"] {
            let made = try await runProcess("/usr/bin/python3", ["\(repositoryRoot)/Tests/DocumentsTests/Fixtures/make-test-pdf.py", kind, "\(folder.path)/in/\(kind).pdf"])
            try #require(made.status == 0, "\(made.stderr)")
        }
        let document = #"{"features": [{"type": "compress", "outputs": [{"quality": 75}]}]}"#
        let (_, tight) = try await run(folder, document, ["--max-pdf-memory-mb", "16", "--max-pdf-pages", "200000"])
        let found = try #require(tight)
        let failure = try #require(found.failures.first { $0.source == "pages.pdf" }, "\(found.failures)")
        #expect(failure.code == "SOURCE_TOO_LARGE" && failure.message.hasPrefix("pages.pdf") && failure.message.contains("--max-pdf-memory-mb"), "\(failure)")
        #expect(!failure.message.contains(folder.path), "the message names the file, not where it was read: \(failure.message)")
        #expect(found.outputs.contains { $0.path == "output/q75/photo.jpg" })

        let (_, roomy) = try await run(folder, document, ["--max-pdf-pages", "200000"])
        let fine = try #require(roomy)
        #expect(fine.failures.isEmpty && fine.outputs.contains { $0.path == "output/q75/pages.pdf" }, "\(fine.failures)")
        #expect(fine.sources.first { $0.source == "doc.pdf" }?.warnings == nil)
        let bomb = try #require(fine.sources.first { $0.source == "bomb.pdf" })
        let kept = try #require(bomb.warnings?.first { $0.code == "PDF_IMAGES_KEPT" }, "\(bomb)")
        #expect(kept.message.hasPrefix("bomb.pdf: 1 of its 1 images"), "\(kept.message)")
    }

    /// `output.pdf: rasterize` with `output.page`: that page, at its own size, through every
    /// feature (a thumbnail of page 2); a page past the last is PDF_PAGE_OUT_OF_RANGE, saying how
    /// many there are. The pages of the fixture are 100 x 50, 200 x 100 and 300 x 300 pt, red,
    /// green and blue (libvips reads them at 72 dpi: a point is a pixel).
    @Test(arguments: [(1, 100, 50, [255, 0, 0]), (2, 200, 100, [0, 255, 0]), (3, 300, 300, [0, 0, 255])])
    func aRasterizedPDFIsTheChosenPageAtItsOwnSize(_ page: Int, _ width: Int, _ height: Int, _ colour: [Int]) async throws {
        let folder = try TemporaryFolder("pdf-page")
        try FileManager.default.createDirectory(atPath: "\(folder.path)/in", withIntermediateDirectories: true)
        let made = try await runProcess("/usr/bin/python3", ["\(repositoryRoot)/Tests/DocumentsTests/Fixtures/make-test-pdf.py", "sizes", "\(folder.path)/in/sizes.pdf"])
        try #require(made.status == 0, "\(made.stderr)")
        let (result, manifest) = try await run(folder, #"{"features": [{"type": "convert", "outputs": [{"format": "png"}]}], "output": {"pdf": "rasterize", "page": \#(page)}}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(manifest?.outputs.first, "\(result.stderr)")
        #expect(output.format == .png && output.width == width && output.height == height, "\(output)")
        let png = try extract(folder, output.path)
        let pixel = try await runProcess("/usr/bin/vips", ["getpoint", png, String(width / 2), String(height / 2)]).stdout
        let values = pixel.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }.map { Int($0.rounded()) }
        #expect(Array(values.prefix(3)) == colour, "page \(page) at its middle: \(pixel)")

        let (_, past) = try await run(folder, #"{"features": [{"type": "convert", "outputs": [{"format": "png"}]}], "output": {"pdf": "rasterize", "page": 4}}"#)
        let failure = try #require(past?.failures.first)
        #expect(failure.code == "PDF_PAGE_OUT_OF_RANGE" && failure.message == "sizes.pdf has 3 pages; output.page asks for page 4", "\(failure)")
    }
}
