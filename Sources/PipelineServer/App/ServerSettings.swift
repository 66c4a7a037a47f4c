import Foundation
import PipelineCore
import PipelineStorePostgres

/// How `pipeline serve` runs (SPEC §6).
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// `DATA`: `pipeline.sqlite`, `blobs/`, `assets/`.
    public var dataFolder = "./pipeline-data"
    /// Jobs worked on at once (each job's sources share the engine's threads).
    public var workers = 1
    /// Threads one job's sources use.
    public var concurrencyPerJob = ProcessInfo.processInfo.activeProcessorCount
    /// Bytes of whole-image decoder memory one job's running sources may hold together
    /// (`JobRequest.decodeBudget`; nil: its default for `concurrencyPerJob`).
    public var decodeBudget: Int?
    /// Postbacks and source URLs may go to loopback and private addresses (local tests).
    public var allowPrivateAddresses = false
    /// Archives and uploaded sources are removed this long after their job finished.
    public var retentionHours = 72.0
    /// The most bytes one upload request may carry.
    public var maxUploadBytes = 40 * 1024 * 1024
    /// A connection that sends nothing for this long (idle between requests, or stalled in the
    /// middle of one) is closed; a request being answered is not cut.
    public var idleTimeoutSeconds = 60.0
    /// The most sources one job may have (uploaded file parts; source URLs stop at 100 or this).
    public var maxSourcesPerJob = 1000
    /// The most bytes one source URL may give.
    public var maxSourceURLBytes = 200 * 1024 * 1024
    /// How long a worker's lease on a job lasts; it is renewed at a third of this.
    public var leaseSeconds = 30.0
    /// How long an upload's claim keeps its blob from the sweeper while it is written.
    public var blobClaimSeconds = 600.0
    /// How often queues are polled when idle, and expired leases looked for.
    public var pollSeconds = 0.5
    /// The engine's per-source limits.
    public var policy = SourcePolicy()
    /// `pipeline` to start `render-source` children with (`--isolate`); nil works in process.
    public var isolateExecutable: String?
    /// `pipeline` to compress PDFs with, each in a child of its own, isolation asked for or not
    /// (SPEC §12); `pipeline-server serve` sets it whenever `pipeline` is beside it. nil: a PDF
    /// source fails with `UNSUPPORTED_FORMAT` unless `isolateExecutable` is set.
    public var documentExecutable: String?

    /// The `pipeline` a PDF source is compressed by: the isolating one, else the document one.
    var documentWorker: String? { isolateExecutable ?? documentExecutable }
    /// The address clients reach the server at, for links (default `http://host:port`).
    public var publicURL: String?

    /// Proxies whose `X-Forwarded-For` names the client (for the IP allow-list).
    public var trustedProxies: [AddressRange] = []

    /// PostgreSQL for several processes; nil: SQLite in the data folder (one process).
    public var database: DatabaseURL?
    /// The most PostgreSQL connections this process opens.
    public var databaseConnections = 10
    public var role: ServerRole = .all
    /// On-the-fly rendering (SPEC §10): one render's time limit (then 504 `RENDER_TIMEOUT`).
    public var renderTimeoutSeconds = 10.0
    /// The most bytes the render cache keeps on disk (least recently used results go first).
    public var renderCacheBytes: Int64 = 1 << 30
    /// `Cache-Control: public, max-age=` of rendered images.
    public var renderMaxAgeSeconds = 86_400
    /// Renders made at once (each on a thread of its own) and renders waiting for one (past
    /// that, 503 with `Retry-After`).
    public var renderConcurrency = ProcessInfo.processInfo.activeProcessorCount
    public var renderQueue = 64
    /// Immediate processing (SPEC §11): requests worked on at once, how long a request waits
    /// for a slot (then 503 with `Retry-After`), and one request's time limit (then 504).
    public var processSlots = ProcessInfo.processInfo.activeProcessorCount
    public var processWaitSeconds = 5.0
    public var processTimeoutSeconds = 30.0

    public init() {}

    var databasePath: String { "\(dataFolder)/pipeline.sqlite" }
    var blobFolder: String { "\(dataFolder)/blobs" }
    /// Watermark images of saved configurations are looked up here (relative paths).
    var assetFolder: String { "\(dataFolder)/assets" }
    /// Rendered results, shared by the processes of one data folder.
    var renderCacheFolder: String { "\(dataFolder)/render-cache" }
}
