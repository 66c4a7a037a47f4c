import Delivery
import Foundation
import PipelineStore

/// Signed rendering URLs (SPEC §10): `/r/{signature}/{accountId}/{configId}/{outputPath}/{assetPath}`
/// and `/r/{signature}/{accountId}/_/{options}/{assetPath}`. The signature is HMAC-SHA256 of
/// the rest of the path (from the `/` before the account id, percent-decoded) with the
/// account's URL key, in unpadded base64url; its first 32 characters are enough, as imgproxy
/// allows. `_` in its place is an unsigned URL, served only to accounts that allow them.
///
/// The account id is in the path because configuration ids and folder paths are per account;
/// the signature covers it, so a URL cannot be moved to another account.
enum RenderLinks {
    static let shortestSignature = 32

    /// The full signature of `signed` (the path after the signature segment, decoded).
    static func signature(key: String, path signed: String) -> String {
        AssetLinks.base64URL(hex: Digest.hmacSHA256(key: Array(key.utf8), signed))
    }

    /// Whether `given` is at least the first 32 characters of the signature of `signed`
    /// (compared in constant time).
    static func verify(_ given: String, key: String, path signed: String) -> Bool {
        let expected = Array(signature(key: key, path: signed).utf8)
        let actual = Array(given.utf8)
        guard actual.count >= shortestSignature, actual.count <= expected.count else { return false }
        return zip(actual, expected.prefix(actual.count)).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Percent-encodes one path segment.
    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%;"))) ?? segment
    }

    /// The URL path of a rendering: `parts` are the decoded segments after the signature.
    static func path(_ parts: [String], key: String?) -> String {
        let signed = "/" + parts.joined(separator: "/")
        let mark = key.map { Self.signature(key: $0, path: signed) } ?? "_"
        return "/r/\(mark)/" + parts.map(encode).joined(separator: "/")
    }
}
