import Delivery
import Foundation
import PipelineTestSupport
import Packaging
import PipelineCore
import PipelineReceiver
import Synchronization
import Testing

/// `pipeline serve` as a user runs it: a real server process on a loopback port over a real
/// SQLite file, real uploads, a real postback receiver.
@Suite(.serialized) struct ServerTests {
    /// In the order `pipeline run` takes them from the folder (by name), so manifests match.
    let samples = ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"]

    private func sampleFiles(_ names: [String]) throws -> [(String, String, Data)] {
        try names.map { ("sources", $0, try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Samples/\($0)"))) }
    }

    private func saveConfiguration(_ server: ServerProcess, key: String, file: String = "social-media-pack") async throws -> HTTPExchange {
        let document = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Configurations/\(file).json"))
        return try await HTTPExchange.send("POST", "\(server.baseURL)/v1/configurations", key: key, contentType: "application/json", body: document)
    }

    /// Makes a key, starts the server and saves `Configurations/FILE.json` with that key.
    private func startWithConfiguration(_ server: ServerProcess, file: String = "social-media-pack") async throws -> String {
        let (key, _) = try await server.createKey()
        try await server.start()
        #expect(try await saveConfiguration(server, key: key, file: file).status == 201)
        return key
    }

    private func upload(_ server: ServerProcess, key: String, fields: [(String, String)], files: [(String, String, Data)]) async throws -> HTTPExchange {
        let (body, type) = HTTPExchange.multipart(fields: fields, files: files)
        return try await HTTPExchange.send("POST", "\(server.baseURL)/v1/jobs", key: key, contentType: type, body: body)
    }

    /// Polls the job until `done` holds, at most `timeout` seconds.
    @discardableResult
    private func waitForJob(_ server: ServerProcess, key: String, _ jobID: String, timeout: Double = 300,
                            until done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        try await ServerClient(server, key: key).waitForJob(jobID, timeout: timeout, until: done)
    }

    private func files(under folder: String) -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue {
                found[path] = FileManager.default.contents(atPath: "\(folder)/\(path)")
            }
        }
        return found
    }

    @Test func aSavedConfigurationRunsAnUploadAndDeliversTheCLIsFilesSigned() async throws {
        let folder = try TemporaryFolder("serve-e2e")
        let server = try ServerProcess(data: "\(folder.path)/data")
        let (key, secret) = try await server.createKey()
        #expect(key.hasPrefix("ipk_") && secret.hasPrefix("whsec_"))
        try await server.start()
        #expect(try await HTTPExchange.send("GET", "\(server.baseURL)/healthz").json["status"] as? String == "ok")
        let templates = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/templates", key: key)
        #expect((templates.json["templates"] as? [[String: Any]])?.contains { $0["name"] as? String == "instagram-square" } == true)
        let plan = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/configurations/plan", key: key, contentType: "application/json",
                                               body: Data(#"{"features": [{"type": "resize", "outputs": [{"width": 0}]}]}"#.utf8))
        #expect(plan.status == 200 && plan.json["valid"] as? Bool == false)
        #expect((plan.json["issues"] as? [[String: Any]])?.first?["path"] as? String == "features[0].outputs[0].width")
        let saved = try await saveConfiguration(server, key: key)
        #expect(saved.status == 201, "\(saved.text)")
        #expect(saved.json["configId"] as? String == "social-media-pack")
        #expect((saved.json["plan"] as? [String: Any])?["outputsPerSource"] as? Int == 10)
        let (url, receiver) = try await startReceiver(out: "\(folder.path)/inbox", secret: secret)
        defer { receiver.cancel() }
        let accepted = try await upload(server, key: key, fields: [("configId", "social-media-pack"), ("postbackUrl", url)], files: try sampleFiles(samples))
        #expect(accepted.status == 202, "\(accepted.text)")
        let jobID = try #require(accepted.json["jobId"] as? String)
        #expect(accepted.json["status"] as? String == "queued")
        #expect(accepted.json["statusUrl"] as? String == "\(server.baseURL)/v1/jobs/\(jobID)")
        let job = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "succeeded" }
        let delivery = try #require(job["delivery"] as? [String: Any])
        #expect(delivery["state"] as? String == "delivered")
        #expect((delivery["attempts"] as? [[String: Any]])?.map { $0["httpStatus"] as? Int } == [200])
        #expect((job["sources"] as? [[String: Any]])?.map { $0["outputs"] as? Int } == [10, 10, 10])

        // The receiver verified the signature with the account's secret and unpacked the ZIP:
        // its output files are byte for byte those of `pipeline run` over the same files.
        let cli = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/social-media-pack.json"] + samplePhotos
                                    + ["-o", "\(folder.path)/cli.zip"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let reader = try ZipArchiveReader(path: "\(folder.path)/cli.zip")
        let delivered = files(under: "\(folder.path)/inbox/\(jobID)/output")
        let expected = reader.entryNames.filter { $0.hasPrefix("output/") }
        #expect(delivered.count == 30 && expected.count == 30)
        for name in expected {
            #expect(delivered[String(name.dropFirst("output/".count))] == Data(try reader.read(name)), "\(name)")
        }
        // The archive is there too, with its sha256 as the ETag; and the job is in the list.
        let archive = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(jobID)/archive", key: key)
        #expect(archive.status == 200 && archive.headers["content-type"] == "application/zip")
        #expect(archive.headers["etag"] == "\"\(Digest.sha256(file: try writeTemporary(archive.body, folder)) ?? "")\"")
        let account = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/account", key: key).json
        #expect(account["configurations"] as? Int == 1 && (account["jobs"] as? [String: Int])?["succeeded"] == 1)
        let configurations = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/configurations", key: key)
        #expect((configurations.json["configurations"] as? [[String: Any]])?.map { $0["configId"] as? String } == ["social-media-pack"])
        let list = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs?status=succeeded", key: key)
        #expect((list.json["jobs"] as? [[String: Any]])?.map { $0["jobId"] as? String } == [jobID])
        let metrics = try await HTTPExchange.send("GET", "\(server.baseURL)/metrics").text
        #expect(metrics.contains(#"pipeline_jobs{status="succeeded"} 1"#), "\(metrics)")
        #expect(metrics.contains("pipeline_queue_depth 0"))
        #expect(metrics.contains(#"pipeline_delivery_attempts_total{outcome="delivered"} 1"#))
        #expect(metrics.contains(#"pipeline_source_seconds_count 3"#))
        #expect(metrics.contains(#"http_requests_total{method="POST",route="/v1/jobs",status="202"} 1"#))
        #expect(server.stop(SIGTERM) == 0)
    }

    @Test func aJobCutOffByKillNineRunsAgainToTheSameBytesAsTheCLI() async throws {
        let folder = try TemporaryFolder("serve-kill")
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--lease-seconds", "3"])
        let key = try await startWithConfiguration(server, file: "responsive-web")
        let accepted = try await upload(server, key: key, fields: [("configId", "responsive-web")], files: try sampleFiles(samples))
        let jobID = try #require(accepted.json["jobId"] as? String)
        _ = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "processing" }
        #expect(server.stop(SIGKILL) == SIGKILL)
        try await server.start()
        let job = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "succeeded" }
        #expect((job["sources"] as? [[String: Any]])?.count == 3)
        #expect(server.output.contains("requeued=1"), "\(server.output)")
        let archive = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(jobID)/archive", key: key)
        let cli = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/responsive-web.json"] + samplePhotos
                                    + ["-o", "\(folder.path)/cli.zip", "--job-id", jobID])
        #expect(cli.status == 0)
        #expect(archive.body == (try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/cli.zip"))))
        #expect(files(under: "\(server.data)/blobs/.tmp").isEmpty)
    }

    @Test func aDeliveryCutOffByARestartResumesWithTheSameWebhookID() async throws {
        let folder = try TemporaryFolder("serve-delivery")
        let receiver = ScriptedServer([.init(status: 503, headers: ["Retry-After": "2"]), .init(status: 200)])
        let url = try await receiver.start()
        let server = try ServerProcess(data: "\(folder.path)/data")
        let (key, secret) = try await server.createKey()
        try await server.start()
        #expect(try await saveConfiguration(server, key: key, file: "thumbnails").status == 201)
        let small = ("sources", "small.jpg", try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg")))
        let accepted = try await upload(server, key: key, fields: [("configId", "thumbnails"), ("postbackUrl", url)], files: [small])
        let jobID = try #require(accepted.json["jobId"] as? String)
        _ = try await waitForJob(server, key: key, jobID) {
            (($0["delivery"] as? [String: Any])?["attempts"] as? [Any])?.count == 1
        }
        #expect(server.stop(SIGTERM) == 0)
        try await server.start()
        let job = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "succeeded" }
        let delivery = try #require(job["delivery"] as? [String: Any])
        #expect((delivery["attempts"] as? [[String: Any]])?.map { $0["httpStatus"] as? Int } == [503, 200])
        let requests = receiver.requests
        #expect(requests.count == 2)
        #expect(Set(requests.map { $0.headers["webhook-id"] ?? "" }).count == 1)
        #expect(requests.map { $0.headers["webhook-id"] ?? "" }.first == delivery["webhookId"] as? String)
        for request in requests {
            try WebhookSignature.verify(id: request.headers["webhook-id"], timestamp: request.headers["webhook-timestamp"],
                                        signatures: request.headers["webhook-signature"], bodyFile: request.bodyFile,
                                        secret: try WebhookSecret(secret))
        }
        // A redelivery is a new delivery with a new webhook-id.
        let again = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/jobs/\(jobID)/redeliver", key: key)
        #expect(again.status == 202)
        let redelivered = try await waitForJob(server, key: key, jobID) {
            (($0["delivery"] as? [String: Any])?["state"] as? String) == "delivered" && (($0["delivery"] as? [String: Any])?["webhookId"] as? String) != delivery["webhookId"] as? String
        }
        #expect((redelivered["delivery"] as? [String: Any])?["webhookId"] as? String == again.json["webhookId"] as? String)
        #expect(receiver.requests.count == 3)
    }

    @Test func anArchivePastRetentionIsGoneButTheJobStays() async throws {
        let folder = try TemporaryFolder("serve-retention")
        // Retention of about a second, swept every second.
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--retention-hours", "0.0003", "--lease-seconds", "3"])
        let key = try await startWithConfiguration(server, file: "thumbnails")
        let small = ("sources", "small.jpg", try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg")))
        let accepted = try await upload(server, key: key, fields: [("configId", "thumbnails")], files: [small])
        let jobID = try #require(accepted.json["jobId"] as? String)
        let job = try await waitForJob(server, key: key, jobID) { ($0["archiveExpired"] as? Bool) == true }
        #expect(job["status"] as? String == "succeeded")
        #expect(job["archiveUrl"] == nil)
        let archive = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(jobID)/archive", key: key)
        #expect(archive.status == 410 && archive.errorCode == "ARCHIVE_EXPIRED")
        #expect(files(under: "\(server.data)/blobs").isEmpty)
        #expect(server.stop(SIGTERM) == 0)
    }

    @Test func sourceURLsAreFetchedByTheWorkerWithRedirectAndSizeLimits() async throws {
        let folder = try TemporaryFolder("serve-urls")
        let small = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg")))
        let origin = ScriptedServer([])
        let base = try await origin.start().replacingOccurrences(of: "/hook", with: "")
        // In fetch order: the good source; then a redirect chain longer than 3; then a body past the limit.
        let redirect = ScriptedServer.Answer(status: 302, headers: ["Location": "\(base)/again"])
        origin.replaceScript([.init(status: 200, body: small), redirect, redirect, redirect, redirect,
                              .init(status: 200, body: [UInt8](repeating: 1, count: 70_000))])
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--max-source-bytes", "60000"])
        let key = try await startWithConfiguration(server, file: "thumbnails")
        let body = try JSONSerialization.data(withJSONObject: ["configId": "thumbnails", "sourceUrls": ["\(base)/photos/small.jpg", "\(base)/loop", "\(base)/big.jpg"]])
        let accepted = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/jobs", key: key, contentType: "application/json", body: body)
        #expect(accepted.status == 202, "\(accepted.text)")
        let jobID = try #require(accepted.json["jobId"] as? String)
        let job = try await waitForJob(server, key: key, jobID) { ["succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        #expect(job["status"] as? String == "partial")
        let sources = try #require(job["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["small.jpg", "loop", "big.jpg"])
        #expect(sources.map { $0["status"] as? String } == ["succeeded", "failed", "failed"])
        #expect(sources[0]["outputs"] as? Int == 6)
        #expect(sources[1]["code"] as? String == "SOURCE_FETCH_FAILED")
        #expect((sources[1]["message"] as? String)?.contains("redirects more than 3 times") == true, "\(sources[1])")
        #expect((sources[2]["message"] as? String)?.contains("larger than the limit of 60000 bytes") == true, "\(sources[2])")
        #expect(origin.requests.count == 6)
        for bad in [#"{"configId": "thumbnails", "sourceUrls": []}"#, #"{"configId": "thumbnails", "sourceUrls": ["file:///etc/passwd"]}"#, #"{"sourceUrls": 3}"#] {
            let refused = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/jobs", key: key, contentType: "application/json", body: Data(bad.utf8))
            #expect(refused.status == 400 && refused.errorCode == "BAD_REQUEST", "\(bad): \(refused.text)")
        }
        #expect(files(under: "\(server.data)/blobs/.tmp").isEmpty)
    }

    @Test func aJSONNotificationVerifiesWithTheStandardWebhooksLibraryAndLinksToTheArchiveWithoutAKey() async throws {
        let folder = try TemporaryFolder("serve-json")
        let receiver = ScriptedServer([.init(status: 200)])
        let url = try await receiver.start()
        let server = try ServerProcess(data: "\(folder.path)/data")
        let (key, secret) = try await server.createKey()
        try await server.start()
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Configurations/thumbnails.json"))) as! [String: Any]
        document["postbackUrl"] = url
        document["postbackFormat"] = "json"
        let saved = try await HTTPExchange.send("POST", "\(server.baseURL)/v1/configurations", key: key, contentType: "application/json",
                                                body: try JSONSerialization.data(withJSONObject: document))
        #expect(saved.status == 201, "\(saved.text)")
        #expect((saved.json["configuration"] as? [String: Any])?["postbackFormat"] as? String == "json")
        let small = ("sources", "small.jpg", try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg")))
        let accepted = try await upload(server, key: key, fields: [("configId", "thumbnails")], files: [small])
        let jobID = try #require(accepted.json["jobId"] as? String)
        _ = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "succeeded" }
        let request = try #require(receiver.requests.first)
        #expect(request.headers["content-type"] == "application/json")
        // The reference library verifies the signature over the body as it arrived.
        let verify = try await runProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Tests/PipelineRuntimeTests/Fixtures/verify_standard_webhook.py",
                                                     secret, request.bodyFile, request.headers["webhook-id"] ?? "",
                                                     request.headers["webhook-timestamp"] ?? "", request.headers["webhook-signature"] ?? ""])
        #expect(verify.status == 0 && verify.stdout == "job.completed\n", "\(verify.stdout)\(verify.stderr)")
        let otherSecret = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
        let forged = try await runProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Tests/PipelineRuntimeTests/Fixtures/verify_standard_webhook.py",
                                                     otherSecret, request.bodyFile, request.headers["webhook-id"] ?? "",
                                                     request.headers["webhook-timestamp"] ?? "", request.headers["webhook-signature"] ?? ""])
        #expect(forged.status == 1, "\(forged.stdout)")
        let body = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: request.bodyFile))) as! [String: Any]
        #expect(body["type"] as? String == "job.completed")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["jobId"] as? String == jobID && data["status"] as? String == "succeeded" && data["configId"] as? String == "thumbnails")
        #expect((data["outputs"] as? [[String: Any]])?.count == 6)
        #expect((data["failures"] as? [Any])?.isEmpty == true)
        // The link works without a key; a changed signature or a past expiry does not.
        let link = try #require(data["archiveUrl"] as? String)
        let archive = try await HTTPExchange.send("GET", link)
        #expect(archive.status == 200 && archive.headers["content-type"] == "application/zip")
        let keyed = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(jobID)/archive", key: key)
        #expect(archive.body == keyed.body)
        let tampered = link.replacingOccurrences(of: "signature=", with: "signature=0")
        #expect(try await HTTPExchange.send("GET", String(tampered.dropLast())).errorCode == "INVALID_SIGNATURE")
        let expires = try #require(link.firstMatch(of: /expires=(\d+)/).map { String($0.1) })
        let past = link.replacingOccurrences(of: "expires=\(expires)", with: "expires=1000")
        #expect(try await HTTPExchange.send("GET", past).status == 403)
        // Signed with the data folder's key, but expired.
        let linkKey = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(server.data)/archive-links.key")))
        let expired = "\(server.baseURL)/v1/archives/\(jobID)?expires=1000&signature=\(Digest.hmacSHA256(key: linkKey, "\(jobID).1000"))"
        let gone = try await HTTPExchange.send("GET", expired)
        #expect(gone.status == 410 && gone.errorCode == "LINK_EXPIRED", "\(gone.text)")
    }

    @Test func sigtermHandsARunningJobBackWithinTenSecondsAndExitsZero() async throws {
        let folder = try TemporaryFolder("serve-sigterm")
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--max-upload-bytes", "500000000"])
        let key = try await startWithConfiguration(server)
        // Long enough that it is still running 8 s after the signal (six times the social pack).
        let many = try sampleFiles(Array(repeating: samples, count: 6).flatMap { $0 })
        let accepted = try await upload(server, key: key, fields: [("configId", "social-media-pack")], files: many)
        let jobID = try #require(accepted.json["jobId"] as? String)
        _ = try await waitForJob(server, key: key, jobID) { ($0["status"] as? String) == "processing" }
        let started = Date()
        #expect(server.stop(SIGTERM) == 0)
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 10, "took \(seconds) s")
        #expect(server.output.contains("job released at shutdown"), "\(server.output)")
        try await server.start()
        let job = try await waitForJob(server, key: key, jobID, timeout: 600) { ["succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        #expect(job["status"] as? String == "succeeded")
        #expect(server.stop(SIGTERM) == 0)
    }

    /// Clients that open a connection and stop: one that sends nothing, one that stops in the
    /// middle of its headers, and one that stops in the middle of an upload's body are closed
    /// after `--idle-timeout`, and the stalled upload leaves no file. A slow upload that keeps
    /// sending (a piece every 0.4 s, for longer than the timeout) is not cut.
    @Test func connectionsThatStopSendingAreClosedAndLeaveNothing() async throws {
        let folder = try TemporaryFolder("serve-idle")
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--idle-timeout", "2"])
        let key = try await startWithConfiguration(server, file: "thumbnails")
        let silent = try RawConnection(port: server.port)
        let halfHead = try RawConnection(port: server.port)
        try halfHead.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let boundary = "stall"
        let head = "POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\n"
            + "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: 100000\r\n\r\n"
        let stalled = try RawConnection(port: server.port)
        try stalled.send(head + "--\(boundary)\r\nContent-Disposition: form-data; name=\"configId\"\r\n\r\nthumbnails\r\n"
                         + "--\(boundary)\r\nContent-Disposition: form-data; name=\"sources\"; filename=\"a.jpg\"\r\n\r\nsome bytes")
        let started = Date()
        for (name, connection) in [("silent", silent), ("half a head", halfHead), ("stalled upload", stalled)] {
            let (_, closed) = connection.readUntilClosed(timeout: 15)
            #expect(closed, "\(name): still open after \(Date().timeIntervalSince(started)) s")
        }
        #expect(Date().timeIntervalSince(started) < 10)
        // A slow client that keeps sending is served: 3.2 s of body (longer than the timeout), a
        // piece every 0.4 s (well within it, even on a busy machine).
        let slow = try RawConnection(port: server.port)
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"))
        let (body, type) = HTTPExchange.multipart(fields: [("configId", "thumbnails")], files: [("sources", "slow.jpg", jpeg)])
        try slow.send("POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nConnection: close\r\n"
                      + "Content-Type: \(type)\r\nContent-Length: \(body.count)\r\n\r\n")
        let pieces = 8
        for index in 0..<pieces {
            let range = (body.count * index / pieces)..<(body.count * (index + 1) / pieces)
            try slow.sendBytes(body.subdata(in: range))
            try await Task.sleep(for: .milliseconds(400))
        }
        let answer = slow.readUntilClosed(timeout: 30)
        #expect(answer.text.hasPrefix("HTTP/1.1 202"), "\(answer.text.prefix(300))")
        // The stalled upload's temporary file is gone (only the slow job's may still be in use).
        try await Task.sleep(for: .seconds(1))
        let jobs = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs", key: key).json["jobs"] as? [[String: Any]]
        #expect(jobs?.count == 1)
        let jobID = try #require(jobs?.first?["jobId"] as? String)
        _ = try await waitForJob(server, key: key, jobID) { ["succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        #expect(files(under: "\(server.data)/blobs/.tmp").isEmpty)
        #expect(server.stop(SIGTERM) == 0)
    }

    /// When the server cannot write an upload's temporary file, that is its own failure: a 500
    /// that names no internals (the log has the cause), not a 400 blaming the client's body; and
    /// once the folder can be written again, the same upload is accepted.
    @Test func anUploadTheServerCannotStoreIsAServerErrorNotTheClients() async throws {
        let folder = try TemporaryFolder("serve-disk")
        let server = try ServerProcess(data: "\(folder.path)/data")
        let key = try await startWithConfiguration(server, file: "thumbnails")
        let small = ("sources", "small.jpg", try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg")))
        let temporary = "\(server.data)/blobs/.tmp"
        try FileManager.default.removeItem(atPath: temporary)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: temporary))
        let failed = try await upload(server, key: key, fields: [("configId", "thumbnails")], files: [small])
        #expect(failed.status == 500 && failed.errorCode == "INTERNAL_ERROR", "\(failed.text)")
        #expect(!failed.text.contains(".tmp"), "the answer names no server paths: \(failed.text)")
        try FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        #expect(try await upload(server, key: key, fields: [("configId", "thumbnails")], files: [small]).status == 202)
        #expect(server.stop(SIGTERM) == 0)
    }

    @Test func keysAreListedAndRevokedOnlyInAnExistingDataFolder() async throws {
        let folder = try TemporaryFolder("serve-keys")
        let server = try ServerProcess(data: "\(folder.path)/data")
        let (key, _) = try await server.createKey(account: "acme")
        let list = try await runProcess(try ServerProcess.executable(), ["keys", "list", "--data", server.data])
        #expect(list.status == 0)
        let line = try #require(list.stdout.split(separator: "\n").first.map(String.init))
        #expect(line.contains(String(key.prefix(10))) && line.contains("account acme") && line.hasSuffix("active"), "\(line)")
        #expect(!list.stdout.contains(key), "the key itself is never shown again")
        let id = try #require(line.split(separator: " ").first.map(String.init))
        #expect(try await runProcess(try ServerProcess.executable(), ["keys", "revoke", id, "--data", server.data]).status == 0)
        #expect(try await runProcess(try ServerProcess.executable(), ["keys", "list", "--data", server.data]).stdout.contains("revoked"))
        // A mistyped folder is an error, not an empty list (and no folder is made).
        let typo = try await runProcess(try ServerProcess.executable(), ["keys", "list", "--data", "\(folder.path)/dtaa"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("holds no pipeline.sqlite"), "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/dtaa"))
    }
}
