import Foundation
import Synchronization
import Logging
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
    /// Requests per minute per key, when the store does not keep them (SQLite).
    let limiter = RateLimiter()

    public init(settings: ServerSettings, store: any PipelineStore, blobs: any BlobStore, logger: Logger) throws {
        links = try ArchiveLinks.load(dataFolder: settings.dataFolder)
        self.settings = settings
        self.store = store
        self.blobs = blobs
        self.logger = logger
        owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    var gatekeeper: Gatekeeper { Gatekeeper(store: store, limiter: limiter, sharedLimits: store as? any SharedRateLimits,
                                        trustedProxies: settings.trustedProxies) }

    /// The address clients reach the server at, for links.
    var baseURL: String {
        settings.publicURL ?? "http://\(settings.host):\(boundPort.value ?? settings.port)"
    }

    /// Opens the data folder (the blob folder, made if missing) and the database: PostgreSQL
    /// when the settings name one, else SQLite in the data folder.
    public static func open(_ settings: ServerSettings, logger: Logger) async throws -> ServerEnvironment {
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: settings.assetFolder, withIntermediateDirectories: true)
        let store: any PipelineStore = if let url = settings.database {
            try await PostgresStore(url: url, maximumConnections: settings.databaseConnections, logger: logger)
        } else {
            try SQLiteStore(path: settings.databasePath)
        }
        return try ServerEnvironment(settings: settings, store: store, blobs: try FileBlobStore(root: settings.blobFolder), logger: logger)
    }
}

/// The port the HTTP server was bound to, set once it listens.
public final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)

    public var value: Int? { port.withLock { $0 } }

    func set(_ value: Int) { port.withLock { $0 = value } }
}
