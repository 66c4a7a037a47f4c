import ArgumentParser
import Foundation
import Logging
import PipelineCore
import PipelineServer
import PipelineStore
import Delivery

/// `pipeline-server`: what `pipeline serve` and `pipeline keys` run (the HTTP server stays out
/// of `pipeline run`).
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline-server",
        abstract: "The ImagePipeline server: saved configurations, uploads by configId, durable jobs and postbacks.",
        subcommands: [ServeCommand.self, KeysCommand.self, PlansCommand.self, AccountsCommand.self])
}


struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP API, the job workers and the deliverer.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free one).") var port = 8080
    @OptionGroup var data: DataOption
    @Option(help: "Jobs worked on at once (default 1; each job's sources share the cores).") var workers = 1
    @Option(name: .customLong("decode-budget"), help: "MiB of whole-image decoder memory (progressive JPEGs' coefficients, interlaced PNGs, GIF and WebP frames) one job's sources worked on at once may hold together, as pipeline run's (default: 64 per core).")
    var decodeBudget: Int?
    @Option(help: "api (HTTP only), worker (jobs and deliveries only) or all (default).") var role: ServerRole = .all
    @Option(name: .customLong("database-connections"), help: "The most PostgreSQL connections this process opens (default 10).")
    var databaseConnections = 10
    @Flag(name: .customLong("allow-private-addresses"), help: "Let postbacks go to loopback and private addresses (local tests).")
    var allowPrivateAddresses = false
    @Option(name: .customLong("retention-hours"), help: "Hours archives and sources are kept after a job finishes.") var retentionHours = 72.0
    @Option(name: .customLong("max-upload-bytes"), help: "The most bytes one upload may carry.") var maxUploadBytes = 40 * 1024 * 1024
    @Option(name: .customLong("idle-timeout"), help: "Seconds before a connection that sends nothing is closed (default 60).")
    var idleTimeout = 60.0
    @Option(name: .customLong("max-sources-per-job"), help: "The most sources one job may have (default 1000).")
    var maxSourcesPerJob = 1000
    @Option(name: .customLong("max-source-bytes"), help: "The most bytes a source URL may give.") var maxSourceBytes = 200 * 1024 * 1024
    @Option(name: .customLong("public-url"), help: "The address clients reach this server at, for links (default http://HOST:PORT).")
    var publicURL: String?
    @Option(name: .customLong("lease-seconds"), help: .hidden) var leaseSeconds = 30.0
    @Option(name: .customLong("blob-claim-seconds"), help: .hidden) var blobClaimSeconds = 600.0
    @Option(name: .customLong("render-timeout"), help: "Seconds one on-the-fly render may take before it is answered 504 RENDER_TIMEOUT (default 10).")
    var renderTimeout = 10.0
    @Option(name: .customLong("render-cache-bytes"), help: "Bytes of rendered results kept in DATA/render-cache, least recently used first out (default 1073741824; 0 keeps none).")
    var renderCacheBytes: Int64 = 1 << 30
    @Option(name: .customLong("render-max-age"), help: "Seconds of Cache-Control max-age on rendered images (default 86400).")
    var renderMaxAge = 86_400
    @Option(name: .customLong("render-queue"), help: "Renders that may wait for a free core; past that, 503 with Retry-After (default 64).")
    var renderQueue = 64
    @Option(name: .customLong("process-slots"), help: "POST /v1/process requests worked on at once (default: the cores).")
    var processSlots = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("process-wait"), help: "Seconds a POST /v1/process request waits for a slot before 503 PROCESS_BUSY (default 5).")
    var processWait = 5.0
    @Option(name: .customLong("process-timeout"), help: "Seconds one POST /v1/process request's work may take before 504 PROCESS_TIMEOUT (default 30).")
    var processTimeout = 30.0
    @Flag(help: "Work on each source in its own `pipeline render-source` process, killed at the time limit (as pipeline run --isolate).")
    var isolate = false
    @Option(name: .customLong("timeout"), help: "Seconds one source may take before it fails with SOURCE_TIMEOUT (default 60).")
    var timeout: Double?
    @Option(name: .customLong("max-pdf-pages"), help: "The most pages of a PDF source (default 2000; more: PDF_TOO_MANY_PAGES).")
    var maxPDFPages: Int?
    @Option(name: .customLong("max-pdf-memory-mb"), help: "The memory in MiB a PDF's worker process may allocate (default 2048; more: SOURCE_TOO_LARGE).")
    var maxPDFMemoryMB: Int?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel = "info"
    @Option(name: .customLong("trusted-proxy"), help: "An address or CIDR range of a proxy whose X-Forwarded-For names the client (repeat for several).")
    var trustedProxies: [String] = []

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout must be from 0 to 86400 seconds, got \(timeout)") }
        _ = try data.databaseURL()
        if !(2...500).contains(databaseConnections) { throw ValidationError("--database-connections must be from 2 to 500, got \(databaseConnections)") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
        if !(1...64).contains(workers) { throw ValidationError("--workers must be from 1 to 64, got \(workers)") }
        if let decodeBudget, let problem = WholeImageDecode.budgetProblem(mebibytes: decodeBudget) { throw ValidationError(problem) }
        if !(retentionHours > 0) { throw ValidationError("--retention-hours must be more than 0, got \(retentionHours)") }
        if maxUploadBytes < 1 { throw ValidationError("--max-upload-bytes must be at least 1") }
        if !(idleTimeout >= 0.1 && idleTimeout <= 86_400) { throw ValidationError("--idle-timeout must be from 0.1 to 86400 seconds, got \(idleTimeout)") }
        if !(1...100_000).contains(maxSourcesPerJob) { throw ValidationError("--max-sources-per-job must be from 1 to 100000, got \(maxSourcesPerJob)") }
        if maxSourceBytes < 1 { throw ValidationError("--max-source-bytes must be at least 1") }
        for proxy in trustedProxies where AddressRange(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IPv4 or IPv6 address or CIDR range (such as 10.0.0.0/8)")
        }
        if !(renderTimeout > 0 && renderTimeout <= 600) { throw ValidationError("--render-timeout must be from 0 to 600 seconds, got \(renderTimeout)") }
        if renderCacheBytes < 0 { throw ValidationError("--render-cache-bytes must be 0 or more, got \(renderCacheBytes)") }
        if renderMaxAge < 0 { throw ValidationError("--render-max-age must be 0 or more seconds, got \(renderMaxAge)") }
        if !(0...100_000).contains(renderQueue) { throw ValidationError("--render-queue must be from 0 to 100000, got \(renderQueue)") }
        if !(1...256).contains(processSlots) { throw ValidationError("--process-slots must be from 1 to 256, got \(processSlots)") }
        if !(processWait >= 0 && processWait <= 600) { throw ValidationError("--process-wait must be from 0 to 600 seconds, got \(processWait)") }
        if !(processTimeout > 0 && processTimeout <= 600) { throw ValidationError("--process-timeout must be from 0 to 600 seconds, got \(processTimeout)") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error") }
    }

    func run() async throws {
        var settings = ServerSettings()
        settings.host = host
        settings.port = port
        settings.dataFolder = data.data
        settings.database = try data.databaseURL()
        settings.databaseConnections = databaseConnections
        settings.role = role
        settings.workers = workers
        settings.decodeBudget = decodeBudget.map { $0 << 20 }
        settings.allowPrivateAddresses = allowPrivateAddresses
        settings.retentionHours = retentionHours
        settings.maxUploadBytes = maxUploadBytes
        settings.maxSourceURLBytes = maxSourceBytes
        settings.maxSourcesPerJob = maxSourcesPerJob
        settings.idleTimeoutSeconds = idleTimeout
        settings.publicURL = publicURL
        settings.leaseSeconds = leaseSeconds
        settings.blobClaimSeconds = blobClaimSeconds
        settings.renderTimeoutSeconds = renderTimeout
        settings.renderCacheBytes = max(0, renderCacheBytes)
        settings.renderMaxAgeSeconds = max(0, renderMaxAge)
        settings.renderQueue = max(0, renderQueue)
        settings.processSlots = processSlots
        settings.processWaitSeconds = processWait
        settings.processTimeoutSeconds = processTimeout
        settings.trustedProxies = trustedProxies.compactMap(AddressRange.init)
        if let timeout { settings.policy.timeoutSeconds = timeout }
        if let problem = SourcePolicy.pdfLimitProblem(pages: maxPDFPages, memoryMB: maxPDFMemoryMB) { throw ValidationError(problem) }
        if let maxPDFPages { settings.policy.maxPDFPages = maxPDFPages }
        if let maxPDFMemoryMB { settings.policy.maxPDFMemoryMB = maxPDFMemoryMB }
        // `render-source` is a subcommand of `pipeline`, built beside this program: it works on
        // every source with --isolate, and on PDFs always (they are never parsed in the server).
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let pipeline = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("pipeline").path
        let pipelineThere = FileManager.default.isExecutableFile(atPath: pipeline)
        if isolate {
            guard pipelineThere else {
                throw ValidationError("--isolate runs \(pipeline) render-source, which is not there; build it with swift build -c release --product pipeline")
            }
            settings.isolateExecutable = pipeline
        }
        settings.documentExecutable = pipelineThere ? pipeline : nil
        var logger = Logger(label: "pipeline.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let env = try await ServerEnvironment.open(settings, logger: logger, poolInServiceGroup: true)
        try await PipelineServerApp(env: env).run()
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Create, list and revoke API keys.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key (shown once) and print the account's webhook secret.")
        @OptionGroup var data: DataOption
        @Option(help: "The account the key belongs to (made if new).") var account = "default"
        @Option(help: "The plan of the account when it is made here (default: unlimited; pipeline plans list shows them).")
        var plan: String?

        func run() async throws {
            let store = try await data.store()
            if let plan, try await store.plan(named: plan) == nil {
                FileHandle.standardError.write(Data("error: there is no plan \(plan); pipeline plans list shows them\n".utf8))
                throw ExitCode(2)
            }
            if let plan, try await store.account(named: account) == nil {
                _ = try await store.createAccount(name: account, webhookSecret: WebhookSecret.random(), plan: plan, parent: nil, share: nil, at: Date())
            }
            let owner = try await APIKeys.account(named: account, store: store)
            let (key, _) = try await APIKeys.create(for: owner, store: store)
            print("api key: \(key)")
            print("webhook secret: \(owner.webhookSecret)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (their ids and first characters, never the keys).")
        @OptionGroup var data: DataOption

        func run() async throws {
            let store = try await data.existingStore()
            for key in try await store.keys(of: nil) {
                let name = try await store.account(id: key.accountID)?.name ?? key.accountID.rawValue
                let state = key.revokedAt.map { "revoked \(ISO8601DateFormatter().string(from: $0))" } ?? "active"
                print("\(key.id)  \(key.prefix)…  account \(name)  created \(ISO8601DateFormatter().string(from: key.createdAt))  \(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id (from keys list).")
        @OptionGroup var data: DataOption
        @Argument(help: "The key's id (key_…).") var id: String

        func run() async throws {
            guard let keyID = KeyID(id), try await data.existingStore().revokeKey(keyID, account: nil, at: Date()) else {
                FileHandle.standardError.write(Data("error: there is no active key \(id); pipeline keys list shows them\n".utf8))
                throw ExitCode(2)
            }
            print("revoked \(id)")
        }
    }
}

extension ServerRole: ExpressibleByArgument {}
