import Foundation
import PipelineCore

/// Everything a job needs: the configuration, its sources and where the ZIP goes.
public struct JobRequest: Sendable {
    public var config: PipelineConfig
    public var configID: ConfigID
    public var jobID: JobID
    public var sources: [SourceFile]
    /// Where the ZIP is written.
    public var archivePath: String
    /// How many sources are worked on at once.
    public var concurrency: Int
    /// What sources may be, and how long each may take.
    public var policy: SourcePolicy
    /// Work on each source in a child process (nil: in this process).
    public var isolation: SourceIsolation?
    /// Work on each PDF source in a child process even without `isolation` (nil: in this
    /// process, for callers without a `pipeline` executable to run).
    public var documentIsolation: SourceIsolation?
    /// Bytes of whole-image decoder memory (`WholeImageDecode`: progressive JPEGs' coefficients,
    /// interlaced PNGs, GIF and WebP frames) the sources worked on at once may hold together;
    /// nil: `defaultDecodeBudget(concurrency:)`.
    public var decodeBudget: Int?
    /// The folder relative watermark image paths are resolved against (the configuration's).
    public var assetDirectory: String = FileManager.default.currentDirectoryPath

    public init(config: PipelineConfig, configID: ConfigID, jobID: JobID, sources: [SourceFile], archivePath: String,
                concurrency: Int, policy: SourcePolicy = SourcePolicy(), isolation: SourceIsolation? = nil,
                documentIsolation: SourceIsolation? = nil) {
        self.isolation = isolation
        self.documentIsolation = documentIsolation
        self.policy = policy
        self.config = config
        self.configID = configID
        self.jobID = jobID
        self.sources = sources
        self.archivePath = archivePath
        self.concurrency = concurrency
    }

    /// 64 MiB for each source worked on at once: each worker may decode a 20 MP 4:2:0
    /// progressive JPEG (54 MiB of coefficients) beside the others; a bigger one borrows the
    /// others' share, so two 16 MP 4:4:4 progressive JPEGs (96 MiB each) take turns on two workers.
    public static func defaultDecodeBudget(concurrency: Int) -> Int { (64 << 20) * max(1, concurrency) }
}
