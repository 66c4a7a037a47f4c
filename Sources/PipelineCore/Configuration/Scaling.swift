/// Which direction a resize may change the size in.
public enum Scaling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Never enlarge: a source smaller than the target is left at its size.
    case downOnly
    /// Never reduce: a source larger than the target is left at its size.
    case upOnly
    /// Always reach the target.
    case both
}
