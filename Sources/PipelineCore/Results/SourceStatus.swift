/// How one source of a job ended (the manifest's `sources[].status`).
public enum SourceStatus: String, Sendable, Hashable, Codable {
    /// Every output of the source was made.
    case succeeded
    /// Some of its outputs failed; the others were made.
    case partial
    /// None of its outputs was made.
    case failed
}
