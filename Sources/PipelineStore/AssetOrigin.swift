import PipelineCore

/// Where an asset came from: uploaded, or an output of a job.
public enum AssetOrigin: Sendable, Hashable {
    case upload
    case job(JobID, configID: ConfigID, outputPath: String)

    /// `upload` or `job`, as stored and shown.
    public var kind: String {
        switch self {
        case .upload: "upload"
        case .job: "job"
        }
    }
}
