import Foundation
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// The seeds' own spellings through the API (SPEC §11): accepted where they mean the same
/// thing, normalised in what is stored, and a rounded quality said in a warning.
@Suite struct SeedSpellingTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let small = (try? Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/ImagingTests/Fixtures/small.jpg"))) ?? Data()

    @Test func nhnsGravityAFileExtensionAndAFractionalQualityAreSavedAsTheLanguageSaysThem() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "nhn")
        let document = #"{"id": "nhn", "features": [{"type": "crop", "outputs": [{"width": 100, "height": 100, "gravity": "NorthWest"}]},"# +
            #" {"type": "resize", "outputs": [{"width": 80, "height": 80, "fit": "Cover", "gravity": "SouthEast"}]}],"# +
            #" "output": {"format": "jpg", "quality": 80.5}}"#
        let saved = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json", body: Data(document.utf8))
        #expect(saved.status == 201, "\(saved.text)")
        let stored = try await HTTPExchange.send("GET", server.baseURL + "/v1/configurations/nhn", key: key)
        let configuration = try #require(stored.json["configuration"] as? [String: Any])
        let features = try #require(configuration["features"] as? [[String: Any]])
        let crop = try #require((features.first { $0["type"] as? String == "crop" }?["outputs"] as? [[String: Any]])?.first)
        let resize = try #require((features.first { $0["type"] as? String == "resize" }?["outputs"] as? [[String: Any]])?.first)
        let output = try #require(configuration["output"] as? [String: Any])
        #expect(crop["gravity"] as? String == "northwest" && resize["gravity"] as? String == "southeast" && resize["fit"] as? String == "cover", "\(stored.text)")
        #expect(output["format"] as? String == "jpeg" && (output["quality"] as? [String: Any])?["jpeg"] as? Int == 81, "\(stored.text)")
        let warnings = try #require(saved.json["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1 && warnings[0]["path"] as? String == "output.quality" && (warnings[0]["message"] as? String)?.contains("rounded to 81") == true,
                "\(saved.text)")
        #expect(stored.json["warnings"] == nil)
    }

    @Test func coreNexisDurationIsTheStorageDurationOnUploadsAndJobs() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "corenexis")
        let thumbnails = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Configurations/thumbnails.json"))
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json", body: thumbnails)
        let (form, type) = HTTPExchange.multipart(fields: [("configId", "thumbnails"), ("duration", "720H")], files: [("sources", "small.jpg", Self.small)])
        let job = try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form)
        #expect(job.status == 202 && job.json["storageDuration"] as? String == "720h", "\(job.text)")
        let (files, filesType) = HTTPExchange.multipart(fields: [("duration", "24H")], files: [("files", "small.jpg", Self.small)])
        let asset = try await HTTPExchange.send("POST", server.baseURL + "/v1/assets", key: key, contentType: filesType, body: files)
        let stored = try #require((asset.json["assets"] as? [[String: Any]])?.first, "\(asset.text)")
        #expect(asset.status == 201 && stored["expiresAt"] is String, "\(asset.text)")
        let wrong = HTTPExchange.multipart(fields: [("duration", "0.5H")], files: [("files", "small.jpg", Self.small)])
        let refused = try await HTTPExchange.send("POST", server.baseURL + "/v1/assets", key: key, contentType: wrong.1, body: wrong.0)
        #expect(refused.status == 400 && refused.text.contains("0.5H"), "\(refused.text)")
    }
}
