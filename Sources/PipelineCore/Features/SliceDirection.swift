/// Which way a slice cuts: `vertical` makes tiles from top to bottom (each `size` tall),
/// `horizontal` from left to right (each `size` wide).
public enum SliceDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case vertical, horizontal
}
