import Foundation

/// What a sub-account may draw from its parent's plan each calendar month (UTC); nil: no share
/// of its own, only the parent's limits.
public struct AccountShare: Sendable, Hashable, Codable {
    public var sourcesPerMonth: Int?
    public var creditsPerMonth: Int?
    public var bytesPerMonth: Int?

    public init(sourcesPerMonth: Int? = nil, creditsPerMonth: Int? = nil, bytesPerMonth: Int? = nil) {
        self.sourcesPerMonth = sourcesPerMonth
        self.creditsPerMonth = creditsPerMonth
        self.bytesPerMonth = bytesPerMonth
    }

    public var isEmpty: Bool { sourcesPerMonth == nil && creditsPerMonth == nil && bytesPerMonth == nil }
}
