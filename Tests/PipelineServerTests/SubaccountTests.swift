import Foundation
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// A sub-account's lifecycle from its parent (SPEC §11): read with ImageRecycle's quota
/// figures, renamed, described and re-shared; a raised share lets refused work through.
@Suite struct SubaccountTests {
    static let small = (try? Data(contentsOf: URL(fileURLWithPath: "\(ProcessTests.smallPath)"))) ?? Data()

    @Test func theParentReadsRenamesAndReSharesASubaccountAndARaisedShareLetsWorkThrough() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let parent = try await server.key(account: "agency")
        let made = try await HTTPExchange.send("POST", server.baseURL + "/v1/subaccounts", key: parent, contentType: "application/json",
                                               body: Data(#"{"name": "team-a", "share": {"sourcesPerMonth": 1}}"#.utf8))
        #expect(made.status == 201, "\(made.text)")
        let childKey = try #require(made.json["apiKey"] as? String)
        let id = try #require((made.json["subaccount"] as? [String: Any])?["accountId"] as? String)
        let url = server.baseURL + "/v1/subaccounts/\(id)"

        // One source a month: the second process request is refused with the share's code.
        let (form, type) = HTTPExchange.multipart(fields: [("width", "50")], files: [("file", "small.jpg", Self.small)])
        #expect(try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: childKey, contentType: type, body: form).status == 200)
        let refused = try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: childKey, contentType: type, body: form)
        #expect(refused.status == 429 && refused.errorCode == "SHARE_EXHAUSTED" && refused.text.contains("parent account can raise the share"), "\(refused.text)")

        // Read, with the quota figures.
        let read = try await HTTPExchange.send("GET", url, key: parent)
        let quota = try #require(read.json["quota"] as? [String: Any], "\(read.text)")
        #expect(read.status == 200 && read.json["name"] as? String == "agency/team-a")
        #expect(quota["quotaUsedBytes"] as? Int == Self.small.count && quota["quotaAllowedBytes"] == nil && quota["quotaStart"] is String
                && quota["quotaEnd"] is String, "\(read.text)")

        // The parent raises the share, renames and describes it: the refused work goes through.
        let patched = try await HTTPExchange.send("PATCH", url, key: parent, contentType: "application/json",
                                                  body: Data(#"{"name": "team-b", "description": "the b team", "share": {"sourcesPerMonth": 5, "bytesPerMonth": 10000000}}"#.utf8))
        #expect(patched.status == 200 && patched.json["name"] as? String == "agency/team-b" && patched.json["description"] as? String == "the b team", "\(patched.text)")
        #expect((patched.json["quota"] as? [String: Any])?["quotaAllowedBytes"] as? Int == 10_000_000, "\(patched.text)")
        #expect(try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: childKey, contentType: type, body: form).status == 200)
        let account = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: childKey)
        #expect((account.json["share"] as? [String: Any])?["sourcesPerMonth"] as? Int == 5, "\(account.text)")
        #expect((account.json["quota"] as? [String: Any])?["quotaUsedBytes"] as? Int == 2 * Self.small.count, "\(account.text)")

        // Mistakes: another name taken, a negative share, an unknown key, nothing, another account's.
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/subaccounts", key: parent, contentType: "application/json", body: Data(#"{"name": "team-c"}"#.utf8))
        let cases: [(String, String, Int, String)] = [
            (url, #"{"name": "team-c"}"#, 409, "SUBACCOUNT_EXISTS"),
            (url, #"{"share": {"creditsPerMonth": -1}}"#, 400, "BAD_REQUEST"),
            (url, #"{"shares": {}}"#, 400, "BAD_REQUEST"),
            (url, #"{"share": {"sourcesPerMont": 5}}"#, 400, "BAD_REQUEST"),
            (url, #"{}"#, 400, "BAD_REQUEST"),
            (server.baseURL + "/v1/subaccounts/acct_00000000000000000000000000", #"{"name": "x"}"#, 404, "NOT_FOUND"),
        ]
        for (target, body, status, code) in cases {
            let answer = try await HTTPExchange.send("PATCH", target, key: parent, contentType: "application/json", body: Data(body.utf8))
            #expect(answer.status == status && answer.errorCode == code, "\(body): \(answer.text)")
        }
        let other = try await server.key(account: "other")
        #expect(try await HTTPExchange.send("GET", url, key: other).status == 404)
        #expect(try await HTTPExchange.send("GET", url, key: childKey).status == 404, "a sub-account does not manage itself")
    }
}

/// Resetting a sub-account's usage and deleting it, with and without its data (SPEC §11).
@Suite struct SubaccountEndTests {
    static func subaccount(_ server: InProcessServer, parent: String, _ body: String) async throws -> (id: String, key: String) {
        let made = try await HTTPExchange.send("POST", server.baseURL + "/v1/subaccounts", key: parent, contentType: "application/json", body: Data(body.utf8))
        try #require(made.status == 201, "\(made.text)")
        return (try #require((made.json["subaccount"] as? [String: Any])?["accountId"] as? String), try #require(made.json["apiKey"] as? String))
    }

    @Test func aResetGivesTheShareBackAndADeletedSubaccountIsGoneWithItsKeys() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let parent = try await server.key(account: "agency")
        let (id, key) = try await Self.subaccount(server, parent: parent, #"{"name": "once", "share": {"sourcesPerMonth": 1}}"#)
        let (form, type) = HTTPExchange.multipart(fields: [("width", "50")], files: [("file", "small.jpg", SubaccountTests.small)])
        let send = { try await HTTPExchange.send("POST", server.baseURL + "/v1/process", key: key, contentType: type, body: form) }
        #expect(try await send().status == 200)
        #expect(try await send().errorCode == "SHARE_EXHAUSTED")
        let reset = try await HTTPExchange.send("POST", server.baseURL + "/v1/subaccounts/\(id)/reset-usage", key: parent)
        #expect(reset.status == 200 && (reset.json["quota"] as? [String: Any])?["quotaUsedBytes"] as? Int == 0, "\(reset.text)")
        #expect(try await send().status == 200, "the share counts from zero again")
        #expect(try await send().errorCode == "SHARE_EXHAUSTED")
        // The parent's own usage still holds both sources of the sub-account's month.
        let usage = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: parent)
        #expect(((usage.json["planUsage"] as? [String: Any])?["month"] as? [String: Any])?["sources"] as? Int == 2, "\(usage.text)")

        // Deleted: its key is refused, it is not listed, its name is free again.
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/subaccounts/\(id)?deleteData=maybe", key: parent).status == 400)
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/subaccounts/\(id)", key: parent).status == 204)
        #expect(try await send().status == 401)
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/subaccounts/\(id)", key: parent).status == 404)
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/subaccounts/\(id)", key: parent).status == 404)
        let list = try await HTTPExchange.send("GET", server.baseURL + "/v1/subaccounts", key: parent)
        #expect((list.json["subaccounts"] as? [Any])?.isEmpty == true, "\(list.text)")
        _ = try await Self.subaccount(server, parent: parent, #"{"name": "once"}"#)
    }

    @Test func deletingWithItsDataRemovesItsJobsLibraryAndConfigurations() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let parent = try await server.key(account: "agency")
        let (id, key) = try await Self.subaccount(server, parent: parent, #"{"name": "full"}"#)
        _ = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: key, contentType: "application/json",
                                        body: Data(#"{"id": "gray", "features": [{"type": "grayscale"}]}"#.utf8))
        let upload = try await AssetTests.upload(server, key: key, folder: "/mine", files: [("small.jpg", SubaccountTests.small)])
        #expect(upload.status == 201)
        let (form, type) = HTTPExchange.multipart(fields: [("configId", "gray")], files: [("sources", "other.jpg", SubaccountTests.small + Data([0]))])
        let job = try await AssetTests.finished(server, key: key, try await HTTPExchange.send("POST", server.baseURL + "/v1/jobs", key: key, contentType: type, body: form))
        #expect(job.status == "succeeded")
        let blobsBefore = server.storedBlobs.count
        #expect(blobsBefore >= 2, "\(server.storedBlobs)")
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/subaccounts/\(id)?deleteData=true", key: parent).status == 204)
        let accountID = try #require(AccountID(id))
        #expect(try await server.env.store.configurations(account: accountID, after: nil, limit: 10).isEmpty)
        #expect(try await server.env.store.folderProperties(account: accountID, path: .root).files == 0)
        #expect(try await server.env.store.job(account: accountID, id: job.jobId)?.deletedAt != nil)
        #expect(server.storedBlobs.isEmpty, "\(server.storedBlobs)")
    }
}
