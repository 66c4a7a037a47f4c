import Foundation
import PipelineTestSupport
import PipelineCore
@testable import PipelineServer
import Testing

/// What a client sees of configurations and jobs beyond its mistakes, against a server in this
/// process: versions, pages, deletion, and a job with a source that is not an image.
@Suite struct ConfigurationAndJobContractTests {
    private func json(_ exchange: HTTPExchange) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: exchange.body)) as? [String: Any] ?? [:]
    }

    @Test func aConfigurationIsReplacedAsANewVersionPagedAndDeleted() async throws {
        let server = try await InProcessServer.start()
        let key = try await server.key(account: "acme")
        let base = server.baseURL + "/v1/configurations"
        var document = try #require(try JSONSerialization.jsonObject(with: Data(ClientMistakeTests.thumbnails.utf8)) as? [String: Any])
        #expect(try await HTTPExchange.send("POST", base, key: key, contentType: "application/json", body: Data(ClientMistakeTests.thumbnails.utf8)).status == 201)
        document["name"] = "Thumbnails, second version"
        let put = try await HTTPExchange.send("PUT", base + "/thumbnails", key: key, contentType: "application/json",
                                          body: try JSONSerialization.data(withJSONObject: document))
        #expect(put.status == 200 && json(put)["version"] as? Int == 2, "\(put.text)")
        #expect(json(try await HTTPExchange.send("GET", base + "/thumbnails", key: key))["version"] as? Int == 2)
        document["id"] = "percent-set"
        #expect(try await HTTPExchange.send("POST", base, key: key, contentType: "application/json",
                                        body: try JSONSerialization.data(withJSONObject: document)).status == 201)
        let page = json(try await HTTPExchange.send("GET", base + "?limit=1", key: key))
        #expect((page["configurations"] as? [[String: Any]])?.map { $0["configId"] as? String } == ["percent-set"])
        #expect(page["next"] as? String == "percent-set")
        let next = json(try await HTTPExchange.send("GET", base + "?limit=1&after=percent-set", key: key))
        #expect((next["configurations"] as? [[String: Any]])?.map { $0["configId"] as? String } == ["thumbnails"])
        #expect(try await HTTPExchange.send("DELETE", base + "/percent-set", key: key).status == 204)
        #expect(try await HTTPExchange.send("GET", base + "/percent-set", key: key).status == 404)
    }

    @Test func aSourceThatIsNotAnImageFailsAloneAndTheJobIsPartial() async throws {
        let server = try await InProcessServer.start()
        let key = try await server.key(account: "acme")
        let other = try await server.key(account: "other")
        #expect(try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json",
                                        body: Data(ClientMistakeTests.thumbnails.utf8)).status == 201)
        let (body, type) = HTTPExchange.multipart(fields: [("configId", "thumbnails")],
                                              files: [ClientMistakeTests.photo, ("sources", "notes.jpg", Data("just text".utf8))])
        let answer = try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: body)
        #expect(answer.status == 202, "\(answer.text)")
        let accepted = try JSONDecoder().decode(APIModels.Accepted.self, from: answer.body)
        #expect(accepted.status == "queued" && accepted.sources == 2 && accepted.statusUrl == "\(server.baseURL)/v1/jobs/\(accepted.jobId)")
        var job: APIModels.Job?
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let answer = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(accepted.jobId)", key: key)
            job = try JSONResponse.decoder.decode(APIModels.Job.self, from: answer.body)
            if job?.status == "partial" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let finished = try #require(job)
        #expect(finished.status == "partial" && finished.jobId == accepted.jobId && finished.configId.rawValue == "thumbnails")
        #expect(finished.sources.map(\.status) == ["succeeded", "failed"])
        #expect(finished.sources[1].code == "UNSUPPORTED_FORMAT")
        #expect(finished.sources[1].message?.contains("notes.jpg") == true)
        #expect(finished.delivery.state == "none" && finished.delivery.attempts.isEmpty)
        #expect(finished.archiveUrl == "\(server.baseURL)/v1/jobs/\(accepted.jobId)/archive" && !finished.archiveExpired)
        #expect(try #require(finished.finishedAt) >= finished.createdAt)
        #expect(try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(accepted.jobId)", key: other).status == 404)
        let redeliver = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/jobs/\(accepted.jobId)/redeliver", key: key)
        let refusal = try JSONDecoder().decode(APIError.Body.self, from: redeliver.body).error
        #expect(redeliver.status == 409 && refusal.code == "NO_POSTBACK_URL")
    }
}
