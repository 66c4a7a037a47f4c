import PipelineCore

/// What a finished job left: the ZIP and its manifest.
public struct JobResult: Sendable {
    public var archivePath: String
    public var manifest: Manifest

    public var status: JobOutcome { manifest.status }
}
