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

    /// A job upload's fields (its images are `sources` parts) and a JSON job's keys.
    static let formFields = FieldNames(names: ["configId", "configuration", "postbackUrl", "storageDuration", "store", "resultFolder", "sources"],
                                       aliases: FieldNames.seedAliases, kind: "form field")
    static let jsonFields = FieldNames(names: ["configId", "configuration", "sourceUrls", "assetIds", "folder", "recursive", "postbackUrl", "storageDuration",
                                               "store", "resultFolder"], aliases: FieldNames.seedAliases)

    /// Made once with the handlers, not per request.
    let intake: JobIntake

    init(env: ServerEnvironment) {
        self.env = env
        intake = JobIntake(store: env.store, blobs: env.blobs, policy: env.settings.policy, defaultRetentionHours: env.settings.retentionHours,
                           blobClaimSeconds: env.settings.blobClaimSeconds,
                           addresses: AddressPolicy(allowPrivateAddresses: env.settings.allowPrivateAddresses),
                           maxSourcesPerJob: env.settings.maxSourcesPerJob, logger: env.logger, jobsQueued: env.jobsQueued)
    }

    /// `multipart/form-data` (a `configId` field, `sources` file parts) or JSON with `sourceUrls`.
    func create(_ request: Request, caller: Caller) async throws -> Response {
        do {
            if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
                return try await accepted(try await intake.submit(try await urlSubmission(request), caller: caller))
            }
            try await Self.refuseBeforeReading(intake, caller: caller)
            let limit = min(env.settings.maxUploadBytes, caller.plan.bytesPerUpload ?? .max)
            var upload = try await UploadReader(limit: limit, maxSources: env.settings.maxSourcesPerJob, blobs: env.blobs).read(request)
            defer { for file in upload.files { try? FileManager.default.removeItem(atPath: file.path) } }
            upload.fields = try Self.formFields.rename(upload.fields)
            let configID = upload.fields["configId"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            let oneOff = try oneOff(upload.fields["configuration"].map { Data($0.utf8) }, configID: configID)
            guard oneOff != nil || configID?.isEmpty == false else {
                throw APIError.badRequest("the configId field is missing; send the id of a saved configuration as a form field named configId (or the document itself as configuration)")
            }
            return try await accepted(try await intake.submit(JobSubmission(
                configID: configID, oneOff: oneOff, sources: .files(upload.files, otherFileFields: upload.otherFileFields),
                postbackURL: upload.fields["postbackUrl"], storageDuration: upload.fields["storageDuration"],
                store: upload.fields["store"] == "true", resultFolder: upload.fields["resultFolder"]), caller: caller))
        } catch let error as JobIntakeError {
            throw Self.answer(error)
        }
    }

    /// `{"configId", "sourceUrls": [...], "postbackUrl"?, "storageDuration"?}`: the workers fetch the URLs.
    private func urlSubmission(_ request: Request) async throws -> JobSubmission {
        struct Body: Decodable {
            var configId: String?
            var configuration: JSONValue?
            var sourceUrls: [String]?
            var assetIds: [String]?
            var folder: String?
            var recursive: Bool?
            var postbackUrl: String?
            var storageDuration: String?
            var store: Bool?
            var resultFolder: String?
        }
        let data = try await PipelineServer.Body.object(request, Self.jsonFields)
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw APIError.badRequest("expected {\"configId\": \"…\", \"sourceUrls\": [\"https://…\"] or \"assetIds\": [\"ast_…\"] or \"folder\": \"/…\", \"postbackUrl\"?: \"…\", \"storageDuration\"?: \"24h\"}")
        }
        let fromLibrary = body.assetIds != nil || body.folder != nil
        if fromLibrary, body.sourceUrls != nil {
            throw APIError.badRequest("give sourceUrls, assetIds or folder: one kind of source per job")
        }
        let document: Data? = switch body.configuration {
        case .string(let text)?: Data(text.utf8)
        case let value?: try JSONEncoder().encode(value)
        case nil: nil
        }
        return JobSubmission(configID: body.configId, oneOff: try oneOff(document, configID: body.configId),
                             sources: fromLibrary ? .assets(ids: body.assetIds, folder: body.folder, recursive: body.recursive ?? false)
                                                  : .urls(body.sourceUrls ?? []),
                             postbackURL: body.postbackUrl, storageDuration: body.storageDuration, store: body.store ?? false,
                             resultFolder: body.resultFolder)
    }

    /// The configuration sent instead of a `configId`, validated as saving would (422 with every
    /// problem); it is recorded with the job, normalised, and saved nowhere else.
    private func oneOff(_ document: Data?, configID: String?) throws -> JobSubmission.OneOff? {
        guard let document else { return nil }
        if configID?.isEmpty == false { throw APIError.badRequest("give configId (a saved configuration) or configuration (a document), not both") }
        let handlers = ConfigurationHandlers(env: env)
        let config = try handlers.validate(field: document,
                                           notJSON: "configuration is not JSON; send the configuration document (as text in a form field, or as an object in JSON)")
        let id = config.id ?? ConfigID("one-off")!
        return JobSubmission.OneOff(config: config, id: id, document: try handlers.document(config, id: id))
    }

    private func accepted(_ accepted: JobIntake.Accepted) -> Response {
        let job = accepted.job
        return JSONResponse.make(202, APIModels.Accepted(
            jobId: job.id, status: "queued", statusUrl: "\(baseURL)/v1/jobs/\(job.id)", sources: job.sources.count,
            creditsPerSource: job.creditsPerSource, credits: accepted.credits,
            storageDuration: StorageDuration.describe(job.retention, defaultHours: env.settings.retentionHours)))
    }

    /// The intake's refusal before the body is read, answered so that the body is drained after
    /// it (a client writing the whole upload first still reads the 429).
    static func refuseBeforeReading(_ intake: JobIntake, caller: Caller) async throws {
        do {
            try await intake.refuseBeforeReading(caller: caller)
        } catch let error as JobIntakeError {
            var answer = answer(error)
            answer.bodyUnread = true
            throw answer
        }
    }

    /// The HTTP answer to a submission the intake did not queue.
    static func answer(_ error: JobIntakeError) -> APIError {
        switch error {
        case .unknownConfiguration(let text):
            APIError.notFound("there is no configuration \(text ?? "(none given)") in this account; save it first with POST /v1/configurations")
        case .notInPlan(let issues, let plan):
            APIError.notInPlan(issues, plan: plan)
        case .noSources(let others):
            APIError.badRequest("no sources part; send each image as a file part named sources"
                                + (others.isEmpty ? "" : " (file parts named \(others.joined(separator: ", ")) were sent)"))
        case .sourceURLCount(let count, let most):
            APIError.badRequest("sourceUrls must list 1 to \(most) http(s) URLs, got \(count)")
        case .badSourceURL(let index, let text):
            APIError.badRequest("sourceUrls[\(index)] \"\(text)\" is not an http(s) URL")
        case .badPostbackURL(let text):
            APIError.badRequest("postbackUrl \"\(text)\" is not an http(s) URL")
        case .refusedPostbackURL(let text, let reason):
            APIError.badRequest("postbackUrl \(text) is refused: \(reason)")
        case .storageDuration(let problem):
            problem.notInPlan ? APIError(403, .storageDurationNotInPlan, problem.message) : APIError.badRequest(problem.message)
        case .quota(let refusal, let plan, let at):
            APIError.refused(refusal, plan: plan, now: at)
        case .assetSelection(let message):
            APIError.badRequest(message)
        case .unknownAsset(let id):
            APIError.notFound("there is no asset \(id) in this account")
        case .unknownFolder(let path):
            APIError.notFound("there is no folder \(path) in this account")
        case .library(let refusal):
            AssetHandlers.answer(refusal)
        }
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

    /// `DELETE /v1/jobs/{id}`: the job's archive, its kept results and its kept uploads go; its
    /// record stays, with `deletedAt` (a permanent upload can always be removed this way).
    func delete(_ id: JobID, account: Account) async throws -> Response {
        let job = try await job(id, account: account)
        guard [.succeeded, .partial, .failed].contains(job.state) else {
            throw APIError(409, .notFinished, "job \(id) is \(job.state.rawValue); it can be deleted once it has run and its delivery has ended")
        }
        try await deleteData(of: job, account: account)
        return Response(status: .noContent)
    }

    /// Removes a finished job's archive, kept outputs and uploads, and marks it deleted.
    func deleteData(of job: JobRecord, account: Account) async throws {
        let intake = AssetIntake(store: env.store, blobs: env.blobs, claimSeconds: env.settings.blobClaimSeconds)
        if let folder = job.resultFolder, try await env.store.folderExists(account: account.id, path: folder) {
            for asset in try await env.store.assets(account: account.id, in: folder, recursive: true, limit: ArchiveHandlers.maximumFiles * 10) {
                if case .job(let origin, _, _) = asset.origin, origin == job.id { try await intake.forget(asset) }
            }
        }
        if let uploads = FolderPath("/uploads/\(job.id)"), try await env.store.folderExists(account: account.id, path: uploads) {
            _ = try await env.store.deleteFolder(account: account.id, path: uploads)
        }
        for key in job.sources.compactMap(\.blobKey).filter({ !$0.hasPrefix("assets/") }) + [job.archive?.blobKey].compactMap({ $0 }) {
            try env.blobs.delete(key)
        }
        try await env.store.markDeleted(job.id, at: Date())
        AssetHandlers(env: env).removeUnreferencedBlobs()
    }

    func read(_ id: JobID, account: Account) async throws -> Response {
        let job = try await job(id, account: account)
        return JSONResponse.make(200, APIModels.Job(job, deliveries: try await env.store.deliveries(job: id), baseURL: baseURL,
                                                    outputs: try await KeptOutput.list(job, store: env.store, baseURL: baseURL)))
    }


    /// `GET /v1/archives/{jobId}?expires&signature`: the archive by signed link, no key.
    func archiveByLink(_ id: JobID, _ request: Request) async throws -> Response {
        do {
            try env.links.check(id, expires: request.uri.queryParameters.get("expires").map { String($0) },
                                signature: request.uri.queryParameters.get("signature").map { String($0) })
        } catch .invalidSignature {
            throw APIError(403, .invalidSignature, "this archive link is not valid; use the archiveUrl of the notification as it was sent, or GET /v1/jobs/\(id)/archive with an API key")
        } catch .expired {
            throw APIError(410, .linkExpired, "this archive link expired; GET /v1/jobs/\(id)/archive with an API key, or redeliver the job for a fresh link")
        }
        guard let job = try await env.store.job(account: nil, id: id) else { throw APIError.notFound("there is no job \(id)") }
        return try serveArchive(job, request)
    }

    func archive(_ id: JobID, _ request: Request, account: Account) async throws -> Response {
        try serveArchive(try await job(id, account: account), request)
    }

    private func serveArchive(_ job: JobRecord, _ request: Request) throws -> Response {
        let id = job.id
        guard let archive = job.archive else {
            throw APIError(409, .notFinished, "job \(id) is \(job.state.rawValue); its archive exists once it has run")
        }
        if let deleted = job.deletedAt {
            throw APIError(410, .archiveExpired, "job \(id) was deleted at \(JSONResponse.timestamp(deleted)); its archive is gone")
        }
        guard job.expiredAt == nil, let path = env.blobs.path(archive.blobKey) else {
            throw APIError(410, .archiveExpired, "the archive of job \(id) was removed after the retention period (\(Int(env.settings.retentionHours)) hours)")
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
            throw APIError(409, .noPostbackUrl, "job \(id) has no postback URL; give one with the upload (postbackUrl) or in the configuration")
        }
        guard job.archive != nil else {
            throw APIError(409, .notFinished, "job \(id) is \(job.state.rawValue); it can be delivered again once it has run")
        }
        guard job.expiredAt == nil else {
            throw APIError(410, .archiveExpired, "the archive of job \(id) was removed after the retention period")
        }
        let format = (try? await JobWorker.document(of: job, store: env.store))
            .flatMap { try? ConfigurationParser().parse(Data($0.utf8)).postbackFormat } ?? .multipart
        let delivery = try await env.store.addDelivery(job: id, NewDelivery(url: url, format: format, firstAttemptAt: Date()), at: Date())
        env.deliveriesDue.ring()
        env.logger.info("redelivery queued", metadata: ["job.id": "\(id)", "webhook.id": "\(delivery.id)"])
        return JSONResponse.make(202, ["jobId": id.rawValue, "webhookId": delivery.id.rawValue, "state": delivery.state.rawValue])
    }
}
