import Delivery
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PipelineCore

/// The reference postback receiver (`pipeline receive`): verifies the Standard Webhooks
/// signature, de-duplicates by `webhook-id`, checks the ZIP against its manifest, unpacks it
/// into `<out>/<jobId>/`, and answers 2xx only once the files are safely stored.
public struct PostbackReceiver: Sendable {
    public var secret: WebhookSecret?
    public var outputFolder: String
    public var host: String
    public var port: Int
    /// Where the one line per delivery goes.
    public var log: @Sendable (String) -> Void

    /// The largest body accepted.
    public static let maximumBodyBytes = 4 << 30

    public init(secret: WebhookSecret?, outputFolder: String, host: String = "127.0.0.1", port: Int = 9000,
                log: @escaping @Sendable (String) -> Void) {
        self.secret = secret
        self.outputFolder = outputFolder
        self.host = host
        self.port = port
        self.log = log
    }

    /// Runs until the process is interrupted; `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let ledger = DeliveryLedger(outputFolder: outputFolder)
        let router = Router()
        let receiver = self
        router.post("/**") { request, _ -> Response in
            await receiver.handle(request, ledger: ledger)
        }
        router.post("/") { request, _ -> Response in
            await receiver.handle(request, ledger: ledger)
        }
        let app = Application(
            router: router,
            // A sender that stops sending for a minute is gone: its connection is closed.
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: port), serverName: "ImagePipeline-Receiver"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "pipeline.receive"))
        try await app.runService()
    }

    private func handle(_ request: Request, ledger: DeliveryLedger) async -> Response {
        let incoming = "\(outputFolder)/.incoming-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: incoming) }
        let header = { (name: String) in HTTPField.Name(name).flatMap { request.headers[$0] } }
        let webhookID = header("webhook-id")
        do {
            let bodyFile = "\(incoming)/body"
            try await save(request.body, to: bodyFile)
            if let secret {
                do {
                    try WebhookSignature.verify(id: webhookID, timestamp: header("webhook-timestamp"),
                                                signatures: header("webhook-signature"), bodyFile: bodyFile, secret: secret)
                } catch {
                    return reject(401, "signature rejected: \(error)", id: webhookID)
                }
            }
            if let webhookID, await ledger.contains(webhookID) {
                log("duplicate \(webhookID): already stored, acknowledged again")
                return answer(200, ["duplicate": "true", "webhookId": webhookID])
            }
            guard let boundary = MultipartBody.boundary(of: header("content-type")) else {
                return reject(415, "expected multipart/form-data with a boundary", id: webhookID)
            }
            let archive = "\(incoming)/archive.zip"
            let parts = try MultipartFileReader.read(bodyFile: bodyFile, boundary: boundary, fileField: "outputZipFile", destination: archive)
            guard parts.sawFile else { return reject(400, "the outputZipFile part is missing", id: webhookID) }
            guard let jobText = parts.fields["jobId"], let jobID = JobID(jobText) else {
                return reject(400, "jobId is missing or not a job id: \(parts.fields["jobId"] ?? "(none)")", id: webhookID)
            }
            let configID = parts.fields["configId"] ?? ""
            let status = parts.fields["status"] ?? "?"
            let unpacked = try DeliveryUnpacker(outputFolder: outputFolder).unpack(archive: archive, jobID: jobID, configID: configID)
            if let webhookID { await ledger.record(webhookID, jobID: jobID.rawValue) }
            log("received \(jobID) (configuration \(configID), \(status)): \(unpacked.files) files, \(unpacked.bytes) bytes → \(unpacked.folder)")
            return answer(200, ["jobId": jobID.rawValue, "files": String(unpacked.files), "folder": unpacked.folder])
        } catch let rejected as DeliveryUnpacker.Rejected {
            return reject(rejected.status, rejected.description, id: webhookID)
        } catch let malformed as MultipartFileReader.Malformed {
            return reject(400, malformed.description, id: webhookID)
        } catch {
            return reject(500, "could not store the delivery: \(error)", id: webhookID)
        }
    }

    private func save(_ body: RequestBody, to path: String) async throws {
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var total = 0
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= Self.maximumBodyBytes else { throw DeliveryUnpacker.Rejected(status: 413, description: "the body is larger than \(Self.maximumBodyBytes) bytes") }
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
    }

    private func reject(_ status: Int, _ message: String, id: String?) -> Response {
        log("rejected \(id ?? "(no webhook-id)") with \(status): \(message)")
        return answer(status, ["error": message])
    }

    private func answer(_ status: Int, _ fields: [String: String]) -> Response {
        let body = (try? JSONEncoder().encode(fields)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
