/// What happens to animated sources.
public enum AnimationPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep every frame where the output format animates (GIF, WebP); other formats get the first.
    case keep
    /// Use the first frame only (the default).
    case firstFrame
}
