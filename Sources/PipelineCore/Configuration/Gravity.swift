/// Which part of an image a crop keeps.
public enum Gravity: String, Sendable, Hashable, Codable, CaseIterable {
    case center, north, northeast, east, southeast, south, southwest, west, northwest
    /// libvips' attention strategy: keeps the region most likely to draw the eye.
    case attention
    /// libvips' entropy strategy: keeps the region with the most detail.
    case entropy

    /// True for the strategies that look at the pixels, so the crop is chosen at run time.
    public var isSmart: Bool { self == .attention || self == .entropy }
}
