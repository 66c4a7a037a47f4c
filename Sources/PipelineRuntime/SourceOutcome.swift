import PipelineCore

/// What became of one source: its manifest entries and its staged output files.
struct SourceOutcome: Sendable, Codable {
    /// One output file waiting in the staging folder.
    struct StagedOutput: Sendable, Codable {
        var entry: Manifest.Output
        /// The staged file holding the bytes (shared by aliases).
        var file: String
    }

    var source: Manifest.Source
    var outputs: [StagedOutput]
    var failure: Manifest.Failure?
    /// Outputs that could not be made while the source's others were.
    var outputFailures: [Manifest.Failure] = []
}
