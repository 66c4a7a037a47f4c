import PipelineCore

/// Where an asset came from: uploaded, or an output of a job.
public enum AssetOrigin: Sendable, Hashable {
    case upload
    case job(JobID, configID: ConfigID, outputPath: String)
    /// Made by `POST /v1/process` with `store=true` (SPEC §11): no job, the configuration and
    /// the output's path.
    case process(configID: ConfigID, outputPath: String)

    /// `upload`, `job` or `process`, as stored and shown.
    public var kind: String {
        switch self {
        case .upload: "upload"
        case .job: "job"
        case .process: "process"
        }
    }
}
