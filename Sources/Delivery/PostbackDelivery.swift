import Foundation

/// Delivers a postback (SPEC §5): builds the multipart body once, then signs and POSTs it with
/// a fresh timestamp on every attempt, retrying by the `RetryPolicy` until it is delivered, the
/// receiver answers 410, or the time given runs out.
public struct PostbackDelivery: Sendable {
    public var policy: RetryPolicy
    public var addresses: AddressPolicy
    public var client: PostbackClient

    public init(policy: RetryPolicy = RetryPolicy(), addresses: AddressPolicy, client: PostbackClient = PostbackClient()) {
        self.policy = policy
        self.addresses = addresses
        self.client = client
    }

    /// Delivers `request`, giving up once the next attempt would start after `deadline`.
    /// `onAttempt` is called after every attempt.
    public func deliver(_ request: PostbackRequest, deadline: Date = .distantFuture,
                        onAttempt: @Sendable (DeliveryAttempt) -> Void = { _ in }) async throws -> DeliveryReceipt {
        let webhookID = "msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let pin: String
        do {
            pin = try addresses.check(request.url)
        } catch {
            return DeliveryReceipt(outcome: .refused, webhookID: webhookID, attempts: [], reason: error.description)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imagepipeline-postback-\(webhookID)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let body = try MultipartBody.write(
            to: "\(folder)/body", fields: [("jobId", request.jobID), ("configId", request.configID), ("status", request.status)],
            fileField: "outputZipFile", fileName: "\(request.jobID).zip", fileContentType: "application/zip",
            filePath: request.archivePath)

        var attempts: [DeliveryAttempt] = []
        while true {
            let (attempt, decision) = try await send(webhookID: webhookID, url: request.url, pin: pin, bodyFile: body.path,
                                                     contentType: body.contentType, bodyLength: body.length,
                                                     secrets: request.secrets, number: attempts.count + 1)
            attempts.append(attempt)
            onAttempt(attempt)
            switch decision {
            case .delivered:
                return DeliveryReceipt(outcome: .delivered, webhookID: webhookID, attempts: attempts, reason: nil)
            case .gone:
                return DeliveryReceipt(outcome: .gone, webhookID: webhookID, attempts: attempts, reason: "the receiver answered 410 Gone")
            case .retry(let delay):
                guard let delay, Date().addingTimeInterval(delay) <= deadline else {
                    return DeliveryReceipt(outcome: .gaveUp, webhookID: webhookID, attempts: attempts,
                                           reason: "no attempt succeeded (\(attempts.count) made)")
                }
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }

    /// What an attempt's answer means.
    public enum Outcome: Sendable, Equatable {
        case delivered
        case gone
        /// Try again after this many seconds (the schedule's, or `Retry-After`'s), or give up (nil).
        case retry(after: Double?)
    }

    /// One signed POST of a body already written (`bodyFile`, with its content type): a fresh
    /// timestamp and signature, the same `webhookID` as every other attempt of the delivery.
    /// `number` is this attempt's, from 1; the retry delay follows the policy.
    public func send(webhookID: String, url: String, pin: String, bodyFile: String, contentType: String, bodyLength: Int,
                     secrets: [WebhookSecret], number: Int) async throws -> (DeliveryAttempt, Outcome) {
        let started = Date()
        let timestamp = Int(started.timeIntervalSince1970)
        let signature = try WebhookSignature.header(id: webhookID, timestamp: timestamp, bodyFile: bodyFile, secrets: secrets)
        let headers = ["Content-Type: \(contentType)", "webhook-id: \(webhookID)",
                       "webhook-timestamp: \(timestamp)", "webhook-signature: \(signature)"]
        let response = await client.post(url: url, headers: headers, bodyFile: bodyFile, bodyLength: bodyLength, pin: pin)
        let attempt = DeliveryAttempt(number: number, startedAt: started, status: response.status,
                                      error: response.error ?? Self.redirectNote(response.status),
                                      latency: Date().timeIntervalSince(started), timestamp: timestamp)
        switch Self.classify(response.status) {
        case .delivered: return (attempt, .delivered)
        case .gone: return (attempt, .gone)
        case .retry(let honoursRetryAfter):
            let retryAfter = honoursRetryAfter ? response.retryAfter : nil
            return (attempt, .retry(after: policy.delay(afterAttempt: number, retryAfter: retryAfter, unit: Double.random(in: 0..<1))))
        }
    }

    enum Decision: Equatable {
        case delivered
        case gone
        /// Retry; the flag says whether the answer's `Retry-After` counts (429 and 503).
        case retry(honoursRetryAfter: Bool)
    }

    /// Any 2xx is success; 410 stops for good; everything else (redirects included) is retried.
    static func classify(_ status: Int?) -> Decision {
        guard let status else { return .retry(honoursRetryAfter: false) }
        if (200...299).contains(status) { return .delivered }
        if status == 410 { return .gone }
        return .retry(honoursRetryAfter: status == 429 || status == 503)
    }

    private static func redirectNote(_ status: Int?) -> String? {
        guard let status, (300...399).contains(status) else { return nil }
        return "redirects are not followed; point the postback URL at the final address"
    }
}
