import Foundation
import Synchronization
import Logging
import ServiceLifecycle
import PipelineStore
import PipelineStoreSQLite
import PipelineStorePostgres

/// What every part of the server shares: made once at start-up and passed in.
public struct ServerEnvironment: Sendable {
    public var settings: ServerSettings
    public var store: any PipelineStore
    public var blobs: any BlobStore
    public var logger: Logger
    /// This process's name in leases (`host:pid:random`).
    public var owner: String
    /// The port the server is bound to, once it is (the settings may say 0).
    public let boundPort = BoundPort()
    public let metrics = ServerMetrics()
    /// Rung when a job is queued / a delivery is written, so idle workers start at once.
    let jobsQueued = Doorbell()
    let deliveriesDue = Doorbell()
    /// Signs the JSON postback's archive links.
    let links: ArchiveLinks
    /// Requests per minute per key: in memory (SQLite), or the database's (PostgreSQL).
    let rateLimits: any RequestRateLimits
    /// The database's connection pool, when the server's service group runs it (PostgreSQL
    /// opened with `poolInServiceGroup`), and what to do once it runs (migrations).
    var storeService: (service: any Service, start: @Sendable () async throws -> Void)?
    /// On-the-fly rendering: the result cache, the render slots, the counters.
    let renders: RenderService
    let processSlots: ProcessSlots

    /// `rateLimits` nil: buckets in this process's memory.
    public init(settings: ServerSettings, store: any PipelineStore, rateLimits: (any RequestRateLimits)? = nil, blobs: any BlobStore,
                logger: Logger) throws {
        self.rateLimits = rateLimits ?? RateLimiter()
        links = try ArchiveLinks.load(dataFolder: settings.dataFolder)
        self.settings = settings
        self.store = store
        self.blobs = blobs
        self.logger = logger
        renders = RenderService(settings: settings)
        processSlots = ProcessSlots(count: settings.processSlots, wait: settings.processWaitSeconds)
        owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    var gatekeeper: Gatekeeper { Gatekeeper(accounts: store, rateLimits: rateLimits, trustedProxies: settings.trustedProxies) }

    /// The address clients reach the server at, for links.
    var baseURL: String {
        settings.publicURL ?? "http://\(settings.host):\(boundPort.value ?? settings.port)"
    }

    /// Opens the data folder (the blob folder, made if missing) and the database: PostgreSQL
    /// when the settings name one, else SQLite in the data folder.
    /// With `poolInServiceGroup`, a PostgreSQL store's pool is left to `PipelineServerApp`'s
    /// service group (which migrates once it runs, and closes the pool after every other service
    /// stopped); otherwise the store runs it itself (tests, tools).
    public static func open(_ settings: ServerSettings, logger: Logger, poolInServiceGroup: Bool = false) async throws -> ServerEnvironment {
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: settings.assetFolder, withIntermediateDirectories: true)
        let blobs = try FileBlobStore(root: settings.blobFolder)
        if let url = settings.database {
            // Several API processes share the database: the rate limits' buckets are in it.
            let store = try await PostgresStore(url: url, maximumConnections: settings.databaseConnections, logger: logger,
                                                runBy: poolInServiceGroup ? .serviceGroup : .itself)
            var env = try ServerEnvironment(settings: settings, store: store, rateLimits: store, blobs: blobs, logger: logger)
            if poolInServiceGroup { env.storeService = (store.service, { try await store.migrate() }) }
            return env
        }
        return try ServerEnvironment(settings: settings, store: try SQLiteStore(path: settings.databasePath), blobs: blobs, logger: logger)
    }
}

/// The port the HTTP server was bound to, set once it listens.
public final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)

    public var value: Int? { port.withLock { $0 } }

    func set(_ value: Int) { port.withLock { $0 = value } }
}
