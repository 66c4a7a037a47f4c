/// A social-media image size, with where and when it was taken from.
public struct SocialTemplate: Sendable, Hashable, Codable {
    /// The name used in configurations, e.g. `instagram-portrait`.
    public var name: String
    public var platform: String
    public var width: Int
    public var height: Int
    /// Where the size was taken from.
    public var source: String
    /// When it was taken (ISO date).
    public var date: String
}
