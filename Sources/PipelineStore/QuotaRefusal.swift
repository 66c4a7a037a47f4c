import Foundation

/// Why the store refused to take a job or a record: a quota or limit it checked atomically.
public struct QuotaRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Limit: String, Sendable, Hashable {
        case sourcesPerDay, creditsPerMonth, shareSources, shareCredits, shareBytes, savedConfigurations, allowedIPs, rendersPerDay
    }

    public var limit: Limit
    /// The limit's value.
    public var allowed: Int
    /// What was already used (or held) when the request came.
    public var used: Int
    /// What the request asked for.
    public var requested: Int

    public init(limit: Limit, allowed: Int, used: Int, requested: Int) {
        self.limit = limit
        self.allowed = allowed
        self.used = used
        self.requested = requested
    }

    /// What is left.
    public var remaining: Int { max(0, allowed - used) }

    public var description: String { "\(limit.rawValue): \(used) of \(allowed) used, \(requested) asked for" }
}
