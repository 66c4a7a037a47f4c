import Foundation
import Logging
import PipelineCore
@testable import PipelineServer
import PipelineStore
import PipelineStorePostgres
import ServiceLifecycle
import Testing

/// The deliverer as a service of its own, over a real store, a real data folder and a real
/// receiver on loopback.
@Suite struct DelivererTests {
    static let postgresURL: DatabaseURL? = ProcessInfo.processInfo.environment["PIPELINE_TEST_POSTGRES"].flatMap { try? DatabaseURL($0) }

    /// Two processes' environments on one PostgreSQL database and one data folder.
    private func environments(_ count: Int) async throws -> (envs: [ServerEnvironment], folder: String) {
        let url = try #require(Self.postgresURL)
        let name = "deliverer_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStore.createDatabase(name, on: url)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deliverer-\(UUID().uuidString)").path
        var settings = ServerSettings()
        settings.dataFolder = folder
        settings.database = url.with(database: name)
        settings.databaseConnections = 4
        settings.allowPrivateAddresses = true
        settings.pollSeconds = 0.1
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var envs: [ServerEnvironment] = []
        for _ in 0..<count { envs.append(try await ServerEnvironment.open(settings, logger: logger)) }
        return (envs, folder)
    }

    /// A finished job whose ZIP is stored and whose delivery to `url` is due now.
    private func finishedJob(_ env: ServerEnvironment, account: Account, url: String) async throws -> JobID {
        let id = JobID.random()
        try await env.store.enqueue(JobRecord(id: id, accountID: account.id, configID: ConfigID("thumbs")!, configVersion: 1,
                                              postbackURL: url, sources: [JobSource(name: "a.jpg")], createdAt: Date()),
                                    admission: .unlimited(sources: 1))
        let claimed = try #require(try await env.store.claimJob(owner: "setup", until: Date() + 60, now: Date()))
        let file = env.blobs.temporaryFile()
        try Data("a zip".utf8).write(to: URL(fileURLWithPath: file))
        try env.blobs.put("archives/\(claimed.id).zip", movingFile: file)
        try await env.store.completeJob(claimed.id, owner: "setup", completion: JobCompletion(
            outcome: .succeeded, sources: claimed.sources, archive: ArchiveRecord(blobKey: "archives/\(claimed.id).zip", sha256: "s", bytes: 5),
            delivery: NewDelivery(url: url, format: .multipart, firstAttemptAt: Date())), at: Date())
        return claimed.id
    }

    /// Runs `deliverer` in a service group of its own; the returned group shuts it down.
    private func start(_ deliverer: Deliverer) -> (ServiceGroup, Task<Void, any Error>) {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let group = ServiceGroup(services: [deliverer], gracefulShutdownSignals: [], logger: logger)
        return (group, Task { try await group.run() })
    }

    @Test(.enabled(if: postgresURL != nil, "PIPELINE_TEST_POSTGRES is not set (scripts/test sets it)"))
    func aDelivererShutDownMidAttemptReleasesOnlyItsOwnDeliveryNotAnotherProcesss() async throws {
        let (envs, folder) = try await environments(3)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let receiver = HoldingReceiver()
        let url = try await receiver.start()
        let account = try await envs[0].store.createAccount(name: "acme", webhookSecret: WebhookSecretText.sample, at: Date())
        let jobs = [try await finishedJob(envs[0], account: account, url: url), try await finishedJob(envs[0], account: account, url: url)]

        // Process A takes one delivery, then process B the other; both attempts are in flight.
        var first = Deliverer(env: envs[0], name: "A/deliverer")
        first.shutdownGrace = 0.2
        let (groupA, runA) = start(first)
        let posted = try await receiver.waitForPosts(1)
        let seen = try await envs[0].store.deliveries(job: jobs[0])
        #expect(posted, "\(seen)")
        let (groupB, runB) = start(Deliverer(env: envs[1], name: "B/deliverer"))
        #expect(try await receiver.waitForPosts(2))
        let (idA, idB) = (receiver.webhookIDs[0], receiver.webhookIDs[1])

        // A shuts down while both are still posting: it gives up its own attempt only.
        await groupA.triggerGracefulShutdown()
        try await runA.value
        // A third process sees what is free: A's delivery (made again, the same webhook-id), not
        // B's, whose attempt is still held. Had B's lease been freed, C would post it too: C is
        // given time to, before the receiver answers anything.
        let (groupC, runC) = start(Deliverer(env: envs[2], name: "C/deliverer"))
        #expect(try await receiver.waitForPosts(3))
        try await Task.sleep(for: .seconds(2))
        receiver.release()
        let deadline = Date().addingTimeInterval(40)
        var states: [JobState?] = []
        while Date() < deadline {
            states = []
            for job in jobs { states.append(try await envs[0].store.job(account: nil, id: job)?.state) }
            if states.allSatisfy({ $0 == .succeeded }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .seconds(1))
        for group in [groupB, groupC] { await group.triggerGracefulShutdown() }
        try await runB.value
        try await runC.value

        #expect(states == [.succeeded, .succeeded])
        #expect(receiver.posts(of: idB) == 1, "B's delivery was posted \(receiver.posts(of: idB)) times")
        #expect(receiver.posts(of: idA) == 2, "A's cut-off attempt is made again under its webhook-id")
        let deliveriesB = try await envs[0].store.deliveries(job: jobs[1])
        let deliveriesA = try await envs[0].store.deliveries(job: jobs[0])
        // B recorded its own attempt: its lease was never taken from it.
        let recordedB = try #require([deliveriesA, deliveriesB].first { $0.first?.0.id.rawValue == idB })
        #expect(recordedB.map(\.0.state) == [.delivered] && recordedB.first?.1.count == 1)
    }
}
