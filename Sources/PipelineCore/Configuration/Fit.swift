/// How a resize fits the source into a width × height box.
public enum Fit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the aspect ratio; the result fits inside the box.
    case inside
    /// Keep the aspect ratio; fill the box and crop what overflows (by `gravity`).
    case cover
    /// Keep the aspect ratio; fit inside and pad to exactly the box.
    case contain
    /// Ignore the aspect ratio; stretch to exactly the box.
    case fill
    /// Keep the aspect ratio; the result covers the box, nothing is cropped.
    case outside
}
