import CDeliveryShim
import Foundation

/// Standard Webhooks signatures: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`,
/// where body is the exact bytes of the request body (here, a file).
public enum WebhookSignature {
    /// Why a request's signature was refused.
    public enum Rejection: Error, Sendable, Hashable, CustomStringConvertible {
        case missingHeaders
        case badTimestamp(String)
        case tooOld(seconds: Int)
        case tooNew(seconds: Int)
        case noMatch

        public var description: String {
            switch self {
            case .missingHeaders: "webhook-id, webhook-timestamp and webhook-signature headers are required"
            case .badTimestamp(let text): "webhook-timestamp \"\(text)\" is not a number of seconds"
            case .tooOld(let seconds): "webhook-timestamp is \(seconds) s old; at most \(WebhookSignature.tolerance) s is accepted"
            case .tooNew(let seconds): "webhook-timestamp is \(seconds) s in the future; at most \(WebhookSignature.tolerance) s is accepted"
            case .noMatch: "no signature matches the body with this secret"
            }
        }
    }

    /// How far a timestamp may be from now, either way (5 minutes).
    public static let tolerance = 300

    /// The `webhook-signature` header value: one `v1,…` per secret, separated by spaces.
    public static func header(id: String, timestamp: Int, bodyFile: String, secrets: [WebhookSecret]) throws -> String {
        try secrets.map { "v1," + (try signature(id: id, timestamp: timestamp, bodyFile: bodyFile, secret: $0)) }.joined(separator: " ")
    }

    /// The base64 HMAC-SHA256 for one secret.
    public static func signature(id: String, timestamp: Int, bodyFile: String, secret: WebhookSecret) throws -> String {
        let prefix = Array("\(id).\(timestamp).".utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        let status = secret.key.withUnsafeBufferPointer { key in
            prefix.withUnsafeBufferPointer { prefix in
                prefix.baseAddress!.withMemoryRebound(to: CChar.self, capacity: prefix.count) { text in
                    ip_hmac_sha256_file(key.baseAddress, key.count, text, prefix.count, bodyFile, &digest)
                }
            }
        }
        guard status == 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: bodyFile]) }
        return Data(digest).base64EncodedString()
    }

    /// Checks a received request: the timestamp within `tolerance` of `now`, and one of the
    /// header's `v1` signatures made with `secret` over the body file.
    public static func verify(id: String?, timestamp: String?, signatures: String?, bodyFile: String,
                              secret: WebhookSecret, now: Date = Date()) throws -> Void {
        guard let id, let timestamp, let signatures, !id.isEmpty else { throw Rejection.missingHeaders }
        guard let seconds = Int(timestamp.trimmingCharacters(in: .whitespaces)) else { throw Rejection.badTimestamp(timestamp) }
        let age = Int(now.timeIntervalSince1970) - seconds
        if age > tolerance { throw Rejection.tooOld(seconds: age) }
        if -age > tolerance { throw Rejection.tooNew(seconds: -age) }
        let expected = Array(try signature(id: id, timestamp: seconds, bodyFile: bodyFile, secret: secret).utf8)
        for candidate in signatures.split(separator: " ") {
            let parts = candidate.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1" else { continue }
            if constantTimeEqual(Array(parts[1].utf8), expected) { return }
        }
        throw Rejection.noMatch
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
