import Foundation
import Packaging
import PipelineCore
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// PDF sources through the server (SPEC §12) with `pipeline` beside it (`documentExecutable`,
/// which `pipeline-server serve` sets whenever it finds one, `--isolate` or not): jobs,
/// `POST /v1/process` and the media library. The server never opens a PDF itself.
@Suite struct DocumentServerTests {
    static let repository = OneOffJobTests.repository
    static let pdf = (try? Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/DocumentsTests/Fixtures/sample.pdf"))) ?? Data()
    /// The fixture's pages (`pdfinfo`: 3).
    static let pages = 3

    static func start() async throws -> InProcessServer {
        let candidates = ["\(repository)/.build/debug/pipeline", "\(repository)/.build/release/pipeline"]
        let pipeline = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build the pipeline executable first")
        return try await InProcessServer.start { settings in
            settings.documentExecutable = pipeline
            settings.processTimeoutSeconds = 300
        }
    }

    static func creditsToday(_ server: InProcessServer, key: String) async throws -> Int? {
        let account = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: key)
        return ((account.json["usage"] as? [String: Any])?["today"] as? [String: Any])?["credits"] as? Int
    }

    static func entries(_ server: InProcessServer, key: String, job: String) async throws -> [String: Data] {
        let archive = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(job)/archive", key: key)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdfjob-\(UUID().uuidString).zip").path
        try archive.body.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try ZipArchiveReader(path: file)
        var entries: [String: Data] = [:]
        for name in reader.entryNames { entries[name] = Data(try reader.read(name)) }
        return entries
    }

    /// A job of a PDF and a photo without `--isolate`: the PDF is compressed in a child, the photo
    /// in the server; the PDF costs one credit per page per PDF output, settled when it is done.
    @Test func aPDFInAJobIsCompressedByAWorkerProcessAndCostsItsPages() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "documents")
        // Two compress outputs: 2 credits per source at acceptance; the PDF costs 3 pages × 2.
        let document = #"{"features": [{"type": "compress", "outputs": [{"quality": 60}, {"lossless": true}]}]}"#
        let (form, type) = HTTPExchange.multipart(fields: [("configuration", document)],
                                                  files: [("sources", "small.jpg", OneOffJobTests.small), ("sources", "brochure.pdf", Self.pdf)])
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form))
        #expect(job.status == "succeeded", "\(job)")
        let entries = try await Self.entries(server, key: key, job: "\(job.jobId)")
        let pdfs = entries.filter { $0.key.hasPrefix("output/") && $0.key.hasSuffix("/brochure.pdf") }
        #expect(pdfs.count == 2, "\(entries.keys.sorted())")
        for (name, bytes) in pdfs {
            #expect(bytes.starts(with: Data("%PDF-".utf8)) && bytes.count <= Self.pdf.count, "\(name): \(bytes.count) bytes from \(Self.pdf.count)")
        }
        #expect(entries.keys.contains { $0.hasPrefix("output/") && $0.hasSuffix("small.jpg") }, "\(entries.keys.sorted())")
        #expect(try await Self.creditsToday(server, key: key) == 2 + Self.pages * 2)
    }

    /// `POST /v1/process` with a PDF: the smaller PDF itself (or its figures), its pages charged.
    @Test func aProcessedPDFIsAnsweredAsTheSmallerPDF() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "documents")
        let answer = try await ProcessTests.process(server, key: key, fields: [("compression_type", "lossy")], file: ("brochure.pdf", Self.pdf))
        #expect(answer.status == 200 && answer.headers["content-type"] == "application/pdf", "\(answer.text.prefix(300))")
        #expect(answer.body.starts(with: Data("%PDF-".utf8)) && answer.body.count < Self.pdf.count, "\(answer.body.count) bytes")
        #expect(answer.headers["x-size-before"] == String(Self.pdf.count) && answer.headers["x-size-after"] == String(answer.body.count))
        #expect(answer.headers["x-pages"] == String(Self.pages) && answer.headers["content-disposition"]?.contains("brochure.pdf") == true, "\(answer.headers)")
        #expect(try await Self.creditsToday(server, key: key) == Self.pages)
        // lossy is JPEG's default quality for a PDF's images: the document a job of that makes.
        let quality = OutputSettings().quality(for: .jpeg)
        let reference = try await ProcessTests.process(server, key: key, fields: [("configuration", #"{"features": [{"type": "compress", "outputs": [{"quality": \#(quality)}]}]}"#)],
                                                       file: ("brochure.pdf", Self.pdf))
        #expect(reference.status == 200 && reference.body == answer.body, "lossy: \(answer.body.count) bytes, quality \(quality): \(reference.body.count)")

        let figures = try await ProcessTests.process(server, key: key, fields: [("compression_type", "lossless")], file: ("brochure.pdf", Self.pdf),
                                                     headers: ["Accept": "application/json"])
        #expect(figures.status == 201 && figures.json["format"] as? String == "pdf", "\(figures.text)")
        #expect(figures.json["sizeBefore"] as? Int == Self.pdf.count && (figures.json["sizeAfter"] as? Int ?? .max) <= Self.pdf.count, "\(figures.text)")

        // Image shortcuts (a resize) are skipped for a PDF: the default lossy PDF, not a crash.
        let resized = try await ProcessTests.process(server, key: key, fields: [("width", "300")], file: ("brochure.pdf", Self.pdf))
        #expect(resized.status == 200 && resized.headers["content-type"] == "application/pdf" && resized.body.starts(with: Data("%PDF-".utf8)), "\(resized.status) \(resized.text.prefix(300))")

        let refused = try await ProcessTests.process(server, key: key, fields: [("configuration", #"{"features": [{"type": "grayscale"}], "output": {"pdf": "refuse"}}"#)],
                                                     file: ("brochure.pdf", Self.pdf))
        #expect(refused.status == 415 && refused.text.contains("output.pdf: refuse"), "\(refused.text)")
    }

    /// Without a `pipeline` to start, a PDF sent to `POST /v1/process` is refused, saying why.
    @Test func aServerWithoutWorkerProcessesRefusesAProcessedPDFSayingWhy() async throws {
        let (server, key) = try await ProcessTests.start()
        defer { Task { await server.stop() } }
        let answer = try await ProcessTests.process(server, key: key, fields: [("compression_type", "lossy")], file: ("brochure.pdf", Self.pdf))
        #expect(answer.status == 415 && answer.errorCode == "UNSUPPORTED_FORMAT" && answer.text.contains("beside pipeline-server"), "\(answer.text)")
    }

    /// The library keeps a PDF as it is (never parsed in the server), serves it as a PDF, and a
    /// job on the stored file compresses it.
    @Test func theLibraryKeepsAPDFAndAJobOnItCompressesIt() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "documents")
        let upload = try await AssetTests.upload(server, key: key, folder: "/docs", files: [("brochure.pdf", Self.pdf)])
        #expect(upload.status == 201, "\(upload.text)")
        let asset = try #require(AssetTests.assets(upload).first)
        #expect(asset["format"] as? String == "pdf" && asset["bytes"] as? Int == Self.pdf.count, "\(asset)")
        let url = try #require(asset["url"] as? String)
        let content = try await HTTPExchange.send("GET", url.hasPrefix("http") ? url : server.baseURL + url)
        #expect(content.status == 200 && content.headers["content-type"] == "application/pdf" && content.body == Self.pdf)

        let id = try #require(asset["assetId"] as? String)
        let json = #"{"configuration": {"features": [{"type": "compress", "outputs": [{"quality": 70}]}]}, "assetIds": ["\#(id)"]}"#
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key,
                                                                                           contentType: "application/json", body: Data(json.utf8)))
        #expect(job.status == "succeeded", "\(job)")
        let entries = try await Self.entries(server, key: key, job: "\(job.jobId)")
        let made = try #require(entries.first { $0.key.hasPrefix("output/") && $0.key.hasSuffix(".pdf") }, "\(entries.keys.sorted())")
        #expect(made.value.starts(with: Data("%PDF-".utf8)) && made.value.count < Self.pdf.count, "\(made.key): \(made.value.count)")
    }

    /// A plan whose formats leave `pdf` out: a job's PDF fails alone, unopened, naming the plan;
    /// `POST /v1/process` of one is 415; adding `pdf` to the formats lets it in.
    @Test func aPlanWithoutPDFAmongItsFormatsRefusesPDFSources() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "imagesonly")
        let store = server.env.store
        try await store.savePlan(AccountPlan(name: "images", formats: [.jpeg, .png, .webp]))
        let account = try #require(try await store.account(named: "imagesonly"))
        #expect(try await store.setPlan(account: account.id, plan: "images"))
        let (form, type) = HTTPExchange.multipart(fields: [("configuration", OneOffJobTests.document)],
                                                  files: [("sources", "small.jpg", OneOffJobTests.small), ("sources", "brochure.pdf", Self.pdf)])
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form))
        #expect(job.status == "partial", "\(job)")
        let failed = try #require(job.sources.first { $0.name == "brochure.pdf" })
        #expect(failed.code == "UNSUPPORTED_FORMAT" && failed.message?.contains("the images plan does not take PDF sources") == true, "\(failed)")
        let refused = try await ProcessTests.process(server, key: key, fields: [("compression_type", "lossy")], file: ("brochure.pdf", Self.pdf))
        #expect(refused.status == 415 && refused.text.contains("the images plan does not take PDF sources"), "\(refused.text)")

        try await store.savePlan(AccountPlan(name: "images", formats: [.jpeg, .png, .webp, .pdf]))
        let taken = try await ProcessTests.process(server, key: key, fields: [("compression_type", "lossy")], file: ("brochure.pdf", Self.pdf))
        #expect(taken.status == 200 && taken.headers["content-type"] == "application/pdf", "\(taken.text.prefix(300))")
    }

    /// A rendering URL of a stored PDF is refused saying what to do instead, naming the file as
    /// it was stored (never the blob's hash); the PDF's own URL still serves it.
    @Test func aRenderingURLOfAStoredPDFIsRefusedSayingWhatToDoInstead() async throws {
        let shop = try await RenderTests.shop(files: [("brochure.pdf", Self.pdf)])
        defer { Task { await shop.server.stop() } }
        let asset = try #require(shop.assets["brochure.pdf"])
        let url = try await RenderTests.url(shop, asset: asset, "options=w:400")
        let answer = try await HTTPExchange.send("GET", url)
        #expect(answer.status == 422 && answer.errorCode == "UNSUPPORTED_FORMAT", "\(answer.status) \(answer.text)")
        let message = (answer.json["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.hasPrefix("brochure.pdf is a PDF; a rendering URL makes an image") && message.contains("POST /v1/process"), "\(message)")
        #expect(message.range(of: "[0-9a-f]{64}", options: .regularExpression) == nil, "no blob name: \(message)")
    }
}
