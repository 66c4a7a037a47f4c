import Delivery
import Foundation
import Logging
import PipelineStore
import ServiceLifecycle

/// Posts due deliveries from the outbox: one attempt at a time per delivery, claimed with a
/// lease, each attempt signed afresh with the account's secret and recorded with what follows
/// (the next attempt's time lives in the database, so a restart loses nothing).
struct Deliverer: Service {
    var env: ServerEnvironment
    var name: String
    var delivery: PostbackDelivery
    /// Longer than one exchange may take (120 s), so no other process takes a delivery in flight.
    var leaseSeconds = 180.0
    /// How long an attempt in flight may go on once shutdown is asked for.
    var shutdownGrace = 8.0

    init(env: ServerEnvironment, name: String) {
        self.env = env
        self.name = name
        delivery = PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: env.settings.allowPrivateAddresses))
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = Date()
            let claimed: DeliveryRecord?
            do {
                claimed = try await env.store.claimDelivery(owner: name, until: now + leaseSeconds, now: now)
            } catch {
                env.logger.error("claiming a delivery failed", metadata: ["error": "\(error)"])
                claimed = nil
            }
            guard let record = claimed else {
                let bell = env.deliveriesDue, poll = env.settings.pollSeconds
                try? await cancelWhenGracefulShutdown { await bell.wait(upTo: poll) }
                continue
            }
            // An attempt in flight at shutdown gets a few seconds; then this process's lease on
            // it (and only that: other processes are posting theirs) is freed, and the attempt
            // is made again by another process or after a restart (the same webhook-id).
            let deliverer = self
            if await finishWithinGrace(shutdownGrace, { await deliverer.attempt(record) }) == nil {
                _ = try? await env.store.releaseDelivery(record.id, owner: name)
            }
        }
    }

    private func attempt(_ record: DeliveryRecord) async {
        let started = Date()
        let metadata: Logger.Metadata = ["job.id": "\(record.jobID)", "webhook.id": "\(record.id)", "attempt": "\(record.attempts + 1)"]
        var attempt = DeliveryAttemptRecord(at: started, httpStatus: nil, error: nil, milliseconds: 0)
        var next: DeliveryNext
        do {
            (attempt, next) = try await send(record)
        } catch {
            // The server's own failure (its files, its database): the details go to the log, not
            // to the account, which is told how to try again.
            env.logger.error("preparing a postback failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            attempt.error = "the server could not prepare the postback (the cause is in its log); POST /v1/jobs/\(record.jobID)/redeliver tries again"
            next = .failed
        }
        do {
            try await env.store.recordAttempt(record.id, owner: name, attempt: attempt, next: next)
        } catch {
            env.logger.error("recording a delivery attempt failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return
        }
        let outcome = switch next {
        case .delivered: "delivered"
        case .failed: "failed"
        case .retry(let at): "retry at \(JSONResponse.timestamp(at))"
        }
        env.metrics.deliveryAttempt(outcome: String(outcome.prefix { $0 != " " }))
        env.logger.info("delivery \(outcome)", metadata: metadata.merging([
            "http.status": "\(attempt.httpStatus.map(String.init) ?? "-")", "error": "\(attempt.error ?? "-")"]) { $1 })
    }

    private func send(_ record: DeliveryRecord) async throws -> (DeliveryAttemptRecord, DeliveryNext) {
        let started = Date()
        guard let job = try await env.store.job(account: nil, id: record.jobID), let archive = job.archive,
              let account = try await env.store.account(id: record.accountID) else {
            return (DeliveryAttemptRecord(at: started, httpStatus: nil, error: "the job or its account is gone", milliseconds: 0), .failed)
        }
        guard job.expiredAt == nil, let archivePath = env.blobs.path(archive.blobKey) else {
            return (DeliveryAttemptRecord(at: started, httpStatus: nil, error: "the archive was removed after the retention period", milliseconds: 0), .failed)
        }
        let pin: String
        do {
            pin = try delivery.addresses.check(record.url)
        } catch {
            return (DeliveryAttemptRecord(at: started, httpStatus: nil, error: "refused: \(error.description)", milliseconds: 0), .failed)
        }
        let bodyPath = env.blobs.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: bodyPath) }
        let (contentType, length): (String, Int)
        switch record.format {
        case .multipart:
            let body = try MultipartBody.write(
                to: bodyPath, fields: [("jobId", job.id.rawValue), ("configId", job.configID.rawValue), ("status", (job.outcome ?? .failed).rawValue)],
                fileField: "outputZipFile", fileName: "\(job.id).zip", fileContentType: "application/zip", filePath: archivePath)
            (contentType, length) = (body.contentType, body.length)
        case .json:
            let kept = try await KeptOutput.list(job, store: env.store, baseURL: env.baseURL)
            let bytes = try JobNotification(job: job, archive: archivePath, archiveURL: env.links.url(base: env.baseURL, job: job.id), kept: kept).encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: bodyPath))
            (contentType, length) = ("application/json", bytes.count)
        }
        let secrets = [try WebhookSecret(account.webhookSecret)]
        let (sent, outcome) = try await delivery.send(webhookID: record.id.rawValue, url: record.url, pin: pin, bodyFile: bodyPath,
                                                      contentType: contentType, bodyLength: length, secrets: secrets,
                                                      number: record.attempts + 1)
        let attempt = DeliveryAttemptRecord(at: sent.startedAt, httpStatus: sent.status, error: sent.error,
                                            milliseconds: Int((sent.latency * 1000).rounded()))
        switch outcome {
        case .delivered: return (attempt, .delivered)
        case .gone: return (attempt, .failed)
        case .retry(let delay):
            guard let delay else { return (attempt, .failed) }
            return (attempt, .retry(at: Date() + delay))
        }
    }
}
