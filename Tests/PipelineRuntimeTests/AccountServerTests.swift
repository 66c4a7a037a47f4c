import Foundation
import PipelineTestSupport
import PipelineStore
import Testing

/// Plans, quotas, rate limits, allow-lists, sub-accounts and usage as a client meets them: a
/// real `pipeline-server` process over a real SQLite file, real uploads over loopback.
@Suite(.serialized) struct AccountServerTests {
    let jpeg = "\(repositoryRoot)/Tests/ImagingTests/Fixtures/matrix/baseline.jpg"
    let oneOutput = #"{"id": "small", "features": [{"type": "resize", "outputs": [{"width": 64}]}]}"#

    /// An account on `plan` with a key, made with the operator's commands.
    private func account(_ server: ServerProcess, _ name: String, plan: String) async throws -> ServerClient {
        let made = try await serverCommand(["accounts", "create", name, "--plan", plan, "--data", server.data])
        #expect(made.status == 0, "\(made.stderr)")
        return ServerClient(server, key: try await server.createKey(account: name).key)
    }

    private func errorOf(_ exchange: HTTPExchange) -> (Int, String?) { (exchange.status, exchange.errorCode) }

    /// Fifty uploads at once with ten sources left today: exactly ten are queued, forty get 429
    /// `DAILY_QUOTA_EXCEEDED` with a `Retry-After` until midnight UTC, and usage says ten. Five
    /// times, on five fresh accounts.
    @Test func fiftyConcurrentUploadsAgainstTenSourcesLeftQueueExactlyTen() async throws {
        let folder = try TemporaryFolder("quota-race")
        let server = try ServerProcess(data: "\(folder.path)/data")
        #expect(try await serverCommand(["plans", "set", "ten-a-day", "--sources-per-day", "10", "--data", server.data]).status == 0)
        try await server.start()
        var acceptedJobs: [(ServerClient, String)] = []
        for round in 1...5 {
            let client = try await account(server, "race-\(round)", plan: "ten-a-day")
            #expect(try await client.post("/v1/configurations", json: oneOutput).status == 201)
            let answers = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
                for _ in 0..<50 { group.addTask { try await client.upload("small", files: [jpeg]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let midnight = UsageCalendar.nextMidnight(after: Date()).timeIntervalSinceNow
            #expect(answers.filter { $0.status == 202 }.count == 10, "round \(round)")
            acceptedJobs += answers.compactMap { answer in (answer.json["jobId"] as? String).map { (client, $0) } }
            let refused = answers.filter { $0.status != 202 }
            #expect(refused.count == 40 && refused.allSatisfy { $0.status == 429 && $0.errorCode == "DAILY_QUOTA_EXCEEDED" },
                    "round \(round): \(Set(refused.map { "\($0.status) \($0.text)" }))")
            for answer in refused {
                let retry = Double(answer.headers["retry-after"] ?? "") ?? -1
                #expect(abs(retry - midnight) < 120, "Retry-After \(retry) s, midnight in \(midnight) s")
            }
            #expect(try await client.usage("today", "sources") == 10)
            #expect(try await client.usage("today", "jobs") == 10)
            #expect(((try await client.get("/v1/account").json["remaining"]) as? [String: Any])?["sourcesToday"] as? Int == 0)
            // With nothing left, the next upload is refused before its body is read.
            let earlyRefusals = { server.output.components(separatedBy: "upload refused before its body").count - 1 }
            let before = earlyRefusals()
            let late = try await client.upload("small", files: [jpeg])
            #expect(late.status == 429 && late.errorCode == "DAILY_QUOTA_EXCEEDED", "\(late.text)")
            #expect(earlyRefusals() == before + 1, "round \(round): the late upload was read before it was refused")
        }
        // What was refused left nothing behind; what was accepted is all there. The worker writes
        // archives through the temporary folder too, so the accepted jobs must have ended first.
        #expect(acceptedJobs.count == 50)
        for (client, jobID) in acceptedJobs {
            try await client.waitForJob(jobID) { ["succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        }
        // Each accepted upload is kept in the library (`/uploads/<jobId>/`), the refused ones are
        // not; the ten uploads of one account share one blob (the same bytes).
        for (client, jobID) in acceptedJobs {
            let folder = try await client.get("/v1/folders?path=/uploads/\(jobID)")
            #expect((folder.json["assets"] as? [[String: Any]])?.count == 1, "\(jobID): \(folder.text)")
        }
        var clients: [String: ServerClient] = [:]
        for (client, _) in acceptedJobs { clients[client.key] = client }
        for client in clients.values {
            let uploads = try await client.get("/v1/folders/properties?path=/uploads")
            #expect(uploads.json["files"] as? Int == 10, "\(uploads.text)")
        }
        let blobs = "\(server.data)/blobs"
        let kept = FileManager.default.enumerator(atPath: "\(blobs)/assets")?.allObjects.compactMap { $0 as? String }
            .filter { !FileManager.default.isDirectory("\(blobs)/assets/\($0)") } ?? []
        #expect(kept.count == 5, "one blob per account: \(kept)")
        #expect(!FileManager.default.fileExists(atPath: "\(blobs)/sources"), "no upload was a plain source")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: "\(blobs)/.tmp"))?.isEmpty == true)
        let metrics = try await HTTPExchange.send("GET", "\(server.baseURL)/metrics").text
        #expect(metrics.contains(#"pipeline_refusals_total{code="DAILY_QUOTA_EXCEEDED"} 205"#), "\(metrics)")
    }

    /// The 202 and the plan say how many credits a job takes, and the month's counter moves by
    /// exactly that; a source that fails gives its credits back when the job is done.
    @Test func creditsAreThePlannedWorkTimesTheSourcesAndTheMonthMovesByThem() async throws {
        let folder = try TemporaryFolder("credits")
        let server = try ServerProcess(data: "\(folder.path)/data")
        try await server.start()
        let client = try await account(server, "studio", plan: "paid")
        let pack = try String(contentsOfFile: "\(repositoryRoot)/Configurations/social-media-pack.json", encoding: .utf8)
        let planned = try await client.post("/v1/configurations/plan", json: pack).json["plan"] as? [String: Any]
        let perSource = try #require(planned?["creditsPerSource"] as? Int)
        #expect(perSource == planned?["plannedWork"] as? Int && perSource < (planned?["declaredWork"] as? Int ?? 0))
        #expect(try await client.post("/v1/configurations", json: pack).status == 201)
        let before = try await client.usage("month", "credits") ?? 0
        let samples = ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"].map { "\(repositoryRoot)/Samples/\($0)" }
        let accepted = try await client.upload("social-media-pack", files: samples)
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.json["creditsPerSource"] as? Int == perSource)
        #expect(accepted.json["credits"] as? Int == perSource * 3)
        #expect(try await client.usage("month", "credits") == before + perSource * 3)
        // One source of three that is not an image: its credits come back once the job ran.
        let text = "\(folder.path)/notes.jpg"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        let partial = try await client.upload("social-media-pack", files: [samples[1], text])
        let jobID = try #require(partial.json["jobId"] as? String)
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline, try await client.get("/v1/jobs/\(jobID)").json["status"] as? String != "partial" {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await client.get("/v1/jobs/\(jobID)").json["status"] as? String == "partial")
        #expect(try await client.usage("month", "credits") == before + perSource * 4)
        #expect(try await client.usage("today", "sourcesFailed") == 1)
    }

    /// 60 requests a minute: the next within the minute gets 429 with a `Retry-After` after
    /// which a request goes through.
    @Test func theSixtyFirstRequestInAMinuteWaitsForItsRetryAfter() async throws {
        let folder = try TemporaryFolder("rate")
        let server = try ServerProcess(data: "\(folder.path)/data")
        #expect(try await serverCommand(["plans", "set", "sixty", "--requests-per-minute", "60", "--data", server.data]).status == 0)
        try await server.start()
        let client = try await account(server, "busy", plan: "sixty")
        let started = Date()
        var allowed = 0
        var refusal: HTTPExchange?
        for _ in 0..<200 {
            let answer = try await client.get("/v1/templates")
            if answer.status == 429 { refusal = answer; break }
            #expect(answer.status == 200)
            allowed += 1
        }
        let elapsed = Date().timeIntervalSince(started)
        // A full bucket holds 60; it refills one a second while the loop runs.
        #expect(allowed >= 60 && Double(allowed) <= 60 + elapsed.rounded(.up), "\(allowed) allowed in \(elapsed) s")
        let refused = try #require(refusal)
        #expect(refused.errorCode == "RATE_LIMIT_EXCEEDED")
        let wait = try #require(Int(refused.headers["retry-after"] ?? ""))
        #expect((1...60).contains(wait))
        try await Task.sleep(for: .seconds(wait))
        #expect(try await client.get("/v1/templates").status == 200)

        // The operator's commands: the plans, an account's plan, suspension.
        let plans = try await serverCommand(["plans", "list", "--data", server.data]).stdout
        for name in ["free", "trial", "paid", "unlimited", "sixty"] { #expect(plans.contains("\n\(name)  ") || plans.hasPrefix("\(name)  "), "\(plans)") }
        let bad = try await serverCommand(["plans", "set", "sixty", "--sources-per-day", "lots", "--data", server.data])
        #expect(bad.status != 0 && bad.stderr.contains("--sources-per-day lots is not a whole number"))
        let other = try await account(server, "other", plan: "unlimited")
        #expect(try await other.get("/v1/account").status == 200)
        #expect(try await serverCommand(["accounts", "suspend", "other", "--data", server.data]).status == 0)
        #expect(errorOf(try await other.get("/v1/account")) == (403, "ACCOUNT_SUSPENDED"))
        #expect(try await serverCommand(["accounts", "reinstate", "other", "--data", server.data]).status == 0)
        #expect(try await other.get("/v1/account").status == 200)
        #expect(try await serverCommand(["accounts", "set-plan", "other", "free", "--data", server.data]).status == 0)
        #expect((try await other.get("/v1/account").json["plan"] as? [String: Any])?["name"] as? String == "free")
        #expect(try await serverCommand(["accounts", "list", "--data", server.data]).stdout.contains("other  plan free  active"))
    }

    /// curl from a given loopback address (the allow-list sees the socket's peer).
    private func curl(from address: String, _ url: String, key: String, headers: [String] = []) async throws -> (Int, String) {
        let result = try await runProcess("/usr/bin/curl", ["-s", "--interface", address, "-H", "Authorization: Bearer \(key)",
                                                      "-w", "\n%{http_code}"] + headers.flatMap { ["-H", $0] } + [url])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// Allow only 127.0.0.1: 127.0.0.2 is refused; a free plan holds three entries; behind a
    /// trusted proxy the forwarded address counts, from anyone else it does not.
    @Test func theAllowListAdmitsOnlyItsAddressesAndAFreePlanHoldsThree() async throws {
        let folder = try TemporaryFolder("allow")
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--trusted-proxy", "127.0.0.3"])
        try await server.start()
        let client = try await account(server, "shop", plan: "free")
        let url = "\(server.baseURL)/v1/account"
        #expect(try await curl(from: "127.0.0.2", url, key: client.key).0 == 200)
        let added = try await client.post("/v1/account/ips", json: #"{"address": "127.0.0.1"}"#)
        #expect(added.status == 200 && added.json["active"] as? Bool == true, "\(added.text)")
        #expect(try await client.get("/v1/account").status == 200)
        let (status, body) = try await curl(from: "127.0.0.2", url, key: client.key)
        #expect(status == 403 && body.contains("IP_NOT_ALLOWED") && body.contains("127.0.0.2"), "\(body)")
        #expect(try await client.post("/v1/account/ips", json: #"{"address": "192.0.2.0/24"}"#).status == 200)
        #expect(try await client.post("/v1/account/ips", json: #"{"address": "198.51.100.7"}"#).status == 200)
        let fourth = try await client.post("/v1/account/ips", json: #"{"address": "203.0.113.9"}"#)
        #expect(errorOf(fourth) == (403, "IP_LIMIT_REACHED"))
        #expect(fourth.json.description.contains("allows 3 addresses"))
        let bad = try await client.post("/v1/account/ips", json: #"{"address": "localhost"}"#)
        #expect(errorOf(bad) == (400, "BAD_REQUEST") && bad.text.contains("localhost"))
        let list = try await client.get("/v1/account/ips").json
        #expect((list["addresses"] as? [[String: Any]])?.count == 3 && list["limit"] as? Int == 3 && list["yourAddress"] as? String == "127.0.0.1")

        // 127.0.0.3 is a trusted proxy: the client it names is checked, not the proxy.
        #expect(try await curl(from: "127.0.0.3", url, key: client.key, headers: ["X-Forwarded-For: 192.0.2.44"]).0 == 200)
        #expect(try await curl(from: "127.0.0.3", url, key: client.key, headers: ["X-Forwarded-For: 203.0.113.1"]).0 == 403)
        // Anyone else's X-Forwarded-For is not believed.
        #expect(try await curl(from: "127.0.0.2", url, key: client.key, headers: ["X-Forwarded-For: 127.0.0.1"]).0 == 403)
        // Switched off, an entry admits no one; removed, the list is open again once empty.
        #expect(try await client.post("/v1/account/ips", json: #"{"address": "198.51.100.7", "active": false}"#).json["active"] as? Bool == false)
        #expect(try await client.delete("/v1/account/ips?address=192.0.2.0/24").status == 204)
        #expect(try await client.delete("/v1/account/ips?address=198.51.100.7").status == 204)
        #expect(try await client.delete("/v1/account/ips?address=127.0.0.1").status == 204)
        #expect(try await curl(from: "127.0.0.2", url, key: client.key).0 == 200)
    }

    /// A plan without AVIF or watermarks: saving a configuration that uses them is refused
    /// with every offending path; so is a job whose saved configuration the plan no longer
    /// covers; so are more configurations, longer storage and bigger uploads than the plan has.
    @Test func whatThePlanDoesNotIncludeIsRefusedWithItsPaths() async throws {
        let folder = try TemporaryFolder("plan-features")
        let server = try ServerProcess(data: "\(folder.path)/data")
        #expect(try await serverCommand(["plans", "set", "tiny", "--from", "free", "--bytes-per-upload", "4096", "--data", server.data]).status == 0)
        try await server.start()
        let client = try await account(server, "starter", plan: "free")
        let document = """
            {"id": "branded", "features": [
              {"type": "resize", "outputs": [{"width": 200}]},
              {"type": "watermark", "outputs": [{"text": "©", "size": 12}]},
              {"type": "convert", "outputs": [{"format": "webp"}, {"format": "avif"}]}]}
            """
        let refused = try await client.post("/v1/configurations", json: document)
        #expect(errorOf(refused) == (403, "FEATURE_NOT_IN_PLAN"), "\(refused.text)")
        let issues = ((refused.json["error"] as? [String: Any])?["issues"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(issues == ["features[1].type", "features[2].outputs[1].format"])
        let plan = try await client.post("/v1/configurations/plan", json: document).json
        #expect((plan["notInPlan"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == issues && plan["valid"] as? Bool == true)

        // Three configurations on a free plan, then 403.
        for id in ["one", "two", "three"] {
            #expect(try await client.post("/v1/configurations", json: oneOutput.replacingOccurrences(of: "small", with: id)).status == 201)
        }
        #expect(errorOf(try await client.post("/v1/configurations", json: oneOutput)) == (403, "CONFIGURATION_LIMIT_REACHED"))

        // Storage: at most 24 h on a free plan, never permanent.
        #expect(errorOf(try await client.upload("one", files: [jpeg], fields: [("storageDuration", "permanent")])) == (403, "STORAGE_DURATION_NOT_IN_PLAN"))
        #expect(errorOf(try await client.upload("one", files: [jpeg], fields: [("storageDuration", "48h")])) == (403, "STORAGE_DURATION_NOT_IN_PLAN"))
        #expect(errorOf(try await client.upload("one", files: [jpeg], fields: [("storageDuration", "forever")])) == (400, "BAD_REQUEST"))
        let kept = try await client.upload("one", files: [jpeg], fields: [("storageDuration", "12h")])
        #expect(kept.status == 202 && kept.json["storageDuration"] as? String == "12h", "\(kept.text)")
        #expect(try await client.upload("two", files: [jpeg]).json["storageDuration"] as? String == "24h")

        // Saved on a paid plan, run after moving to the free one: refused at job time.
        let shop = try await account(server, "shop", plan: "paid")
        #expect(try await shop.post("/v1/configurations", json: document).status == 201)
        #expect(try await serverCommand(["accounts", "set-plan", "shop", "free", "--data", server.data]).status == 0)
        let job = try await shop.upload("branded", files: [jpeg])
        #expect(errorOf(job) == (403, "FEATURE_NOT_IN_PLAN"))
        #expect(try await shop.get("/v1/jobs").json["jobs"] as? [Any] != nil)
        #expect((try await shop.get("/v1/jobs").json["jobs"] as? [Any])?.isEmpty == true)

        // Bytes per upload: the plan's limit, below the server's.
        let small = try await account(server, "little", plan: "tiny")
        #expect(try await small.post("/v1/configurations", json: oneOutput).status == 201)
        #expect(errorOf(try await small.upload("small", files: [jpeg])) == (413, "PAYLOAD_TOO_LARGE"))
    }

    /// A sub-account with a five-source share is refused at source six while its parent goes on;
    /// its usage is its own and shows in the parent's report; keys are managed over the API.
    @Test func aSubaccountsShareStopsItAtSourceSixWhileItsParentGoesOn() async throws {
        let folder = try TemporaryFolder("subaccounts")
        let server = try ServerProcess(data: "\(folder.path)/data")
        try await server.start()
        let parent = try await account(server, "agency", plan: "paid")
        let made = try await parent.post("/v1/subaccounts", json: #"{"name": "design", "share": {"sourcesPerMonth": 5}}"#)
        #expect(made.status == 201, "\(made.text)")
        let subKey = try #require(made.json["apiKey"] as? String)
        let subID = try #require((made.json["subaccount"] as? [String: Any])?["accountId"] as? String)
        #expect((made.json["webhookSecret"] as? String)?.hasPrefix("whsec_") == true)
        #expect(errorOf(try await parent.post("/v1/subaccounts", json: #"{"name": "design"}"#)) == (409, "SUBACCOUNT_EXISTS"))
        let sub = ServerClient(server, key: subKey)
        #expect(try await sub.get("/v1/account").json["name"] as? String == "agency/design")
        #expect(errorOf(try await sub.post("/v1/subaccounts", json: #"{"name": "nested"}"#)) == (403, "NOT_ALLOWED"))
        #expect(try await sub.post("/v1/configurations", json: oneOutput).status == 201)
        #expect(try await parent.post("/v1/configurations", json: oneOutput).status == 201)
        for index in 1...5 {
            #expect(try await sub.upload("small", files: [jpeg]).status == 202, "source \(index)")
        }
        let sixth = try await sub.upload("small", files: [jpeg])
        #expect(errorOf(sixth) == (429, "SHARE_EXHAUSTED"), "\(sixth.text)")
        #expect(Int(sixth.headers["retry-after"] ?? "") ?? 0 > 0)
        #expect(try await parent.upload("small", files: [jpeg]).status == 202)

        let report = try await parent.get("/v1/account/usage?granularity=month").json
        #expect((report["total"] as? [String: Any])?["sources"] as? Int == 1)
        let children = try #require(report["subaccounts"] as? [[String: Any]])
        #expect(children.count == 1 && children.first?["accountId"] as? String == subID)
        #expect((children.first?["total"] as? [String: Any])?["sources"] as? Int == 5)
        #expect((report["series"] as? [[String: Any]])?.count == 1)
        #expect(try await parent.usage("today", "sources", of: "planUsage") == 6)
        #expect(errorOf(try await parent.get("/v1/account/usage?from=2026-13-01")) == (400, "BAD_REQUEST"))

        // Keys over the API: one for the sub-account, shown once; revoked, it stops working.
        let created = try await parent.post("/v1/keys", json: "{\"accountId\": \"\(subID)\"}")
        #expect(created.status == 201)
        let newKey = try #require(created.json["apiKey"] as? String)
        let keyID = try #require((created.json["key"] as? [String: Any])?["keyId"] as? String)
        #expect(try await ServerClient(server, key: newKey).get("/v1/account").json["accountId"] as? String == subID)
        #expect((try await parent.get("/v1/keys").json["keys"] as? [[String: Any]])?.count == 3)
        let stranger = try await account(server, "stranger", plan: "paid")
        #expect(errorOf(try await stranger.delete("/v1/keys/\(keyID)")) == (404, "NOT_FOUND"))
        #expect(errorOf(try await stranger.post("/v1/keys", json: "{\"accountId\": \"\(subID)\"}")) == (404, "NOT_FOUND"))
        #expect(try await parent.delete("/v1/keys/\(keyID)").status == 204)
        #expect(errorOf(try await ServerClient(server, key: newKey).get("/v1/account")) == (401, "INVALID_API_KEY"))
        // Suspending the parent suspends its sub-accounts; reinstating it lets both back in.
        #expect(try await serverCommand(["accounts", "suspend", "agency", "--data", server.data]).status == 0)
        #expect(errorOf(try await parent.get("/v1/account")) == (403, "ACCOUNT_SUSPENDED"))
        let held = try await sub.get("/v1/account")
        #expect(errorOf(held) == (403, "ACCOUNT_SUSPENDED") && held.text.contains("with its parent"), "\(held.text)")
        #expect(try await serverCommand(["accounts", "reinstate", "agency", "--data", server.data]).status == 0)
        #expect(try await sub.get("/v1/account").status == 200)
        #expect(try await parent.get("/v1/account").status == 200)
    }
}
