import Foundation

/// One entry of an account's IP allow-list: an address or a CIDR range, switched on or off by
/// the account's owner. When an account has any active entry, its keys work only from those.
public struct AllowedAddress: Sendable, Hashable, Codable {
    /// `203.0.113.7`, `2001:db8::1` or a range such as `10.0.0.0/8`.
    public var address: String
    public var active: Bool
    public var createdAt: Date

    public init(address: String, active: Bool, createdAt: Date) {
        self.address = address
        self.active = active
        self.createdAt = createdAt
    }
}
