import Foundation
import Hummingbird
import Logging
import PipelineCore
import PipelineStore
import ServiceLifecycle

/// `pipeline serve`: the HTTP API, the job workers, the deliverer and the sweeper as services
/// of one group. SIGTERM or SIGINT stops accepting requests, gives running jobs a few seconds
/// (then hands their leases back) and exits 0.
public struct PipelineServerApp: Sendable {
    public var env: ServerEnvironment

    public init(env: ServerEnvironment) {
        self.env = env
    }

    /// Every route the router has, as "METHOD /path/{param}".
    public static func routes(_ env: ServerEnvironment) -> [String] {
        APIRouter.build(env).routes.map { "\($0.method) \($0.path)" }
    }

    /// The OpenAPI document the server serves.
    public static var openAPIDocument: [UInt8] { APIRouter.openAPIDocument }

    /// Runs until a signal; `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let env = self.env
        var stale = 0, rescued: [JobRescue] = []
        let sweeper = Sweeper(env: env, interval: max(1, env.settings.leaseSeconds / 3))
        if env.settings.database == nil {
            // One process owns an SQLite data folder: whatever a killed process left is garbage,
            // and every lease was held by a process that is gone (each such run counts).
            stale = env.blobs.removeStaleTemporaryFiles(olderThan: -1)
            rescued = try await sweeper.rescue(expiredBefore: Date.distantFuture, now: Date())
            _ = try await env.store.releaseExpiredDeliveries(now: Date.distantFuture)
        }
        // With PostgreSQL other processes hold leases and write temporary files: only expired
        // leases and old files are taken back, by the sweeper, in every process.
        env.logger.info("starting", metadata: ["data": "\(env.settings.dataFolder)", "database": "\(env.settings.database?.description ?? "sqlite")",
                                              "role": "\(env.settings.role.rawValue)",
                                              "requeued": "\(rescued.filter { $0.outcome == .requeued }.count)",
                                              "crashed": "\(rescued.filter { $0.outcome == .failed }.count)",
                                              "stale.files": "\(stale)", "workers": "\(env.settings.workers)"])
        let app = Application(
            router: APIRouter.build(env),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(env.settings.idleTimeoutSeconds * 1000)))),
            configuration: .init(address: .hostname(env.settings.host, port: env.settings.port), serverName: "ImagePipeline"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                env.boundPort.set(port)
                env.logger.notice("listening", metadata: ["address": "http://\(env.settings.host):\(port)"])
                await onRunning(port)
            },
            logger: env.logger)
        var services: [any Service] = []
        if env.settings.role.servesHTTP {
            services.append(app)
        } else {
            env.logger.notice("working", metadata: ["role": "worker", "owner": "\(env.owner)"])
            await onRunning(0)
        }
        if env.settings.role.works {
            for index in 0..<max(1, env.settings.workers) {
                services.append(JobWorker(env: env, name: "\(env.owner)/worker-\(index)"))
            }
            services.append(Deliverer(env: env, name: "\(env.owner)/deliverer"))
            services.append(WorkWatcher(env: env))
        }
        services.append(sweeper)
        let group: ServiceGroup
        if let store = env.storeService {
            // The pool runs first and stops last; the server's services start once the schema is
            // up to date, in a group of their own, and stop first.
            let server = ServiceGroup(services: services, gracefulShutdownSignals: [], logger: env.logger)
            group = ServiceGroup(services: [store.service, StartAfter(store.start, then: server)],
                                 gracefulShutdownSignals: [.sigterm, .sigint], logger: env.logger)
        } else {
            group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: env.logger)
        }
        try await group.run()
        env.logger.info("stopped")
    }
}

/// Runs `start` (the store's migrations, once its pool runs), then `service`.
struct StartAfter: Service {
    var start: @Sendable () async throws -> Void
    var service: any Service

    init(_ start: @escaping @Sendable () async throws -> Void, then service: any Service) {
        self.start = start
        self.service = service
    }

    func run() async throws {
        try await start()
        try await service.run()
    }
}
