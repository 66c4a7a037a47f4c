import Foundation
import Packaging
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// `POST /v1/jobs` with a `configuration` instead of a `configId` (SPEC §11): validated as
/// saving would, recorded with the job normalised, held by its ZIP, saved nowhere else.
@Suite struct OneOffJobTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let small = (try? Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/ImagingTests/Fixtures/small.jpg"))) ?? Data()
    static let document = #"{"features": [{"type": "resize", "outputs": [{"width": 40, "fit": "Cover", "height": 40, "gravity": "NorthWest"}]}], "output": {"format": "jpg"}}"#

    static func zipDocument(_ server: InProcessServer, key: String, _ job: APIModels.Job) async throws -> (String, [String]) {
        let archive = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(job.jobId)/archive", key: key)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("oneoff-\(UUID().uuidString).zip").path
        try archive.body.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try ZipArchiveReader(path: file)
        let names = reader.entryNames
        let config = try #require(names.first { $0.hasPrefix("configuration/") && $0 != "configuration/manifest.json" })
        return (String(decoding: try reader.read(config), as: UTF8.self), names)
    }

    @Test func aConfigurationSentWithAnUploadOrAJSONJobRunsAndTheZIPHoldsItNormalised() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "oneoff")
        let (form, type) = HTTPExchange.multipart(fields: [("configuration", Self.document)], files: [("sources", "small.jpg", Self.small)])
        let uploaded = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form))
        #expect(uploaded.status == "succeeded" && uploaded.configId.rawValue == "one-off" && uploaded.configVersion == 0, "\(uploaded)")
        let (stored, names) = try await Self.zipDocument(server, key: key, uploaded)
        #expect(names.contains { $0.hasPrefix("output/") && $0.hasSuffix(".jpg") }, "\(names)")
        #expect(stored.contains("\"northwest\"") && stored.contains("\"jpeg\"") && !stored.contains("NorthWest"), "\(stored)")
        // Saved nowhere: the account has no configuration.
        let list = try await HTTPExchange.send("GET", server.baseURL + "/v1/configurations", key: key)
        #expect((list.json["configurations"] as? [Any])?.isEmpty == true, "\(list.text)")

        // JSON, with the document as an object and an id of its own, from the library.
        let upload = try await AssetTests.upload(server, key: key, folder: "/in", files: [("small.jpg", Self.small)])
        let asset = try #require(AssetTests.assets(upload).first?["assetId"] as? String)
        let body = #"{"assetIds": ["\#(asset)"], "configuration": {"id": "tiny", "features": [{"type": "grayscale"}]}}"#
        let json = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key,
                                                                                               contentType: "application/json", body: Data(body.utf8)))
        #expect(json.status == "succeeded" && json.configId.rawValue == "tiny", "\(json)")
        #expect(try await Self.zipDocument(server, key: key, json).1.contains("configuration/tiny.json"))
    }

    @Test func aOneOffConfigurationIsRefusedAsSavingWouldRefuseIt() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "oneoff")
        for (fields, status, words) in [
            ([("configuration", #"{"features": [{"type": "resize", "outputs": [{"width": 0}]}]}"#)], 422, "1 problem"),
            ([("configuration", "{not json")], 400, "configuration is not JSON"),
            ([("configuration", #"{"features": [{"type": "grayscale"}]}"#), ("configId", "thumbnails")], 400, "not both"),
            ([], 400, "the configId field is missing"),
        ] as [([(String, String)], Int, String)] {
            let (form, type) = HTTPExchange.multipart(fields: fields, files: [("sources", "small.jpg", Self.small)])
            let answer = try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form)
            #expect(answer.status == status && answer.text.contains(words), "\(fields): \(answer.text)")
        }
        let jobs = try await HTTPExchange.send("GET", server.baseURL + "/v1/jobs", key: key)
        #expect((jobs.json["jobs"] as? [Any])?.isEmpty == true, "\(jobs.text)")
    }

    /// A PDF is worked on only in a worker process of its own (SPEC §12); a server started
    /// without `--isolate` has none, so a PDF in a job fails alone, saying so, and is never
    /// parsed in the server's own process.
    @Test func aPDFInAJobOnAServerWithoutWorkerProcessesFailsAloneSayingWhy() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "oneoff")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Tests/DocumentsTests/Fixtures/sample.pdf"))
        let (form, type) = HTTPExchange.multipart(fields: [("configuration", Self.document)],
                                                  files: [("sources", "small.jpg", Self.small), ("sources", "brochure.pdf", pdf)])
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form))
        #expect(job.status == "partial", "\(job)")
        let failed = try #require(job.sources.first { $0.name == "brochure.pdf" })
        #expect(failed.code == "UNSUPPORTED_FORMAT" && failed.message?.contains("--isolate") == true, "\(failed)")
        #expect(job.sources.first { $0.name == "small.jpg" }?.status == "succeeded")
    }
}
