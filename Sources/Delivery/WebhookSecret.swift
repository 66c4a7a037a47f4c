import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by base64 key bytes.
public struct WebhookSecret: Sendable, Hashable {
    /// The key bytes.
    public let key: [UInt8]

    /// Why a secret was refused.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    /// Parses `whsec_<base64>`; the key must be 24 to 64 bytes.
    public init(_ text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("whsec_"), let data = Data(base64Encoded: String(trimmed.dropFirst(6))) else {
            throw Invalid(description: "a secret has the form whsec_<base64>, e.g. \(WebhookSecret.example)")
        }
        guard (24...64).contains(data.count) else {
            throw Invalid(description: "the secret's key is \(data.count) bytes; use 24 to 64 random bytes (whsec_ and their base64)")
        }
        key = [UInt8](data)
    }

    /// Several secrets separated by spaces or commas (during a rotation every one signs).
    public static func list(_ text: String) throws(Invalid) -> [WebhookSecret] {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard !parts.isEmpty else { throw Invalid(description: "no secret given") }
        var secrets: [WebhookSecret] = []
        for part in parts { secrets.append(try WebhookSecret(part)) }
        return secrets
    }

    /// A fresh random secret.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    static let example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
}
