/// Which way a flip mirrors: `horizontal` swaps left and right, `vertical` top and bottom.
public enum FlipAxis: String, Sendable, Hashable, Codable, CaseIterable {
    case horizontal, vertical
}
