import Foundation
import PipelineTestSupport
import Packaging
import PipelineStorePostgres
import Testing

/// `pipeline serve` on PostgreSQL as several processes: an API process and worker processes on
/// one database and one shared data folder. Runs when `PIPELINE_TEST_POSTGRES` names a server
/// (`scripts/test` starts one); otherwise each test is reported as skipped, with the reason.
@Suite(.serialized) struct ScaleOutTests {
    static let server = ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES"].flatMap { try? DatabaseURL($0) }
    static let reason: Comment = "PIPELINE_TEST_POSTGRES is not set: the PostgreSQL server tests were NOT run"
    let samples = ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"].map { "\(repositoryRoot)/Samples/\($0)" }

    /// A new, empty database on the test server.
    private func database() async throws -> String {
        let server = try #require(Self.server)
        let name = "serve_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStore.createDatabase(name, on: server)
        return server.with(database: name).description
    }

    private func outputs(_ client: ServerClient, _ jobID: String, folder: TemporaryFolder) async throws -> [String: [UInt8]] {
        let archive = try await client.get("/v1/jobs/\(jobID)/archive")
        #expect(archive.status == 200)
        let reader = try ZipArchiveReader(path: try writeTemporary(archive.body, folder))
        var files: [String: [UInt8]] = [:]
        for name in reader.entryNames where name.hasPrefix("output/") { files[name] = try reader.read(name) }
        return files
    }

    /// One job through the SQLite server and through an API and a worker process on
    /// PostgreSQL: the same output files, byte for byte.
    @Test(.enabled(if: server != nil, reason))
    func oneJobGivesTheSameFilesOnSQLiteAndOnPostgreSQL() async throws {
        let folder = try TemporaryFolder("scale-same")
        let lite = try ServerProcess(data: "\(folder.path)/sqlite")
        let database = try await database()
        let api = try ServerProcess(data: "\(folder.path)/shared", arguments: ["--database", database, "--role", "api"])
        let worker = try ServerProcess(data: "\(folder.path)/shared", arguments: ["--database", database, "--role", "worker"])
        try await lite.start()
        try await api.start()
        try await worker.start()
        let pack = try String(contentsOfFile: "\(repositoryRoot)/Configurations/social-media-pack.json", encoding: .utf8)
        var results: [[String: [UInt8]]] = []
        for server in [lite, api] {
            let client = ServerClient(server, key: try await server.createKey().key)
            #expect(try await client.post("/v1/configurations", json: pack).status == 201)
            let accepted = try await client.upload("social-media-pack", files: samples)
            let jobID = try #require(accepted.json["jobId"] as? String, "\(accepted.text)")
            _ = try await client.waitForJob(jobID, status: "succeeded")
            results.append(try await outputs(client, jobID, folder: folder))
        }
        #expect(results[0].count == 30)
        #expect(results[0] == results[1])
        #expect(api.output.contains("role=api") && worker.output.contains("job succeeded") && !api.output.contains("job processing"))
    }

    /// Two API processes on one database and data folder serve the same rendering URL: the first
    /// renders it, the second finds the result in the shared cache; a configuration replaced
    /// through one is rendered anew by the other, and an asset deleted through one is gone from
    /// both at once.
    @Test(.enabled(if: server != nil, reason))
    func apiProcessesShareRenderedResultsThroughTheDataFolder() async throws {
        let folder = try TemporaryFolder("scale-render")
        let database = try await database()
        let arguments = ["--database", database, "--role", "api", "--render-timeout", "300"]
        let first = try ServerProcess(data: "\(folder.path)/shared", arguments: arguments)
        let second = try ServerProcess(data: "\(folder.path)/shared", arguments: arguments)
        try await first.start()
        try await second.start()
        let key = try await first.createKey().key
        let one = ServerClient(first, key: key), two = ServerClient(second, key: key)
        let pack = try String(contentsOfFile: "\(repositoryRoot)/Configurations/social-media-pack.json", encoding: .utf8)
        #expect(try await one.post("/v1/configurations", json: pack).status == 201)
        let (body, type) = HTTPExchange.multipart(fields: [("folder", "/shop")], files: [("files", "leaf.jpg", try Data(contentsOf: URL(fileURLWithPath: samples[1])))])
        let stored = try await HTTPExchange.send("POST", first.baseURL + "/v1/assets", key: key, contentType: type, body: body)
        let asset = try #require((stored.json["assets"] as? [[String: Any]])?.first?["assetId"] as? String, "\(stored.text)")
        #expect(try await HTTPExchange.send("PATCH", second.baseURL + "/v1/account", key: key, contentType: "application/json",
                                            body: Data(#"{"realtimeRendering": true}"#.utf8)).status == 200)
        let made = try await one.get("/v1/assets/\(asset)/render-url?configId=social-media-pack&output=instagram-square/jpeg")
        let url = try #require(made.json["url"] as? String, "\(made.text)")
        let path = String(url.dropFirst(first.baseURL.count))
        let miss = try await HTTPExchange.send("GET", first.baseURL + path)
        #expect(miss.status == 200 && miss.headers["x-render"] == "miss", "\(miss.text.prefix(300))")
        let hit = try await HTTPExchange.send("GET", second.baseURL + path)
        #expect(hit.status == 200 && hit.headers["x-render"] == "hit" && hit.body == miss.body, "the other process reads the shared cache")
        var document = try JSONSerialization.jsonObject(with: Data(pack.utf8)) as! [String: Any]
        document["output"] = ["quality": 40]
        let replaced = try await HTTPExchange.send("PUT", first.baseURL + "/v1/configurations/social-media-pack", key: key, contentType: "application/json",
                                                   body: try JSONSerialization.data(withJSONObject: document))
        #expect(replaced.status == 200)
        let anew = try await HTTPExchange.send("GET", second.baseURL + path)
        #expect(anew.status == 200 && anew.headers["x-render"] == "miss" && anew.body.count < miss.body.count)
        #expect(try await one.delete("/v1/assets/\(asset)").status == 204)
        #expect(try await HTTPExchange.send("GET", second.baseURL + path).status == 404)
        #expect(try await HTTPExchange.send("GET", first.baseURL + path).status == 404)
    }

    /// Two API processes on one database share a key's requests per minute: requests sent to
    /// them in turn get 60 (plus what refills while they run) in all, not 60 each, and the
    /// `Retry-After` of the one that is refused lets the next through on the other process.
    @Test(.enabled(if: server != nil, reason))
    func apiProcessesShareAKeysRequestsPerMinute() async throws {
        let folder = try TemporaryFolder("scale-rate")
        let database = try await database()
        let first = try ServerProcess(data: "\(folder.path)/shared", arguments: ["--database", database, "--role", "api"])
        let second = try ServerProcess(data: "\(folder.path)/shared", arguments: ["--database", database, "--role", "api"])
        #expect(try await serverCommand(["plans", "set", "sixty", "--requests-per-minute", "60", "--data", first.data, "--database", database]).status == 0)
        #expect(try await serverCommand(["accounts", "create", "busy", "--plan", "sixty", "--data", first.data, "--database", database]).status == 0)
        let key = try await first.createKey(account: "busy").key
        try await first.start()
        try await second.start()
        let clients = [ServerClient(first, key: key), ServerClient(second, key: key)]
        let started = Date()
        var allowed = 0
        var refusal: (HTTPExchange, Int)?
        for index in 0..<300 {
            let answer = try await clients[index % 2].get("/v1/templates")
            if answer.status == 429 { refusal = (answer, index % 2); break }
            #expect(answer.status == 200, "\(answer.text)")
            allowed += 1
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(allowed >= 60 && Double(allowed) <= 60 + elapsed.rounded(.up), "\(allowed) allowed in \(elapsed) s by two processes")
        let (refused, by) = try #require(refusal)
        #expect(refused.errorCode == "RATE_LIMIT_EXCEEDED")
        let wait = try #require(Int(refused.headers["retry-after"] ?? ""))
        #expect((1...60).contains(wait))
        try await Task.sleep(for: .seconds(wait))
        #expect(try await clients[1 - by].get("/v1/templates").status == 200)
    }

    /// An API process and two workers; one worker is killed (-9) while jobs run and started
    /// again. Every job succeeds, is delivered once under one webhook-id, and the one that was
    /// running when the worker died is taken back when its lease expires.
    @Test(.enabled(if: server != nil, reason))
    func workersShareTheQueueAndAKilledWorkersJobIsTakenBack() async throws {
        let folder = try TemporaryFolder("scale-kill")
        let database = try await database()
        let shared = ["--database", database, "--lease-seconds", "3"]
        let api = try ServerProcess(data: "\(folder.path)/shared", arguments: shared + ["--role", "api"])
        let workers = try (0..<2).map { _ in try ServerProcess(data: "\(folder.path)/shared", arguments: shared + ["--role", "worker"]) }
        try await api.start()
        let (key, secret) = try await api.createKey()
        let client = ServerClient(api, key: key)
        let receiver = try await startReceiver(out: "\(folder.path)/inbox", secret: secret)
        defer { receiver.task.cancel() }
        // Ten outputs of a 2560 px photo: long enough to be killed in the middle. Every job is
        // queued before the workers start, so both have work from the start.
        let pack = try String(contentsOfFile: "\(repositoryRoot)/Configurations/social-media-pack.json", encoding: .utf8)
        #expect(try await client.post("/v1/configurations", json: pack).status == 201)
        var jobs: [String] = []
        for _ in 0..<12 {
            let accepted = try await client.upload("social-media-pack", files: [samples[1]], fields: [("postbackUrl", receiver.url)])
            jobs.append(try #require(accepted.json["jobId"] as? String, "\(accepted.text)"))
        }
        for worker in workers { try await worker.start() }
        // Kill the first worker as soon as it holds a job.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !workers[0].output.contains("job processing") { try await Task.sleep(for: .milliseconds(20)) }
        #expect(workers[0].stop(SIGKILL) != nil)
        try await workers[0].start()
        var webhookIDs: Set<String> = []
        for jobID in jobs {
            let job = try await client.waitForJob(jobID, status: "succeeded")
            let delivery = try #require(job["delivery"] as? [String: Any])
            #expect(delivery["state"] as? String == "delivered")
            #expect((delivery["attempts"] as? [[String: Any]])?.count == 1)
            webhookIDs.insert(delivery["webhookId"] as? String ?? "")
        }
        #expect(webhookIDs.count == 12)
        // Each job reached the receiver, unpacked into its own folder; each was finished by one
        // worker once (a killed run never finishes).
        let inbox = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder.path)/inbox")) ?? []
        #expect(Set(inbox).isSuperset(of: jobs))
        let ran = workers.map { $0.output.components(separatedBy: "job delivering").count - 1 }
        #expect(ran.reduce(0, +) == 12, "\(ran)")
        // The claims: the killed worker's lease ran out and was taken back; every job was
        // completed by exactly one claim; no two claims of a job overlapped.
        let audit = try await psql(database, """
            SELECT (SELECT COUNT(*) FROM job_claims WHERE outcome = 'expired'),
                   (SELECT COUNT(*) FROM (SELECT job_id FROM job_claims WHERE outcome = 'completed' GROUP BY job_id HAVING COUNT(*) = 1) once),
                   (SELECT COUNT(*) FROM job_claims a JOIN job_claims b ON a.job_id = b.job_id AND a.run < b.run
                     WHERE b.claimed_at < COALESCE(a.ended_at, a.lease_until) OR b.claimed_at < a.lease_until AND a.outcome = 'expired')
            """)
        #expect(audit == "1|12|0", "expired claims | jobs completed once | overlapping claims: \(audit)")
    }

    /// One value line of `query` on `database` (psql, fields joined by |).
    private func psql(_ database: String, _ query: String) async throws -> String {
        let url = try DatabaseURL(database)
        let result = try await runProcess("/usr/bin/psql", ["-h", url.host, "-p", String(url.port), "-U", url.username, "-d", url.database,
                                                      "-At", "-c", query])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
