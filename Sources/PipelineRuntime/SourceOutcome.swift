import PipelineCore

/// What became of one source: its manifest entries and its staged output files.
struct SourceOutcome: Sendable {
    /// One output file waiting in the staging folder.
    struct StagedOutput: Sendable {
        var entry: Manifest.Output
        /// The staged file holding the bytes (shared by aliases).
        var file: String
    }

    var source: Manifest.Source
    var outputs: [StagedOutput]
    var failure: Manifest.Failure?
}
