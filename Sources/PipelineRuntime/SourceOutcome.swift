import PipelineCore

/// What became of one source: its manifest entries and its staged output files.
struct SourceOutcome: Sendable, Codable {
    /// One output file waiting in the staging folder.
    struct StagedOutput: Sendable, Codable {
        var entry: Manifest.Output
        /// The staged file holding the bytes (shared by aliases).
        var file: String
        /// The bytes' CRC-32 when the worker that made them computed it (the ZIP's writer then
        /// copies the file without reading it).
        var crc32: UInt32? = nil
    }

    var source: Manifest.Source
    var outputs: [StagedOutput]
    var failure: Manifest.Failure?
    /// Outputs that could not be made while the source's others were.
    var outputFailures: [Manifest.Failure] = []
}
