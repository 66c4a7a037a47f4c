/// How a run of a job ended: what its manifest says. Where a job is in the server's queue is
/// `JobState` (which ends in one of these).
public enum JobOutcome: String, Sendable, Hashable, Codable {
    /// Every source gave every output.
    case succeeded
    /// Some sources (or some outputs of a source) failed; the others' outputs are there.
    case partial
    /// No source gave any output.
    case failed

    /// The status of a job where `failed` of `total` sources failed.
    public static func of(total: Int, failed: Int) -> JobOutcome {
        if total == 0 || failed == total { return .failed }
        return failed == 0 ? .succeeded : .partial
    }
}
