import Foundation

/// An API key as stored: its SHA-256 only, never the key.
public struct APIKeyRecord: Sendable, Hashable {
    public var id: KeyID
    public var accountID: AccountID
    /// The key's first characters, so a person can tell keys apart in a list.
    public var prefix: String
    /// Lower-case hex SHA-256 of the whole key.
    public var hash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: KeyID, accountID: AccountID, prefix: String, hash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.prefix = prefix
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
