import Foundation
import PipelineCore

/// What the queue's rescuer did with a job whose lease expired (its worker died or hung): put
/// it back in the queue, or, once it had been claimed `maximumRuns` times, ended it failed with
/// `WORKER_CRASHED` so that a source that kills its process every time cannot crash-loop the
/// service (River's rescuer discards a job past its maximum attempts the same way).
public struct JobRescue: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case requeued
        case failed
    }

    public var jobID: JobID
    /// How many times a worker had claimed it.
    public var runs: Int
    public var outcome: Outcome

    public init(jobID: JobID, runs: Int, outcome: Outcome) {
        self.jobID = jobID
        self.runs = runs
        self.outcome = outcome
    }

    /// The code every source of a job ended this way gets.
    public static let code = "WORKER_CRASHED"

    /// The message every source of a job ended this way gets.
    public static func reason(runs: Int) -> String {
        "the job's worker stopped before finishing it \(runs) times in a row (a crash, the OOM killer, or a hang past its lease); " +
            "it is not tried again. A source that crashes the engine takes only itself down with `pipeline serve --isolate`"
    }

    /// Whether a job claimed `runs` times goes back to the queue or ends.
    public static func outcome(runs: Int, maximumRuns: Int) -> Outcome { runs >= maximumRuns ? .failed : .requeued }
}
