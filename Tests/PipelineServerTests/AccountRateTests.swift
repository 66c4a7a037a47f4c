import Foundation
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// The plan's requests per minute hold for the account, not the key (SPEC §11): a second key of
/// the same account does not double the rate.
@Suite struct AccountRateTests {
    @Test func twoKeysOfOneAccountShareItsRequestsPerMinute() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let store = server.env.store
        try await store.savePlan(AccountPlan(name: "thirty", requestsPerMinute: 30))
        let account = try await APIKeys.account(named: "shared", store: store)
        #expect(try await store.setPlan(account: account.id, plan: "thirty"))
        let first = try await APIKeys.create(for: account, store: store).0
        let second = try await APIKeys.create(for: account, store: store).0
        // Another account's key is not slowed by this one's.
        let other = try await server.key(account: "other")
        #expect(try await store.setPlan(account: try #require(try await store.account(named: "other")).id, plan: "thirty"))
        let started = Date()
        var allowed = 0, refused: [HTTPExchange] = []
        for index in 0..<120 where refused.count < 2 {
            let answer = try await HTTPExchange.send("GET", server.baseURL + "/v1/templates", key: index % 2 == 0 ? first : second)
            if answer.status == 429 { refused.append(answer) } else { allowed += 1 }
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(allowed >= 30 && Double(allowed) <= 30 + elapsed.rounded(.up), "\(allowed) passed in \(elapsed) s")
        #expect(refused.count == 2 && refused.allSatisfy { $0.errorCode == "RATE_LIMIT_EXCEEDED" && $0.headers["retry-after"] != nil })
        #expect(refused.first?.text.contains("all its keys together") == true, "\(refused.first?.text ?? "")")
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/templates", key: other).status == 200)
    }
}

/// The plan's bytes per upload hold for a job's source URLs as for an upload's parts (SPEC §11).
@Suite struct SourceURLBytesTests {
    @Test func aJobsURLsStopAtThePlansBytesPerUploadTogether() async throws {
        let server = try await InProcessServer.start { $0.allowPrivateAddresses = true }
        defer { Task { await server.stop() } }
        let key = try await server.key(account: "fetcher")
        let small = try Data(contentsOf: URL(fileURLWithPath: "\(ProcessTests.repository)/Tests/ImagingTests/Fixtures/small.jpg"))
        let upload = try await AssetTests.upload(server, key: key, folder: "/in", files: [("small.jpg", small)])
        let url = try #require(AssetTests.assets(upload).first?["url"] as? String)
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json",
                                        body: Data(#"{"id": "gray", "features": [{"type": "grayscale"}]}"#.utf8))
        let store = server.env.store
        try await store.savePlan(AccountPlan(name: "one-small", bytesPerUpload: small.count + 10))
        #expect(try await store.setPlan(account: try #require(try await store.account(named: "fetcher")).id, plan: "one-small"))
        let body = #"{"configId": "gray", "sourceUrls": ["\#(url)", "\#(url)"]}"#
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key,
                                                                                              contentType: "application/json", body: Data(body.utf8)))
        #expect(job.status == "partial", "\(job)")
        #expect(job.sources.map(\.status) == ["succeeded", "failed"], "\(job.sources)")
        let failed = try #require(job.sources.last)
        #expect(failed.code == "SOURCE_FETCH_FAILED" && failed.message?.contains("one-small") == true, "\(failed)")
    }
}
