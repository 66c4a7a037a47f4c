import Delivery
import Foundation
import Packaging
import PipelineCore
import PipelineReceiver
import PipelineRuntime
import Synchronization
import Testing

/// Postbacks over real HTTP on loopback: the product's client against scripted servers, the
/// reference receivers (Swift and Python), and the CLI end to end.
@Suite(.serialized) struct PostbackTests {
    static let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    let secret = try! WebhookSecret(PostbackTests.secretText)

    /// A real result ZIP (two outputs of a small photo), its job id and manifest.
    func makeArchive(in folder: TemporaryFolder, jobID: String = "postback-job") async throws -> (path: String, manifest: Manifest) {
        let config = try ConfigurationParser().parse(Data(#"{"id": "hooks", "features": [{"type": "resize", "outputs": [{"width": 40}, {"width": 90}]}]}"#.utf8))
        let source = "\(repositoryRoot)/Tests/ImagingTests/Fixtures/small.jpg"
        let request = JobRequest(config: config, configID: ConfigID("hooks")!, jobID: JobID(jobID)!,
                                 sources: [SourceFile(path: source, name: "small.jpg")], archivePath: "\(folder.path)/\(jobID).zip", concurrency: 1)
        let result = try await JobRunner().run(request)
        return (result.archivePath, result.manifest)
    }

    func postbackRequest(_ url: String, archive: String, manifest: Manifest, secrets: [WebhookSecret]? = nil) -> PostbackRequest {
        PostbackRequest(url: url, jobID: manifest.jobId.rawValue, configID: manifest.configId.rawValue,
                        status: manifest.status.rawValue, archivePath: archive, secrets: secrets ?? [secret])
    }

    func fastPolicy(delay: Double, attempts: Int) -> RetryPolicy {
        var policy = RetryPolicy()
        policy.initialDelay = delay
        policy.multiplier = 1
        policy.jitter = 0
        policy.maximumAttempts = attempts
        return policy
    }

    /// Every file of the ZIP is in `folder` with the same bytes, and nothing else.
    func expectUnpacked(_ archive: String, into folder: String) throws {
        let reader = try ZipArchiveReader(path: archive)
        for name in reader.entryNames {
            let stored = FileManager.default.contents(atPath: "\(folder)/\(name)")
            #expect(stored == Data(try reader.read(name)), "\(name)")
        }
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }
            .filter { !($0 as NSString).lastPathComponent.hasPrefix(".") }
            .filter { path in var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isDirectory)
                return !isDirectory.boolValue }
        #expect(Set(files ?? []) == Set(reader.entryNames))
    }

    // MARK: - The request

    @Test func theRequestCarriesTheFieldsTheZIPAndAValidSignature() async throws {
        let folder = try TemporaryFolder("request")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 204)])
        let url = try await server.start()
        let receipt = try await PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: true))
            .deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .delivered)
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        let contentType = try #require(request.headers["content-type"])
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let body = try Data(contentsOf: URL(fileURLWithPath: request.bodyFile))
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("Content-Disposition: form-data; name=\"outputZipFile\"; filename=\"postback-job.zip\"\r\nContent-Type: application/zip\r\n\r\n"))
        #expect(text.contains("Content-Disposition: form-data; name=\"jobId\"\r\n\r\npostback-job\r\n"))
        #expect(text.contains("Content-Disposition: form-data; name=\"configId\"\r\n\r\nhooks\r\n"))
        #expect(text.contains("Content-Disposition: form-data; name=\"status\"\r\n\r\nsucceeded\r\n"))
        // The ZIP inside the body is the ZIP on disk, byte for byte.
        let zip = try Data(contentsOf: URL(fileURLWithPath: archive))
        #expect(body.range(of: zip) != nil)
        #expect(request.headers["webhook-id"] == receipt.webhookID)
        try WebhookSignature.verify(id: request.headers["webhook-id"], timestamp: request.headers["webhook-timestamp"],
                                    signatures: request.headers["webhook-signature"], bodyFile: request.bodyFile, secret: secret)
    }

    // MARK: - Retries

    @Test func failuresAreRetriedUnderOneIdWithAFreshSignedTimestampEachTime() async throws {
        let folder = try TemporaryFolder("retries")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 500), .init(status: 500), .init(status: 200)])
        let url = try await server.start()
        let delivery = PostbackDelivery(policy: fastPolicy(delay: 1.05, attempts: 5), addresses: AddressPolicy(allowPrivateAddresses: true))
        let receipt = try await delivery.deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .delivered)
        #expect(receipt.attempts.map(\.status) == [500, 500, 200])
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(Set(requests.map { $0.headers["webhook-id"] ?? "" }) == [receipt.webhookID])
        let timestamps = requests.compactMap { $0.headers["webhook-timestamp"].flatMap(Int.init) }
        #expect(timestamps.count == 3 && timestamps[0] < timestamps[1] && timestamps[1] < timestamps[2])
        #expect(Set(requests.map { $0.headers["webhook-signature"] ?? "" }).count == 3)
        for request in requests {
            try WebhookSignature.verify(id: request.headers["webhook-id"], timestamp: request.headers["webhook-timestamp"],
                                        signatures: request.headers["webhook-signature"], bodyFile: request.bodyFile, secret: secret)
        }
    }

    @Test func goneStopsAfterOneAttempt() async throws {
        let folder = try TemporaryFolder("gone")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 410), .init(status: 200)])
        let url = try await server.start()
        let receipt = try await PostbackDelivery(policy: fastPolicy(delay: 0.05, attempts: 5), addresses: AddressPolicy(allowPrivateAddresses: true))
            .deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .gone)
        #expect(server.requests.count == 1)
    }

    @Test func retryAfterOn429IsHonoured() async throws {
        let folder = try TemporaryFolder("429")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 429, headers: ["Retry-After": "1"]), .init(status: 200)])
        let url = try await server.start()
        // Without Retry-After the next attempt would be 60 s away, past the 10 s allowed.
        let delivery = PostbackDelivery(policy: fastPolicy(delay: 60, attempts: 5), addresses: AddressPolicy(allowPrivateAddresses: true))
        let receipt = try await delivery.deliver(postbackRequest(url, archive: archive, manifest: manifest), deadline: Date().addingTimeInterval(10))
        #expect(receipt.outcome == .delivered)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[1].receivedAt.timeIntervalSince(requests[0].receivedAt) >= 0.95)
    }

    @Test func aReceiverSlowerThanTheTimeoutIsRecordedAsATimeout() async throws {
        let folder = try TemporaryFolder("slow")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 200, delay: 3)])
        let url = try await server.start()
        let delivery = PostbackDelivery(policy: fastPolicy(delay: 0.1, attempts: 1), addresses: AddressPolicy(allowPrivateAddresses: true),
                                        client: PostbackClient(connectTimeout: 1, totalTimeout: 1))
        let receipt = try await delivery.deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .gaveUp)
        #expect(receipt.attempts.count == 1)
        #expect(receipt.attempts[0].status == nil)
        #expect(receipt.attempts[0].error?.contains("Timeout") == true, "\(receipt.attempts[0].summary)")
    }

    @Test func redirectsAreNotFollowed() async throws {
        let folder = try TemporaryFolder("redirect")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([.init(status: 302, headers: ["Location": "/elsewhere"])])
        let url = try await server.start()
        let receipt = try await PostbackDelivery(policy: fastPolicy(delay: 0.1, attempts: 1), addresses: AddressPolicy(allowPrivateAddresses: true))
            .deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .gaveUp)
        #expect(server.requests.count == 1)
        #expect(receipt.attempts[0].status == 302)
        #expect(receipt.attempts[0].error == "redirects are not followed; point the postback URL at the final address")
    }

    @Test func privateAddressesAreRefusedWhenThePolicySaysSo() async throws {
        let folder = try TemporaryFolder("private")
        let (archive, manifest) = try await makeArchive(in: folder)
        let server = ScriptedServer([])
        let url = try await server.start()
        let receipt = try await PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: false))
            .deliver(postbackRequest(url, archive: archive, manifest: manifest))
        #expect(receipt.outcome == .refused)
        #expect(receipt.attempts.isEmpty)
        #expect(server.requests.isEmpty)
    }
}
