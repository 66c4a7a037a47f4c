import Delivery
import Foundation
import Packaging
import PipelineCore
import PipelineReceiver
import PipelineRuntime
import Synchronization
import Testing

/// The reference receivers (`pipeline receive` in-process, `Samples/receivers/receiver.py`) and
/// the CLI's postback path, all over real HTTP on loopback.
@Suite(.serialized) struct ReceiverTests {
    let support = PostbackTests()

    /// Starts the Swift receiver on a free port; returns its URL and the task to cancel.
    func startReceiver(out: String, secret: WebhookSecret?) async throws -> (url: String, task: Task<Void, any Error>) {
        let receiver = PostbackReceiver(secret: secret, outputFolder: out, port: 0) { _ in }
        let holder = Mutex<Task<Void, any Error>?>(nil)
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            holder.withLock { $0 = Task { try await receiver.run { port in continuation.resume(returning: port) } } }
        }
        return ("http://127.0.0.1:\(port)/", holder.withLock { $0! })
    }

    /// Sends one hand-made delivery and returns the HTTP status.
    func send(to url: String, archive: String, manifest: Manifest, id: String, timestamp: Int, secret: WebhookSecret,
              tamper: Bool = false, folder: TemporaryFolder) async throws -> Int? {
        let body = try MultipartBody.write(
            to: "\(folder.path)/body-\(UUID().uuidString)", fields: [("jobId", manifest.jobId.rawValue), ("configId", manifest.configId.rawValue), ("status", "succeeded")],
            fileField: "outputZipFile", fileName: "\(manifest.jobId).zip", fileContentType: "application/zip", filePath: archive)
        let signature = try WebhookSignature.header(id: id, timestamp: timestamp, bodyFile: body.path, secrets: [secret])
        if tamper {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: body.path))
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: body.path))
        }
        let response = await PostbackClient().post(
            url: url, headers: ["Content-Type: \(body.contentType)", "webhook-id: \(id)", "webhook-timestamp: \(timestamp)", "webhook-signature: \(signature)"],
            bodyFile: body.path, bodyLength: body.length, pin: nil)
        return response.status
    }

    @Test func theSwiftReceiverStoresTheZIPsFilesAndAcknowledgesDuplicatesWithoutRedoingThem() async throws {
        let folder = try TemporaryFolder("receiver")
        let (archive, manifest) = try await support.makeArchive(in: folder)
        let inbox = "\(folder.path)/inbox"
        let (url, task) = try await startReceiver(out: inbox, secret: support.secret)
        defer { task.cancel() }
        let receipt = try await PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: true))
            .deliver(support.postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .delivered)
        try support.expectUnpacked(archive, into: "\(inbox)/postback-job")

        // The same webhook-id again (a retry after a lost answer): 200, nothing unpacked again.
        try FileManager.default.removeItem(atPath: "\(inbox)/postback-job")
        let now = Int(Date().timeIntervalSince1970)
        let status = try await send(to: url, archive: archive, manifest: manifest, id: receipt.webhookID, timestamp: now, secret: support.secret, folder: folder)
        #expect(status == 200)
        #expect(!FileManager.default.fileExists(atPath: "\(inbox)/postback-job"))
    }

    @Test func theSwiftReceiverRejectsTamperingWrongSecretsAndOldTimestamps() async throws {
        let folder = try TemporaryFolder("reject")
        let (archive, manifest) = try await support.makeArchive(in: folder)
        let inbox = "\(folder.path)/inbox"
        let (url, task) = try await startReceiver(out: inbox, secret: support.secret)
        defer { task.cancel() }
        let now = Int(Date().timeIntervalSince1970)
        let other = try WebhookSecret(WebhookSecret.random())
        #expect(try await send(to: url, archive: archive, manifest: manifest, id: "msg_t", timestamp: now, secret: support.secret, tamper: true, folder: folder) == 401)
        #expect(try await send(to: url, archive: archive, manifest: manifest, id: "msg_w", timestamp: now, secret: other, folder: folder) == 401)
        #expect(try await send(to: url, archive: archive, manifest: manifest, id: "msg_o", timestamp: now - 600, secret: support.secret, folder: folder) == 401)
        #expect(!FileManager.default.fileExists(atPath: "\(inbox)/postback-job"))
        #expect(try await send(to: url, archive: archive, manifest: manifest, id: "msg_ok", timestamp: now, secret: support.secret, folder: folder) == 200)
        try support.expectUnpacked(archive, into: "\(inbox)/postback-job")
        // No temporary files are left in the inbox.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0.hasPrefix(".incoming") || $0.contains(".partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func thePythonReceiverVerifiesTheProductsSignatureAndStoresTheZIP() async throws {
        let folder = try TemporaryFolder("python")
        let (archive, manifest) = try await support.makeArchive(in: folder)
        let inbox = "\(folder.path)/inbox"
        let receiver = try BackgroundProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Samples/receivers/receiver.py", "--port", "0",
                                                              "--secret", PostbackTests.secretText, "--out", inbox])
        let url = "http://127.0.0.1:\(try await receiver.receivingPort())/"
        let receipt = try await PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: true))
            .deliver(support.postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .delivered, "\(receipt.attempts.map(\.summary))")
        try support.expectUnpacked(archive, into: "\(inbox)/postback-job")
        _ = try await receiver.line(containing: "received postback-job (succeeded)")
        let now = Int(Date().timeIntervalSince1970)
        #expect(try await send(to: url, archive: archive, manifest: manifest, id: "msg_x", timestamp: now, secret: support.secret, tamper: true, folder: folder) == 401)
    }

    @Test func theCLIRunDeliversToPipelineReceiveAndKeepsTheZIPWhenNobodyListens() async throws {
        let folder = try TemporaryFolder("cli-postback")
        let inbox = "\(folder.path)/inbox"
        let secretEnvironment = ["PIPELINE_POSTBACK_SECRET": PostbackTests.secretText]
        let receiver = try BackgroundProcess(try pipelineExecutable(), ["receive", "--port", "0", "--out", inbox], environment: secretEnvironment)
        let url = "http://127.0.0.1:\(try await receiver.receivingPort())/"
        let run = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/thumbnails.json"] + samplePhotos
                                    + ["-o", "\(folder.path)/a.zip", "--job-id", "cli-a", "--postback", url, "--secret", PostbackTests.secretText])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Delivered to \(url)"))
        try support.expectUnpacked("\(folder.path)/a.zip", into: "\(inbox)/cli-a")

        // Nobody listens on this port: the run ends with exit 5, the attempts listed, the ZIP kept.
        let closed = "http://127.0.0.1:1/"
        let failed = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/thumbnails.json", "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg",
                                                               "-o", "\(folder.path)/b.zip", "--job-id", "cli-b", "--postback", closed,
                                                               "--secret", PostbackTests.secretText, "--retry-for", "2s"])
        #expect(failed.status == 5)
        #expect(failed.stdout.contains("Not delivered to \(closed)"))
        #expect(failed.stdout.contains("attempt 1: error: "))
        #expect(failed.stdout.contains("The ZIP is kept at \(folder.path)/b.zip"))
        #expect(FileManager.default.fileExists(atPath: "\(folder.path)/b.zip"))

        // `pipeline deliver` posts the kept ZIP once a receiver listens (secret from the environment).
        let deliver = try await runProcessWithEnvironment(try pipelineExecutable(), ["deliver", "\(folder.path)/b.zip", "--postback", url], secretEnvironment)
        #expect(deliver.status == 0, "\(deliver.stdout)\(deliver.stderr)")
        try support.expectUnpacked("\(folder.path)/b.zip", into: "\(inbox)/cli-b")
    }
}
