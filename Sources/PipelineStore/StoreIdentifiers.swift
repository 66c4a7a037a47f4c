import Foundation
import PipelineCore

/// The identifier of an account (`acct_` and 24 hex digits when made here).
public struct AccountID: StringIdentifier {
    public let rawValue: String
    /// Accepts the same form as a job id: `[A-Za-z0-9][A-Za-z0-9_-]{0,63}`.
    public init?(_ rawValue: String) {
        guard JobID(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }
    public static func random() -> AccountID { AccountID(unchecked: "acct_" + randomHex(24)) }
    private init(unchecked: String) { rawValue = unchecked }
}

/// The identifier of an API key (`key_` and 16 hex digits); shown in lists, never the key itself.
public struct KeyID: StringIdentifier {
    public let rawValue: String
    public init?(_ rawValue: String) {
        guard JobID(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }
    public static func random() -> KeyID { KeyID(unchecked: "key_" + randomHex(16)) }
    private init(unchecked: String) { rawValue = unchecked }
}

/// The identifier of one delivery of a job's result: its Standard Webhooks `webhook-id`
/// (`msg_` and 32 hex digits), the same on every attempt of that delivery.
public struct DeliveryID: StringIdentifier {
    public let rawValue: String
    public init?(_ rawValue: String) {
        guard JobID(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }
    public static func random() -> DeliveryID { DeliveryID(unchecked: "msg_" + randomHex(32)) }
    private init(unchecked: String) { rawValue = unchecked }
}

/// The identifier of a stored file (`ast_` and 24 hex digits), unique across accounts.
public struct AssetID: StringIdentifier {
    public let rawValue: String
    public init?(_ rawValue: String) {
        guard JobID(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }
    public static func random() -> AssetID { AssetID(unchecked: "ast_" + randomHex(24)) }
    private init(unchecked: String) { rawValue = unchecked }
}

/// `count` random lower-case hex digits (from UUIDs: 122 random bits each).
func randomHex(_ count: Int) -> String {
    var hex = ""
    while hex.count < count { hex += UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
    return String(hex.prefix(count))
}
