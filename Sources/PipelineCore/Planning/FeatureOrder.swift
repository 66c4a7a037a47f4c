/// Whether the planner may reorder features (SPEC §3).
public enum FeatureOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Colour and encode-stage features move, fewest outputs first; geometric order is kept.
    case auto
    /// Features run exactly as declared.
    case declared
}
