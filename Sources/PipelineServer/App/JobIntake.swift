import Delivery
import Foundation
import Logging
import PipelineCore
import PipelineStore

/// Takes a job in: the saved configuration checked against the caller's plan (which may have
/// changed since it was saved), the sources, the postback URL (checked one way for every kind
/// of submission), the storage duration, and one quota request that queues the job or refuses
/// it. Knows nothing of HTTP: it throws `JobIntakeError`, and the handler picks the status.
struct JobIntake: Sendable {
    var store: any JobQueue & ConfigurationStore & AssetStore
    var blobs: any BlobStore
    /// What an uploaded source must be to be kept in the library (`/uploads/<jobId>/`).
    var policy: SourcePolicy
    /// The server's `--retention-hours`, when a job keeps its default.
    var defaultRetentionHours: Double
    var blobClaimSeconds: Double
    var addresses: AddressPolicy
    var maxSourcesPerJob: Int
    var logger: Logger
    /// Rung when a job is queued, so an idle worker of this process starts at once.
    var jobsQueued: Doorbell

    /// A job queued: the record as stored and the credits it took.
    struct Accepted: Sendable {
        var job: JobRecord
        var credits: Int
    }

    /// Source URLs one job may list.
    var maxSourceURLs: Int { min(100, maxSourcesPerJob) }

    /// Refuses an upload before its body is read when no quota left could take even one source
    /// (one credit, one byte): the client is told at once instead of after sending its bytes for
    /// nothing. A hint only: the check that counts is the one that queues the job.
    func refuseBeforeReading(caller: Caller) async throws {
        let least = JobAdmission(sources: 1, bytesIn: 1, credits: 1, sourcesPerDay: caller.plan.sourcesPerDay,
                                 creditsPerMonth: caller.plan.creditsPerMonth, share: caller.account.share)
        guard least.sourcesPerDay != nil || least.creditsPerMonth != nil || least.share != nil else { return }
        let now = Date()
        if let refusal = try await store.quotaRefusal(least, account: caller.account.id, at: now) {
            logger.info("upload refused before its body", metadata: ["account": "\(caller.account.name)", "limit": "\(refusal)"])
            throw JobIntakeError.quota(refusal, caller.plan, at: now)
        }
    }

    /// Checks `submission` and queues it. Uploaded files are moved into the blob store (and
    /// removed again if the job is not queued).
    func submit(_ submission: JobSubmission, caller: Caller) async throws -> Accepted {
        let configID: ConfigID, configVersion: Int, config: PipelineConfig
        if let oneOff = submission.oneOff {
            let issues = caller.plan.issues(for: oneOff.config)
            if !issues.isEmpty { throw JobIntakeError.notInPlan(issues, caller.plan) }
            (configID, configVersion, config) = (oneOff.id, 0, oneOff.config)
        } else {
            let (stored, saved) = try await savedConfiguration(submission.configID, caller: caller)
            (configID, configVersion, config) = (stored.id, stored.version, saved)
        }
        let jobID = JobID.random()
        var sources: [JobSource] = []
        var stagedBytes = 0
        var files: [(name: String, path: String)] = []
        switch submission.sources {
        case .files(let uploaded, let others):
            guard !uploaded.isEmpty else { throw JobIntakeError.noSources(otherFileFields: others) }
            files = uploaded
        case .assets(let ids, let folder, let recursive):
            for asset in try await storedAssets(ids: ids, folder: folder, recursive: recursive, account: caller.account.id) {
                sources.append(JobSource(name: asset.name, blobKey: asset.blobKey))
                stagedBytes += asset.bytes
            }
        case .urls(let urls):
            guard (1...maxSourceURLs).contains(urls.count) else { throw JobIntakeError.sourceURLCount(urls.count, most: maxSourceURLs) }
            for (index, text) in urls.enumerated() {
                guard let url = Self.httpURL(text) else { throw JobIntakeError.badSourceURL(index: index, text: text) }
                sources.append(JobSource(name: Self.fileName(url.lastPathComponent, index: index), url: text))
            }
        }
        let postback = try postbackURL(submission.postbackURL, configuration: config)
        let retention = try retention(submission.storageDuration, caller: caller)
        var bytes = stagedBytes
        // Each uploaded image is kept in the library, in /uploads/<jobId>/, for as long as the
        // job's archive (so it can be processed again); a file that is not an image stays a
        // plain source of this job, to fail in it with its reason.
        let library = AssetIntake(store: store, blobs: blobs, claimSeconds: blobClaimSeconds)
        let uploads = FolderPath("/uploads/\(jobID)")
        // The uploads are kept in the library, so the plan's library limits apply to them.
        let sizes = files.map { ((try? FileManager.default.attributesOfItem(atPath: $0.path)[.size]) as? NSNumber)?.intValue ?? 0 }
        do {
            try await library.admit(zip(files, sizes).map { (Self.fileName($0.0.name, index: 0), $0.1) }, plan: caller.plan, account: caller.account.id)
        } catch let refusal as AssetIntake.Refusal {
            throw JobIntakeError.library(refusal)
        }
        var kept: [AssetRecord] = []
        var plainKeys: [String] = []
        do {
            for (index, file) in files.enumerated() {
                bytes += sizes[index]
                let name = Self.fileName(file.name, index: index)
                if let uploads, AssetName.problem(with: name) == nil,
                   let checked = try? AssetIntake.check(name: name, path: file.path, policy: policy) {
                    let asset = try await library.keep(checked, account: caller.account.id, folder: uploads, expiresAt: retention.expiry(from: Date(), defaultHours: defaultRetentionHours),
                                                       origin: .upload, onConflict: .rename)
                    kept.append(asset)
                    sources.append(JobSource(name: name, blobKey: asset.blobKey))
                } else {
                    let key = "sources/\(jobID)/\(index)"
                    try blobs.put(key, movingFile: file.path)
                    plainKeys.append(key)
                    sources.append(JobSource(name: name, blobKey: key))
                }
            }
        } catch {
            for asset in kept { try? await library.forget(asset) }
            for key in plainKeys { try? blobs.delete(key) }
            throw error
        }
        var job = JobRecord(id: jobID, accountID: caller.account.id, configID: configID, configVersion: configVersion,
                            postbackURL: postback, sources: sources, createdAt: Date())
        job.configDocument = submission.oneOff?.document
        job.creditsPerSource = AccountPlan.creditsPerSource(config)
        job.retention = retention
        job.resultFolder = try resultFolder(submission, configID: configID, jobID: jobID, configuration: config)
        do {
            return try await queue(job, bytesIn: bytes, caller: caller)
        } catch {
            for asset in kept { try? await library.forget(asset) }
            for key in plainKeys { try? blobs.delete(key) }
            throw error
        }
    }

    /// Where the job keeps its outputs, when it does.
    private func resultFolder(_ submission: JobSubmission, configID: ConfigID, jobID: JobID, configuration: PipelineConfig) throws -> FolderPath? {
        guard submission.store || configuration.output.store || submission.resultFolder != nil else { return nil }
        let text = submission.resultFolder?.trimmingCharacters(in: .whitespaces) ?? "/results/\(configID)/\(jobID)"
        guard let folder = FolderPath(text) else {
            throw JobIntakeError.assetSelection("resultFolder \"\(text.prefix(80))\": \(FolderPath.problem(with: text) ?? "not a folder path")")
        }
        return folder
    }

    /// The library files a job names: ids (each must be the caller's), or a folder's.
    private func storedAssets(ids: [String]?, folder: String?, recursive: Bool, account: AccountID) async throws -> [AssetRecord] {
        let now = Date()
        if ids != nil, folder != nil { throw JobIntakeError.assetSelection("give assetIds or folder, not both") }
        if let ids {
            guard (1...maxSourcesPerJob).contains(ids.count) else {
                throw JobIntakeError.assetSelection("assetIds must list 1 to \(maxSourcesPerJob) asset ids, got \(ids.count)")
            }
            var parsed: [AssetID] = []
            for text in ids {
                guard let id = AssetID(text) else { throw JobIntakeError.assetSelection("assetIds: \"\(text.prefix(80))\" is not an asset id") }
                parsed.append(id)
            }
            let found = try await store.assets(account: account, ids: parsed).filter { !$0.isExpired(at: now) }
            if let missing = parsed.first(where: { id in !found.contains { $0.id == id } }) { throw JobIntakeError.unknownAsset(missing.rawValue) }
            return found
        }
        guard let text = folder else { throw JobIntakeError.assetSelection("give assetIds or folder") }
        guard let path = FolderPath(text) else {
            throw JobIntakeError.assetSelection("folder \"\(text.prefix(80))\": \(FolderPath.problem(with: text) ?? "not a folder path")")
        }
        guard try await store.folderExists(account: account, path: path) else { throw JobIntakeError.unknownFolder(path.rawValue) }
        let found = try await store.assets(account: account, in: path, recursive: recursive, limit: maxSourcesPerJob + 1).filter { !$0.isExpired(at: now) }
        guard !found.isEmpty else { throw JobIntakeError.assetSelection("folder \(path) holds no files\(recursive ? "" : "; add recursive: true for those below it")") }
        guard found.count <= maxSourcesPerJob else {
            throw JobIntakeError.assetSelection("folder \(path) holds more than \(maxSourcesPerJob) files, the most one job takes; choose a folder below it")
        }
        return found
    }

    /// The saved configuration a job names, checked against the caller's plan.
    private func savedConfiguration(_ text: String?, caller: Caller) async throws -> (StoredConfiguration, PipelineConfig) {
        guard let text, let id = ConfigID(text),
              let stored = try await store.configuration(account: caller.account.id, id: id, version: nil) else {
            throw JobIntakeError.unknownConfiguration(text)
        }
        let config = try ConfigurationParser().parse(Data(stored.document.utf8))
        let issues = caller.plan.issues(for: config)
        if !issues.isEmpty { throw JobIntakeError.notInPlan(issues, caller.plan) }
        return (stored, config)
    }

    /// The URL sent (trimmed; empty is none), else the configuration's: an http(s) URL whose
    /// address the server may post to.
    private func postbackURL(_ sent: String?, configuration: PipelineConfig) throws -> String? {
        let trimmed = sent?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let postback = trimmed?.isEmpty == false ? trimmed : configuration.postbackUrl else { return nil }
        guard Self.httpURL(postback) != nil else { throw JobIntakeError.badPostbackURL(postback) }
        do {
            _ = try addresses.check(postback)
        } catch {
            throw JobIntakeError.refusedPostbackURL(postback, reason: error.description)
        }
        return postback
    }

    private func retention(_ field: String?, caller: Caller) throws -> JobRetention {
        guard let field = field?.trimmingCharacters(in: .whitespacesAndNewlines), !field.isEmpty else {
            return caller.plan.retentionHours.map(JobRetention.hours) ?? .serverDefault
        }
        do {
            let retention = try StorageDuration.parse(field)
            try StorageDuration.check(retention, plan: caller.plan)
            return retention
        } catch {
            throw JobIntakeError.storageDuration(error)
        }
    }

    /// Takes the job's sources and credits from the quotas and queues it, in one transaction.
    private func queue(_ job: JobRecord, bytesIn: Int, caller: Caller) async throws -> Accepted {
        let credits = job.creditsPerSource * job.sources.count
        let admission = JobAdmission(sources: job.sources.count, bytesIn: bytesIn, credits: credits, sourcesPerDay: caller.plan.sourcesPerDay,
                                     creditsPerMonth: caller.plan.creditsPerMonth, share: caller.account.share)
        do {
            try await store.enqueue(job, admission: admission)
        } catch let refusal as QuotaRefusal {
            logger.info("job refused", metadata: ["account": "\(caller.account.name)", "limit": "\(refusal)"])
            throw JobIntakeError.quota(refusal, caller.plan, at: job.createdAt)
        }
        jobsQueued.ring()
        logger.info("job queued", metadata: ["job.id": "\(job.id)", "config.id": "\(job.configID)", "sources": "\(job.sources.count)",
                                             "credits": "\(credits)"])
        return Accepted(job: job, credits: credits)
    }

    /// An http(s) URL with a host.
    static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else { return nil }
        return url
    }

    /// The name a source is known by: the file name sent, without folders; `source-N` if none.
    static func fileName(_ sent: String, index: Int) -> String {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return last.isEmpty ? "source-\(index + 1)" : last
    }
}
