import Foundation
import Packaging
import PipelineCore
import PipelineRuntime
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// `POST /v1/process` (SPEC §11): one image and its work in the request, the result in the
/// answer, over a real server in this process.
@Suite struct ProcessTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let leafPath = "\(repository)/Samples/fallenleaf_2560x1600.jpg"
    /// Most requests send this (a small photo: the suite runs beside every other on two cores).
    static let smallPath = "\(repository)/Tests/ImagingTests/Fixtures/small.jpg"

    static func start(_ configure: @escaping (inout ServerSettings) -> Void = { _ in }) async throws -> (InProcessServer, String) {
        let server = try await InProcessServer.start { settings in
            settings.processTimeoutSeconds = 300
            configure(&settings)
        }
        return (server, try await server.key(account: "recycle"))
    }

    static func process(_ server: InProcessServer, key: String, fields: [(String, String)], file: (String, Data)? = nil,
                        headers: [String: String] = [:]) async throws -> HTTPExchange {
        let sent = try file ?? ("small.jpg", Data(contentsOf: URL(fileURLWithPath: smallPath)))
        let (body, type) = HTTPExchange.multipart(fields: fields, files: [("file", sent.0, sent.1)])
        return try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: key, contentType: type, body: body, headers: headers, timeout: 600)
    }

    /// The engine's own result for `document` over the sample: the bytes `pipeline run` writes.
    static func jobBytes(_ document: String, source: String = smallPath) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("process-ref-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ConfigurationParser().parse(Data(document.utf8))
        let request = JobRequest(config: config, configID: ConfigID("reference")!, jobID: JobID("reference")!,
                                 sources: [SourceFile(path: source, name: (source as NSString).lastPathComponent)], archivePath: "\(folder)/out.zip", concurrency: 1)
        let result = try await JobRunner().run(request)
        let output = try #require(result.manifest.outputs.first)
        return try ZipArchiveReader(path: result.archivePath).read(output.path)
    }

    /// ImageRecycle's example: a file and `compression_type=lossy`.
    @Test func imageRecyclesExampleAnswersTheImageOrItsFiguresAndTheBytesAreTheJobs() async throws {
        let (server, key) = try await Self.start()
        defer { Task { await server.stop() } }
        let leaf = ("fallenleaf_2560x1600.jpg", try Data(contentsOf: URL(fileURLWithPath: Self.leafPath)))
        let image = try await Self.process(server, key: key, fields: [("compression_type", "lossy")], file: leaf)
        #expect(image.status == 200 && image.headers["content-type"] == "image/jpeg", "\(image.text.prefix(300))")
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.leafPath)).count
        #expect(image.headers["x-size-before"] == String(before) && image.headers["x-size-after"] == String(image.body.count))
        #expect(image.headers["x-width"] == "2560" && image.headers["x-height"] == "1600" && image.headers["etag"]?.count == 66)
        // lossy = the format's default quality (82 for JPEG): the bytes a job of that document makes.
        #expect([UInt8](image.body) == (try await Self.jobBytes(#"{"features": [{"type": "compress", "outputs": [{"quality": 82}]}]}"#, source: Self.leafPath)))

        let figures = try await Self.process(server, key: key, fields: [("compression_type", "lossy")], file: leaf, headers: ["Accept": "application/json"])
        #expect(figures.status == 201, "\(figures.text)")
        #expect(figures.json["sizeBefore"] as? Int == before && figures.json["sizeAfter"] as? Int == image.body.count)
        #expect(figures.json["width"] as? Int == 2560 && figures.json["height"] as? Int == 1600)
        let saved = try #require(figures.json["saved"] as? Double)
        #expect(abs(saved - Double(before - image.body.count) / Double(before)) < 0.0001 && saved > 0, "\(figures.text)")

        let lossless = try await Self.process(server, key: key, fields: [("compression_type", "lossless"), ("format", "webp")], file: ("small.jpg", try Data(contentsOf: URL(fileURLWithPath: Self.smallPath))))
        #expect(lossless.status == 200 && lossless.headers["content-type"] == "image/webp", "\(lossless.text.prefix(300))")
        // The usage counts each as a source and its credits.
        let account = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: key)
        let today = try #require((account.json["usage"] as? [String: Any])?["today"] as? [String: Any])
        #expect(today["sources"] as? Int == 3 && (today["credits"] as? Int ?? 0) >= 3, "\(today)")
    }

    /// Every shortcut field alone and together: the image is the one the equivalent document makes.
    @Test(arguments: [
        ([("width", "400")], #"{"features": [{"type": "resize", "outputs": [{"width": 400}]}]}"#),
        ([("height", "300"), ("format", "webp")], #"{"features": [{"type": "resize", "outputs": [{"height": 300}]}], "output": {"format": "webp"}}"#),
        ([("width", "400"), ("height", "400"), ("fit", "Cover"), ("gravity", "NorthWest")],
         #"{"features": [{"type": "resize", "outputs": [{"width": 400, "height": 400, "fit": "cover", "gravity": "northwest"}]}]}"#),
        ([("format", "png")], #"{"features": [{"type": "convert", "outputs": [{"format": "png"}]}]}"#),
        ([("format", "jpg"), ("quality", "60.5")], #"{"features": [{"type": "convert", "outputs": [{"format": "jpeg"}]}], "output": {"quality": 61}}"#),
        ([("quality", "40")], #"{"features": [{"type": "compress", "outputs": [{"quality": 40}]}]}"#),
        ([("width", "200"), ("compression_type", "lossless"), ("format", "webp")],
         #"{"features": [{"type": "resize", "outputs": [{"width": 200}]}, {"type": "compress", "outputs": [{"lossless": true}]}], "output": {"format": "webp"}}"#),
    ])
    func everyShortcutMakesTheImageItsDocumentMakes(_ fields: [(String, String)], _ document: String) async throws {
        let (server, key) = try await Self.start()
        defer { Task { await server.stop() } }
        let answer = try await Self.process(server, key: key, fields: fields)
        #expect(answer.status == 200, "\(fields): \(answer.text.prefix(300))")
        #expect([UInt8](answer.body) == (try await Self.jobBytes(document)), "\(fields)")
    }

    @Test(arguments: [
        ("width", "0", "expected a whole number from 1 to 16384 pixels, got 0"),
        ("height", "tall", "expected a whole number"),
        ("fit", "squash", "expected one of"),
        ("gravity", "up", "expected one of"),
        ("format", "bmp", "expected one of"),
        ("quality", "0", "expected a whole number from 1 to 100"),
    ])
    func aWrongShortcutValueIsTheValidatorsMessageUnderTheFieldsName(_ field: String, _ value: String, _ message: String) async throws {
        let (server, key) = try await Self.start()
        defer { Task { await server.stop() } }
        let base = field == "width" || field == "height" || field == "format" || field == "quality" ? [] : [("width", "100")]
        let answer = try await Self.process(server, key: key, fields: base + [(field, value)])
        #expect(answer.status == 422 && answer.errorCode == "INVALID_CONFIGURATION", "\(answer.text)")
        let issues = try #require((answer.json["error"] as? [String: Any])?["issues"] as? [[String: Any]])
        #expect(issues.contains { $0["path"] as? String == field && ($0["message"] as? String)?.contains(message) == true }, "\(answer.text)")
        #expect(((answer.json["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("\(field): ") == true, "\(answer.text)")
    }

    @Test func whatToMakeIsSaidExactlyOnceAndAsJSON() async throws {
        let (server, key) = try await Self.start()
        defer { Task { await server.stop() } }
        let cases: [([(String, String)], Int, String, String)] = [
            ([], 400, "BAD_REQUEST", "say what to make: configId"),
            ([("configId", "thumbnails"), ("width", "5")], 400, "BAD_REQUEST", "not configId and shortcut fields (width)"),
            ([("configId", "thumbnails"), ("configuration", "{}")], 400, "BAD_REQUEST", "not configId and configuration"),
            ([("configuration", "{\"features\": [")], 400, "BAD_REQUEST", "the configuration field is not JSON"),
            ([("configuration", #"{"features": [{"type": "resize", "outputs": [{"width": 0}]}]}"#)], 422, "INVALID_CONFIGURATION", "1 problem"),
            ([("configId", "nope")], 404, "NOT_FOUND", "there is no configuration nope"),
            ([("fit", "cover")], 400, "BAD_REQUEST", "give width and/or height too"),
            ([("compression_type", "medium")], 400, "BAD_REQUEST", "is not lossy or lossless"),
            ([("compression_type", "lossless"), ("quality", "80")], 400, "BAD_REQUEST", "leave quality out"),
            ([("widht", "5")], 400, "BAD_REQUEST", "did you mean width?"),
        ]
        for (fields, status, code, words) in cases {
            let answer = try await Self.process(server, key: key, fields: fields)
            #expect(answer.status == status && answer.errorCode == code && answer.text.contains(words), "\(fields): \(answer.text)")
        }
        // Not an image at all: 415 at once, naming the formats taken.
        let text = try await Self.process(server, key: key, fields: [("width", "10")], file: ("notes.txt", Data("hello, not an image".utf8)))
        #expect(text.status == 415 && text.errorCode == "UNSUPPORTED_FORMAT" && text.text.contains("notes.txt") && text.text.contains("JPEG"), "\(text.text)")
        // A damaged image: the engine's code.
        // (Its header is whole: it is taken in, and the engine stops at the missing scan data.)
        let photo = try Data(contentsOf: URL(fileURLWithPath: Self.leafPath))
        let broken = try await Self.process(server, key: key, fields: [("width", "10")], file: ("half.jpg", photo.prefix(photo.count / 2)))
        #expect(broken.status == 422 && broken.errorCode == "CORRUPT_IMAGE" && broken.text.contains("half.jpg"), "\(broken.text)")
        // A 41 MiB file against the default limit of 40 MiB (41,943,040 bytes): 413 at once, by its Content-Length.
        let huge = try await Self.process(server, key: key, fields: [("width", "10")], file: ("huge.jpg", Data([0xFF, 0xD8, 0xFF]) + Data(count: 41 << 20)))
        #expect(huge.status == 413 && huge.errorCode == "PAYLOAD_TOO_LARGE", "\(huge.text)")
        // JSON with a URL the server may not fetch (loopback, without --allow-private-addresses).
        let json = try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: key, contentType: "application/json",
                                               body: Data(#"{"url": "http://127.0.0.1:9/a.jpg", "width": 10}"#.utf8))
        #expect(json.status == 400 && json.text.contains("--allow-private-addresses"), "\(json.text)")
        // Only the damaged image was taken in; as a job's source that fails, it stays counted and
        // its credits went back.
        let account = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: key)
        let today = try #require((account.json["usage"] as? [String: Any])?["today"] as? [String: Any])
        #expect(today["sources"] as? Int == 1 && today["credits"] as? Int == 0 && today["jobs"] as? Int == 1, "\(account.text)")
    }

    @Test func aSavedConfigurationWithSeveralOutputsAnswersTheJobsZIPAndByURL() async throws {
        let (server, key) = try await Self.start { $0.allowPrivateAddresses = true }
        defer { Task { await server.stop() } }
        let thumbnails = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Configurations/thumbnails.json"))
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json", body: thumbnails)
        let zip = try await Self.process(server, key: key, fields: [("configId", "thumbnails")])
        #expect(zip.status == 200 && zip.headers["content-type"] == "application/zip", "\(zip.text.prefix(200))")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("process-\(UUID().uuidString).zip").path
        try zip.body.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try ZipArchiveReader(path: file)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
        #expect(manifest.outputs.count == 6 && zip.headers["x-outputs"] == "6")
        let figures = try await Self.process(server, key: key, fields: [("configId", "thumbnails")], headers: ["Accept": "application/json"])
        let outputs = try #require(figures.json["outputs"] as? [[String: Any]])
        #expect(figures.status == 201 && outputs.count == 6 && outputs.allSatisfy { ($0["saved"] as? Double).map { $0 < 1 } == true && ($0["sizeAfter"] as? Int ?? 0) > 0 }, "\(figures.text)")
        // By URL: the server's own asset URL of the sample (loopback allowed for this server).
        let upload = try await AssetTests.upload(server, key: key, folder: "/in", files: [("small.jpg", try Data(contentsOf: URL(fileURLWithPath: Self.smallPath)))])
        let url = try #require(AssetTests.assets(upload).first?["url"] as? String)
        let byURL = try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: key, contentType: "application/json",
                                                body: Data(#"{"url": "\#(url)", "width": 100}"#.utf8))
        #expect(byURL.status == 200 && byURL.headers["x-width"] == "100", "\(byURL.text.prefix(300))")
        #expect([UInt8](byURL.body) == (try await Self.jobBytes(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}]}"#)))
    }

    @Test func pastItsSlotsARequestWaitsThenIsRefusedWithRetryAfterAndPastItsTimeIs504() async throws {
        let (server, key) = try await Self.start { $0.processSlots = 1; $0.processWaitSeconds = 0.2 }
        defer { Task { await server.stop() } }
        let answers = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
            for width in 0..<10 {
                group.addTask { try await Self.process(server, key: key, fields: [("width", String(2000 + width)), ("format", "webp")]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let busy = answers.filter { $0.status == 503 }
        #expect(answers.allSatisfy { $0.status == 200 || $0.status == 503 }, "\(answers.map(\.status))")
        #expect(!busy.isEmpty && answers.contains { $0.status == 200 }, "\(answers.map(\.status))")
        #expect(busy.allSatisfy { $0.errorCode == "PROCESS_BUSY" && $0.headers["retry-after"] == "1" })
        #expect(server.env.processSlots.load.running == 0 && server.env.processSlots.load.waiting == 0)

        let (hurried, hurriedKey) = try await Self.start { $0.processTimeoutSeconds = 0.05 }
        defer { Task { await hurried.stop() } }
        let kleiber = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Samples/kleiber_6028x3391.jpg"))
        let slow = try await Self.process(hurried, key: hurriedKey, fields: [("width", "4000"), ("height", "3000"), ("fit", "cover"), ("gravity", "attention"), ("format", "avif")],
                                          file: ("kleiber.jpg", kleiber))
        #expect(slow.status == 504 && slow.errorCode == "PROCESS_TIMEOUT", "\(slow.text)")
    }

    /// `store=true` keeps the result and the original in the media library (SPEC §11) and answers
    /// with ImageRecycle's figures and their URLs.
    @Test func storeKeepsTheResultAndTheOriginalWithURLs() async throws {
        let (server, key) = try await Self.start()
        defer { Task { await server.stop() } }
        let photo = try Data(contentsOf: URL(fileURLWithPath: Self.smallPath))
        let plain = try await Self.process(server, key: key, fields: [("width", "100"), ("format", "webp")])
        let kept = try await Self.process(server, key: key, fields: [("width", "100"), ("format", "webp"), ("store", "true"), ("duration", "24h")])
        #expect(kept.status == 201, "\(kept.text)")
        let url = try #require(kept.json["url"] as? String), origin = try #require(kept.json["originUrl"] as? String)
        #expect(kept.json["assetId"] as? String != nil && kept.json["expiresAt"] is String && kept.json["sizeAfter"] as? Int == plain.body.count)
        #expect(try await HTTPExchange.send("GET", url).body == plain.body, "the kept output is the answered image")
        #expect(try await HTTPExchange.send("GET", origin).body == photo, "the original is kept as sent")
        let asset = try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(kept.json["assetId"] as? String ?? "")", key: key)
        #expect(asset.json["folder"] as? String == "/processed" && asset.json["name"] as? String == "small.webp", "\(asset.text)")
        #expect((asset.json["origin"] as? [String: Any])?["type"] as? String == "process", "\(asset.text)")

        // Several outputs: each kept under its output path.
        let thumbnails = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Configurations/thumbnails.json"))
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json", body: thumbnails)
        let set = try await Self.process(server, key: key, fields: [("configId", "thumbnails"), ("store", "true"), ("folder", "/shop")])
        let outputs = try #require(set.json["outputs"] as? [[String: Any]], "\(set.text)")
        #expect(set.status == 201 && outputs.count == 6 && outputs.allSatisfy { $0["url"] is String && $0["assetId"] is String }, "\(set.text)")
        let folders = try await HTTPExchange.send("GET", server.baseURL + "/v1/folders?path=/shop/small", key: key)
        #expect(folders.status == 200 && folders.text.contains("/shop/small/q60"), "\(folders.text)")

        for (fields, words) in [([("store", "maybe")], "store=maybe"), ([("folder", "/x")], "send store=true"),
                                ([("store", "true"), ("folder", "no//good")], "folder")] as [([(String, String)], String)] {
            let answer = try await Self.process(server, key: key, fields: [("width", "10")] + fields)
            #expect(answer.status == 400 && answer.text.contains(words), "\(fields): \(answer.text)")
        }
    }
}
