/// What happens to animated sources.
public enum AnimationPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep every frame (not run by this version of the engine yet).
    case keep
    /// Use the first frame only (the default).
    case firstFrame
}
