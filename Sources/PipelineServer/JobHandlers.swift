import Delivery
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PipelineCore
import PipelineStore

/// `/v1/jobs`: upload sources against a saved configuration, read status, fetch the archive,
/// deliver again.
struct JobHandlers: Sendable {
    var env: ServerEnvironment

    var baseURL: String { env.baseURL }

    func create(_ request: Request, caller: Caller) async throws -> Response {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/json") { return try await createFromURLs(request, caller: caller) }
        try await refuseBeforeReading(caller: caller)
        let limit = min(env.settings.maxUploadBytes, caller.plan.bytesPerUpload ?? .max)
        let upload = try await UploadReader(limit: limit, maxSources: env.settings.maxSourcesPerJob, blobs: env.blobs).read(request)
        defer { for file in upload.files { try? FileManager.default.removeItem(atPath: file.path) } }
        guard let configText = upload.fields["configId"]?.trimmingCharacters(in: .whitespacesAndNewlines), !configText.isEmpty else {
            throw APIError.badRequest("the configId field is missing; send the id of a saved configuration as a form field named configId")
        }
        let (stored, config) = try await savedConfiguration(configText, caller: caller)
        guard !upload.files.isEmpty else {
            let others = upload.otherFileFields.isEmpty ? "" : " (file parts named \(upload.otherFileFields.joined(separator: ", ")) were sent)"
            throw APIError.badRequest("no sources part; send each image as a file part named sources\(others)")
        }
        var postback = config.postbackUrl
        if let field = upload.fields["postbackUrl"]?.trimmingCharacters(in: .whitespacesAndNewlines), !field.isEmpty {
            guard let url = URL(string: field), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw APIError.badRequest("postbackUrl \"\(field)\" is not an http(s) URL")
            }
            postback = field
        }
        try checkPostback(postback)
        let retention = try retention(upload.fields["storageDuration"], caller: caller)
        let jobID = JobID.random()
        var sources: [JobSource] = []
        var bytes = 0
        for (index, file) in upload.files.enumerated() {
            bytes += ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber)?.intValue ?? 0
            let key = "sources/\(jobID)/\(index)"
            try env.blobs.put(key, movingFile: file.path)
            sources.append(JobSource(name: Self.fileName(file.name, index: index), blobKey: key))
        }
        do {
            return try await queue(JobRecord(id: jobID, accountID: caller.account.id, configID: stored.id, configVersion: stored.version,
                                             postbackURL: postback, sources: sources, createdAt: Date()),
                                   config: config, retention: retention, bytesIn: bytes, caller: caller)
        } catch {
            for key in sources.compactMap(\.blobKey) { try? env.blobs.delete(key) }
            throw error
        }
    }

    /// The saved configuration a job names, checked against the caller's plan (which may have
    /// changed since it was saved).
    private func savedConfiguration(_ text: String?, caller: Caller) async throws -> (StoredConfiguration, PipelineConfig) {
        guard let text, let id = ConfigID(text),
              let stored = try await env.store.configuration(account: caller.account.id, id: id, version: nil) else {
            throw APIError.notFound("there is no configuration \(text ?? "(none given)") in this account; save it first with POST /v1/configurations")
        }
        let config = try ConfigurationParser().parse(Data(stored.document.utf8))
        try ConfigurationHandlers.checkPlan(config, caller)
        return (stored, config)
    }

    private func retention(_ field: String?, caller: Caller) throws -> JobRetention {
        guard let field = field?.trimmingCharacters(in: .whitespacesAndNewlines), !field.isEmpty else {
            return caller.plan.retentionHours.map(JobRetention.hours) ?? .serverDefault
        }
        let retention = try StorageDuration.parse(field)
        try StorageDuration.check(retention, plan: caller.plan)
        return retention
    }

    /// Refuses an upload before its body is read when no quota left could take even one source
    /// (one credit, one byte): the client is told at once instead of after sending its bytes for
    /// nothing. A hint only: the check that counts is the one that queues the job.
    private func refuseBeforeReading(caller: Caller) async throws {
        let least = JobAdmission(sources: 1, bytesIn: 1, credits: 1, sourcesPerDay: caller.plan.sourcesPerDay,
                                 creditsPerMonth: caller.plan.creditsPerMonth, share: caller.account.share)
        guard least.sourcesPerDay != nil || least.creditsPerMonth != nil || least.share != nil else { return }
        let now = Date()
        if let refusal = try await env.store.quotaRefusal(least, account: caller.account.id, at: now) {
            env.logger.info("upload refused before its body", metadata: ["account": "\(caller.account.name)", "limit": "\(refusal)"])
            throw APIError.refused(refusal, plan: caller.plan, now: now)
        }
    }

    /// Takes the job's sources and credits from the quotas and queues it, in one transaction.
    private func queue(_ job: JobRecord, config: PipelineConfig, retention: JobRetention, bytesIn: Int, caller: Caller) async throws -> Response {
        var job = job
        job.creditsPerSource = AccountPlan.creditsPerSource(config)
        job.retention = retention
        let credits = job.creditsPerSource * job.sources.count
        let admission = JobAdmission(sources: job.sources.count, bytesIn: bytesIn, credits: credits, sourcesPerDay: caller.plan.sourcesPerDay,
                                     creditsPerMonth: caller.plan.creditsPerMonth, share: caller.account.share)
        do {
            try await env.store.enqueue(job, admission: admission)
        } catch let refusal as QuotaRefusal {
            env.logger.info("job refused", metadata: ["account": "\(caller.account.name)", "limit": "\(refusal)"])
            throw APIError.refused(refusal, plan: caller.plan, now: job.createdAt)
        }
        env.jobsQueued.ring()
        env.logger.info("job queued", metadata: ["job.id": "\(job.id)", "config.id": "\(job.configID)", "sources": "\(job.sources.count)",
                                                 "credits": "\(credits)"])
        return JSONResponse.make(202, APIModels.Accepted(
            jobId: job.id, status: "queued", statusUrl: "\(baseURL)/v1/jobs/\(job.id)", sources: job.sources.count,
            creditsPerSource: job.creditsPerSource, credits: credits,
            storageDuration: StorageDuration.describe(retention, defaultHours: env.settings.retentionHours)))
    }

    private func checkPostback(_ postback: String?) throws {
        guard let postback else { return }
        do {
            _ = try AddressPolicy(allowPrivateAddresses: env.settings.allowPrivateAddresses).check(postback)
        } catch {
            throw APIError.badRequest("postbackUrl \(postback) is refused: \(error.description)")
        }
    }

    /// `{"configId", "sourceUrls": [...], "postbackUrl"?, "storageDuration"?}`: the workers fetch the URLs.
    private func createFromURLs(_ request: Request, caller: Caller) async throws -> Response {
        struct Body: Decodable {
            var configId: String?
            var sourceUrls: [String]?
            var postbackUrl: String?
            var storageDuration: String?
        }
        let data = try await PipelineServer.Body.json(request)
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw APIError.badRequest("expected {\"configId\": \"…\", \"sourceUrls\": [\"https://…\"], \"postbackUrl\"?: \"…\", \"storageDuration\"?: \"24h\"}")
        }
        let (stored, config) = try await savedConfiguration(body.configId, caller: caller)
        let urls = body.sourceUrls ?? []
        let most = min(100, env.settings.maxSourcesPerJob)
        guard (1...most).contains(urls.count) else { throw APIError.badRequest("sourceUrls must list 1 to \(most) http(s) URLs, got \(urls.count)") }
        var sources: [JobSource] = []
        for (index, text) in urls.enumerated() {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw APIError.badRequest("sourceUrls[\(index)] \"\(text)\" is not an http(s) URL")
            }
            sources.append(JobSource(name: Self.fileName(url.lastPathComponent, index: index), url: text))
        }
        let postback = body.postbackUrl ?? config.postbackUrl
        if let postback, URL(string: postback).map({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") }) != true {
            throw APIError.badRequest("postbackUrl \"\(postback)\" is not an http(s) URL")
        }
        try checkPostback(postback)
        let retention = try retention(body.storageDuration, caller: caller)
        return try await queue(JobRecord(id: JobID.random(), accountID: caller.account.id, configID: stored.id, configVersion: stored.version,
                                         postbackURL: postback, sources: sources, createdAt: Date()),
                               config: config, retention: retention, bytesIn: 0, caller: caller)
    }

    /// The name a source is known by: the file name sent, without folders; `source-N` if none.
    static func fileName(_ sent: String, index: Int) -> String {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return last.isEmpty ? "source-\(index + 1)" : last
    }

    func list(_ request: Request, account: Account) async throws -> Response {
        let limit = try Query.limit(request)
        let state = try request.uri.queryParameters.get("status").map { text in
            guard let state = JobState(rawValue: String(text)) else {
                throw APIError.badRequest("status=\(text) is not one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let after = try request.uri.queryParameters.get("after").map { text in
            guard let id = JobID(String(text)) else { throw APIError.badRequest("after=\(text) is not a job id") }
            return id
        }
        let page = try await env.store.jobs(account: account.id, state: state, before: after, limit: limit + 1)
        var jobs: [APIModels.Job] = []
        for job in page.prefix(limit) {
            jobs.append(APIModels.Job(job, deliveries: try await env.store.deliveries(job: job.id), baseURL: baseURL))
        }
        return JSONResponse.make(200, APIModels.JobList(jobs: jobs, next: page.count > limit ? jobs.last?.jobId.rawValue : nil))
    }

    func job(_ id: JobID, account: Account) async throws -> JobRecord {
        guard let job = try await env.store.job(account: account.id, id: id) else {
            throw APIError.notFound("there is no job \(id) in this account")
        }
        return job
    }

    func read(_ id: JobID, account: Account) async throws -> Response {
        let job = try await job(id, account: account)
        return JSONResponse.make(200, APIModels.Job(job, deliveries: try await env.store.deliveries(job: id), baseURL: baseURL))
    }

    /// `GET /v1/archives/{jobId}?expires&signature`: the archive by signed link, no key.
    func archiveByLink(_ id: JobID, _ request: Request) async throws -> Response {
        try env.links.check(id, expires: request.uri.queryParameters.get("expires").map { String($0) },
                            signature: request.uri.queryParameters.get("signature").map { String($0) })
        guard let job = try await env.store.job(account: nil, id: id) else { throw APIError.notFound("there is no job \(id)") }
        return try serveArchive(job, request)
    }

    func archive(_ id: JobID, _ request: Request, account: Account) async throws -> Response {
        try serveArchive(try await job(id, account: account), request)
    }

    private func serveArchive(_ job: JobRecord, _ request: Request) throws -> Response {
        let id = job.id
        guard let archive = job.archive else {
            throw APIError(409, "NOT_FINISHED", "job \(id) is \(job.state.rawValue); its archive exists once it has run")
        }
        guard job.expiredAt == nil, let path = env.blobs.path(archive.blobKey) else {
            throw APIError(410, "ARCHIVE_EXPIRED", "the archive of job \(id) was removed after the retention period (\(Int(env.settings.retentionHours)) hours)")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.eTag] = "\"\(archive.sha256)\""
        headers[.contentDisposition] = "attachment; filename=\"\(id).zip\""
        if request.headers[.ifNoneMatch] == "\"\(archive.sha256)\"" { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = String(archive.bytes)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        let body = ResponseBody { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    func redeliver(_ id: JobID, account: Account) async throws -> Response {
        let job = try await job(id, account: account)
        guard let url = job.postbackURL else {
            throw APIError(409, "NO_POSTBACK_URL", "job \(id) has no postback URL; give one with the upload (postbackUrl) or in the configuration")
        }
        guard job.archive != nil else {
            throw APIError(409, "NOT_FINISHED", "job \(id) is \(job.state.rawValue); it can be delivered again once it has run")
        }
        guard job.expiredAt == nil else {
            throw APIError(410, "ARCHIVE_EXPIRED", "the archive of job \(id) was removed after the retention period")
        }
        let format = try await env.store.configuration(account: account.id, id: job.configID, version: job.configVersion)
            .flatMap { try? ConfigurationParser().parse(Data($0.document.utf8)).postbackFormat } ?? .multipart
        let delivery = try await env.store.addDelivery(job: id, NewDelivery(url: url, format: format, firstAttemptAt: Date()), at: Date())
        env.deliveriesDue.ring()
        env.logger.info("redelivery queued", metadata: ["job.id": "\(id)", "webhook.id": "\(delivery.id)"])
        return JSONResponse.make(202, ["jobId": id.rawValue, "webhookId": delivery.id.rawValue, "state": delivery.state.rawValue])
    }
}
