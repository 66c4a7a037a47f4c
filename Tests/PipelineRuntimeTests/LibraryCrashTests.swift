import Foundation
import PipelineCore
import PipelineStore
import PipelineStoreSQLite
import PipelineTestSupport
import Testing

/// `kill -9` during library uploads, during a recursive delete, and during a job that keeps its
/// results: after each restart every asset's blob is on disk, and after a sweep no blob is left
/// that nothing refers to (issue 22, acceptance 3). A real `pipeline-server` over a real SQLite
/// file and blob folder; the test reads the database beside it.
@Suite(.serialized) struct LibraryCrashTests {
    static let images = ["small.jpg", "white-200x100.png", "small.webp", "small.gif", "six-colours.png"].map {
        "\(repositoryRoot)/Tests/ImagingTests/Fixtures/\($0)"
    }

    /// The sample photos (up to 20 megapixels): uploads and jobs long enough to be cut off.
    static let photos = ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"].map {
        "\(repositoryRoot)/Samples/\($0)"
    }

    /// Uploads `files` into `folder` as a library upload.
    static func upload(_ client: ServerClient, folder: String, files: [String]) async throws -> HTTPExchange {
        let parts = try files.enumerated().map { index, path in
            ("files", "\(index)-" + URL(fileURLWithPath: path).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let (body, type) = HTTPExchange.multipart(fields: [("folder", folder), ("onConflict", "rename")], files: parts)
        return try await HTTPExchange.send("POST", client.baseURL + "/v1/assets", key: client.key, contentType: type, body: body)
    }

    /// Every blob file of the library, as `<account>/<sha256>`.
    static func blobFiles(_ data: String) -> Set<String> {
        let root = "\(data)/blobs/assets"
        let paths = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String } ?? []
        return Set(paths.filter { $0.split(separator: "/").count == 3 }.map { path in
            let parts = path.split(separator: "/")
            return "\(parts[0])/\(parts[2])"
        })
    }

    /// Every asset's blob exists; returns the blobs assets refer to.
    static func everyAssetHasItsBlob(_ data: String, account: AccountID, _ when: String) async throws -> Set<String> {
        let store = try SQLiteStore(path: "\(data)/pipeline.sqlite")
        let assets = try await store.assets(account: account, in: .root, recursive: true, limit: 1_000_000)
        let files = blobFiles(data)
        let missing = assets.filter { !files.contains("\(account)/\($0.sha256)") }
        #expect(missing.isEmpty, "\(when): \(missing.count) of \(assets.count) assets have no blob")
        return Set(assets.map { "\(account)/\($0.sha256)" })
    }

    @Test func killNineLeavesNoAssetWithoutItsBytesAndTheSweepLeavesNoBytesWithoutAnAsset() async throws {
        let folder = try TemporaryFolder("library-kill")
        let data = "\(folder.path)/data"
        // A lease of 3 s: the sweeper runs every second; claims last 2 s.
        let server = try ServerProcess(data: data, arguments: ["--lease-seconds", "3", "--blob-claim-seconds", "2"])
        let (key, _) = try await server.createKey()
        try await server.start()
        let client = ServerClient(server, key: key)
        let account = try #require((try await client.get("/v1/account").json["accountId"] as? String).flatMap(AccountID.init))
        let thumbnails = try String(contentsOfFile: "\(repositoryRoot)/Configurations/thumbnails.json", encoding: .utf8)
        #expect(try await client.post("/v1/configurations", json: thumbnails).status == 201)

        // 1. Killed in the middle of eight uploads of five files each.
        let uploads = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<8 { group.addTask { _ = try? await Self.upload(client, folder: "/up/\(round % 3)", files: Self.photos + Self.images) } }
                try await group.waitForAll()
            }
        }
        try await Task.sleep(for: .milliseconds(150))
        #expect(server.stop(SIGKILL) == SIGKILL)
        _ = await uploads.result
        try await server.start()
        let afterUploads = try await Self.everyAssetHasItsBlob(data, account: account, "after the uploads were cut off")
        print("library-kill: after the uploads were cut off, \(afterUploads.count) blobs referenced, \(Self.blobFiles(data).count) on disk")

        // 2. Killed right after a recursive delete of 60 files was answered (its blobs were still
        //    being removed in the background).
        for round in 0..<12 { _ = try await Self.upload(client, folder: "/bulk/\(round)", files: Self.images) }
        _ = try await Self.upload(client, folder: "/shop", files: Self.photos)
        #expect(try await client.delete("/v1/folders?path=/bulk&recursive=true").status == 200)
        #expect(server.stop(SIGKILL) == SIGKILL)
        try await server.start()
        let afterDelete = try await Self.everyAssetHasItsBlob(data, account: account, "after the delete was cut off")
        print("library-kill: after the delete was cut off, \(afterDelete.count) blobs referenced, \(Self.blobFiles(data).count) on disk")

        // 3. Killed while a job that keeps its results runs; it runs again and keeps them once.
        let accepted = try await client.post("/v1/jobs", json: #"{"configId": "thumbnails", "folder": "/shop", "store": true}"#)
        let jobID = try #require(accepted.json["jobId"] as? String, "\(accepted.text)")
        // Killed as soon as it runs (polled every 100 ms: on a fast machine it may already have
        // finished, and then it is killed just after; its results must be whole either way).
        try await client.waitForJob(jobID, timeout: 60) { ["processing", "succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        #expect(server.stop(SIGKILL) == SIGKILL)
        try await server.start()
        let job = try await client.waitForJob(jobID, timeout: 120) { ["succeeded", "partial", "failed"].contains($0["status"] as? String ?? "") }
        #expect(job["status"] as? String == "succeeded", "\(job)")
        let outputs = (job["outputs"] as? [[String: Any]]) ?? []
        #expect(outputs.count == Self.photos.count * 6 && Set(outputs.compactMap { $0["path"] as? String }).count == outputs.count,
                "each output once: \(outputs.count)")
        var referenced = try await Self.everyAssetHasItsBlob(data, account: account, "after the job was cut off")

        // After the claims have run out and a sweep has passed, every blob file is an asset's.
        let deadline = Date().addingTimeInterval(30)
        var orphans: Set<String> = []
        repeat {
            try await Task.sleep(for: .seconds(1))
            referenced = try await Self.everyAssetHasItsBlob(data, account: account, "while sweeping")
            orphans = Self.blobFiles(data).subtracting(referenced)
        } while !orphans.isEmpty && Date() < deadline
        #expect(orphans.isEmpty, "blobs nothing refers to: \(orphans)")
        #expect(server.stop(SIGTERM) == 0)
    }
}
