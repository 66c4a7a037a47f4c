import Foundation
import PipelineTestSupport
import Testing

/// A source that kills the server process every time it is worked on (a decoder crash, the OOM
/// killer) must not crash-loop the service: the job ends `failed` with `WORKER_CRASHED` after
/// `JobWorker.maximumRuns` (3) runs, and the jobs behind it go on.
@Suite struct CrashLoopTests {
    static let configuration = #"{"id": "one", "features": [{"type": "resize", "outputs": [{"width": 64}]}]}"#

    @Test func aSourceThatKillsTheWorkerEveryTimeEndsFailedAfterThreeRunsWhileTheNextJobSucceeds() async throws {
        let folder = try TemporaryFolder("crash-loop")
        let photo = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"))
        // Both jobs are queued by an API-only process first, so the crashing one is ahead in the queue.
        let api = try ServerProcess(data: "\(folder.path)/data", arguments: ["--role", "api"])
        let (key, _) = try await api.createKey()
        try await api.start()
        let client = ServerClient(api, key: key)
        #expect(try await client.post("/v1/configurations", json: Self.configuration).status == 201)
        var jobs: [String] = []
        for name in ["crash-me.jpg", "fine.jpg"] {
            let (body, type) = HTTPExchange.multipart(fields: [("configId", "one")], files: [("sources", name, photo)])
            let accepted = try await HTTPExchange.send("POST", "\(api.baseURL)/v1/jobs", key: key, contentType: type, body: body)
            jobs.append(try #require(accepted.json["jobId"] as? String))
        }
        #expect(api.stop() == 0)

        // The whole server as a service manager runs it: restarted whenever it dies, at most 6 times.
        let server = try ServerProcess(data: "\(folder.path)/data", environment: ["PIPELINE_FAULT_INJECTION_CRASH": "crash-me.jpg"])
        var starts = 0, deaths = 0
        while starts < 6 {
            try await server.start(mayExit: true)
            starts += 1
            let deadline = Date().addingTimeInterval(60)
            while server.pid != nil, Date() < deadline {
                let status = try? await ServerClient(server, key: key).get("/v1/jobs/\(jobs[1])").json["status"] as? String
                if status == "succeeded" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            if server.pid != nil { break }
            deaths += 1
        }
        try #require(server.pid != nil, "the server died on each of its \(starts) starts: a crash loop")
        let live = ServerClient(server, key: key)
        let crashed = try await live.waitForJob(jobs[0], status: "failed", timeout: 30)
        let fine = try await live.waitForJob(jobs[1], status: "succeeded", timeout: 60)
        #expect(server.stop() == 0)
        // Three runs, each ended by the process dying; the fourth start ends the job instead of running it.
        #expect(deaths == 3 && starts == 4, "deaths \(deaths), starts \(starts): \(server.output)")
        let source = try #require((crashed["sources"] as? [[String: Any]])?.first)
        #expect(source["code"] as? String == "WORKER_CRASHED")
        #expect((source["message"] as? String)?.contains("3 times") == true, "\(source)")
        #expect((fine["sources"] as? [[String: Any]])?.first?["outputs"] as? Int == 1)
        #expect(server.output.contains("crashed=1"), "\(server.output)")
    }
}
