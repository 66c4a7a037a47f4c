import Foundation

/// Someone who owns configurations, jobs and keys. Its webhook secret signs its postbacks.
public struct Account: Sendable, Hashable {
    public var id: AccountID
    public var name: String
    /// `whsec_<base64>`: signs every postback of this account's jobs.
    public var webhookSecret: String
    public var createdAt: Date

    public init(id: AccountID, name: String, webhookSecret: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.webhookSecret = webhookSecret
        self.createdAt = createdAt
    }
}
