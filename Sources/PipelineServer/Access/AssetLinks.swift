import Delivery
import Foundation
import PipelineStore

/// The keyless URLs of assets (SPEC §9): `/files/{signature}/{assetId}/{name}`, and
/// `…?expires=<unix seconds>` for one that expires. The signature is HMAC-SHA256 of
/// `{assetId}` (and `?expires=…`) with the owning account's URL key, in base64url. The name is
/// there for people and downloads; a renamed asset keeps its URLs (its bytes never change).
enum AssetLinks {
    static func signature(key: String, asset: AssetID, expires: Int?) -> String {
        let message = expires.map { "\(asset)?expires=\($0)" } ?? asset.rawValue
        return base64URL(hex: Digest.hmacSHA256(key: Array(key.utf8), message))
    }

    /// The path (to put after the public base URL).
    static func path(_ asset: AssetRecord, key: String, expires: Int? = nil) -> String {
        let name = asset.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? asset.id.rawValue
        let query = expires.map { "?expires=\($0)" } ?? ""
        return "/files/\(signature(key: key, asset: asset.id, expires: expires))/\(asset.id)/\(name)\(query)"
    }

    /// Why a link does not open its asset (the HTTP edge picks the status).
    enum Refusal: Error, Sendable, Hashable {
        case invalidSignature
        case expired
    }

    /// Throws unless `given` signs `asset` (until `expires`, still ahead).
    static func check(_ asset: AssetID, key: String, expires: String?, signature given: String, now: Date = Date()) throws(Refusal) {
        let seconds: Int?
        if let expires {
            guard let value = Int(expires) else { throw .invalidSignature }
            seconds = value
        } else {
            seconds = nil
        }
        let expected = Array(signature(key: key, asset: asset, expires: seconds).utf8)
        let actual = Array(given.utf8)
        guard actual.count == expected.count, zip(actual, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .invalidSignature }
        if let seconds, Double(seconds) < now.timeIntervalSince1970 { throw .expired }
    }

    /// Lower-case hex as unpadded base64url.
    static func base64URL(hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
