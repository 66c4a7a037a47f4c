import Foundation
import PipelineCore
import PipelineStore

/// The JSON bodies the API answers with (SPEC §6).
enum APIModels {
    struct Plan: Encodable {
        var declared: [String]
        var planned: [String]
        var declaredWork: Int
        var plannedWork: Int
        var outputsPerSource: Int
        /// Credits one source takes: the planned work.
        var creditsPerSource: Int
        var leaves: [PlanReport.Leaf]

        init(config: PipelineConfig, id: ConfigID) {
            let plan = Planner.plan(config)
            let report = PlanReport(configId: id, config: config, plan: plan)
            declared = report.declaredOrder
            planned = report.plannedOrder
            declaredWork = report.declaredWork
            plannedWork = report.plannedWork
            outputsPerSource = plan.leaves.count
            creditsPerSource = report.plannedWork
            leaves = report.leaves
        }
    }

    struct PlanCheck: Encodable {
        var valid: Bool
        var issues: [ValidationIssue]
        var notInPlan: [ValidationIssue]
        var plan: Plan?
        /// What was accepted but changed (a quality of 80.5 read as 81).
        var warnings: [ValidationIssue]? = nil
    }

    /// An asset (SPEC §9).
    struct Asset: Codable {
        struct Origin: Codable {
            var type: String
            var jobId: String?
            var configId: String?
            var outputPath: String?
        }

        var assetId: String
        var folder: String
        var name: String
        var bytes: Int
        var sha256: String
        var format: String
        var width: Int
        var height: Int
        var createdAt: Date
        var expiresAt: Date?
        var origin: Origin
        /// The keyless URL of its bytes.
        var url: String

        init(_ asset: AssetRecord, url: String) {
            assetId = asset.id.rawValue
            folder = asset.folder.rawValue
            name = asset.name
            bytes = asset.bytes
            sha256 = asset.sha256
            format = asset.format
            width = asset.width
            height = asset.height
            createdAt = asset.createdAt
            expiresAt = asset.expiresAt
            switch asset.origin {
            case .upload: origin = Origin(type: "upload")
            case .job(let job, let config, let path): origin = Origin(type: "job", jobId: job.rawValue, configId: config.rawValue, outputPath: path)
            case .process(let config, let path): origin = Origin(type: "process", configId: config.rawValue, outputPath: path)
            }
            self.url = url
        }

        /// `expiresAt` is written as null when the asset is permanent, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(assetId, forKey: .assetId)
            try container.encode(folder, forKey: .folder)
            try container.encode(name, forKey: .name)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(format, forKey: .format)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(expiresAt, forKey: .expiresAt)
            try container.encode(origin, forKey: .origin)
            try container.encode(url, forKey: .url)
        }
    }

    struct Folder: Codable {
        var path: String
        var name: String

        init(path: FolderPath) {
            self.path = path.rawValue
            name = path.names.last ?? "/"
        }
    }

    struct FolderPage: Codable {
        var path: String
        var folders: [Folder]
        var foldersTruncated: Bool
        var assets: [Asset]
        /// The `after` of the next page; absent on the last.
        var next: String?
    }

    struct FolderCounts: Codable {
        var path: String
        var files: Int
        var folders: Int
        var bytes: Int
    }

    struct Deleted: Codable {
        var assets: Int
        var folders: Int?
    }

    struct AssetList: Codable {
        var assets: [Asset]
    }

    struct AssetLink: Codable {
        var url: String
        var expiresAt: Date
    }

    /// `GET /v1/watermarks`.
    struct WatermarkImages: Codable {
        var images: [WatermarkImage]
        /// Where the files are, for people: a watermark's `image` is a path relative to it.
        var folder: String
    }

    struct WatermarkImage: Codable {
        var path: String
        var bytes: Int
    }

    struct Configuration: Encodable {
        var configId: ConfigID
        var version: Int
        var createdAt: Date
        /// The normalised document, as a JSON value.
        var configuration: JSONValue
        var plan: Plan?
        /// What was accepted but changed (a quality of 80.5 read as 81); only when saving.
        var warnings: [ValidationIssue]?
    }

    struct ConfigurationList: Encodable {
        var configurations: [Configuration]
        /// Pass as `after` for the next page; absent on the last.
        var next: String?
    }

    struct Accepted: Codable {
        var jobId: JobID
        var status: String
        var statusUrl: String
        var sources: Int
        var creditsPerSource: Int
        /// Credits the job takes: credits per source × sources (those of failed sources come back).
        var credits: Int
        /// `72h`, `permanent`, …: how long its archive is kept once it finished.
        var storageDuration: String
    }

    struct Attempt: Codable {
        var at: Date
        var httpStatus: Int?
        var error: String?
        var ms: Int
    }

    struct Delivery: Codable {
        var state: String
        var webhookId: String?
        var attempts: [Attempt]
        var nextAttemptAt: Date?
    }

    struct Source: Codable {
        var name: String
        var status: String
        var code: String?
        var message: String?
        var outputs: Int
    }

    struct Job: Codable {
        var jobId: JobID
        var configId: ConfigID
        var configVersion: Int
        var status: String
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var sources: [Source]
        var delivery: Delivery
        var archiveUrl: String?
        var archiveExpired: Bool
        /// When the client deleted its archive, results and uploads.
        var deletedAt: Date?
        /// With `store: true`, where its outputs are kept and each one as an asset (once it ran).
        var resultFolder: String?
        var outputs: [KeptOutput]?

        init(_ job: JobRecord, deliveries: [(DeliveryRecord, [DeliveryAttemptRecord])], baseURL: String, outputs: [KeptOutput]? = nil) {
            resultFolder = job.resultFolder?.rawValue
            deletedAt = job.deletedAt
            self.outputs = outputs
            jobId = job.id
            configId = job.configID
            configVersion = job.configVersion
            status = job.state.rawValue
            createdAt = job.createdAt
            startedAt = job.startedAt
            finishedAt = job.finishedAt
            sources = job.sources.map { source in
                Source(name: source.name, status: source.status?.rawValue ?? (job.state == .queued ? "queued" : "processing"),
                       code: source.code, message: source.message, outputs: source.outputs ?? 0)
            }
            if let (latest, attempts) = deliveries.last {
                delivery = Delivery(state: latest.state.rawValue, webhookId: latest.id.rawValue,
                                    attempts: attempts.map { Attempt(at: $0.at, httpStatus: $0.httpStatus, error: $0.error, ms: $0.milliseconds) },
                                    nextAttemptAt: latest.nextAttemptAt)
            } else {
                delivery = Delivery(state: "none", webhookId: nil, attempts: [], nextAttemptAt: nil)
            }
            archiveExpired = job.expiredAt != nil
            archiveUrl = job.archive != nil && job.expiredAt == nil ? "\(baseURL)/v1/jobs/\(job.id)/archive" : nil
        }
    }

    struct JobList: Encodable {
        var jobs: [Job]
        var next: String?
    }

    struct UsagePair: Encodable {
        var today: UsageDay
        var month: UsageDay
    }

    struct Remaining: Encodable {
        var sourcesToday: Int?
        var creditsThisMonth: Int?
    }

    /// `GET /v1/assets/{id}/render-url`.
    /// `POST /v1/process` with `Accept: application/json`, one output (ImageRecycle's fields
    /// under our names): `saved` is the fraction of the source's bytes saved.
    struct Processed: Encodable {
        var width: Int
        var height: Int
        var format: String
        var sizeBefore: Int
        var sizeAfter: Int
        var saved: Double
        /// With `store=true`: the kept output, its URL, the kept original's, and when they expire.
        var assetId: String? = nil
        var url: String? = nil
        var originUrl: String? = nil
        var expiresAt: Date? = nil
    }

    /// One output of a `POST /v1/process` that made several.
    struct ProcessedOutput: Encodable {
        var path: String
        var width: Int
        var height: Int
        var format: String
        var sizeAfter: Int
        var saved: Double
        var assetId: String? = nil
        var url: String? = nil
    }

    /// `POST /v1/process` with `Accept: application/json`, several outputs.
    struct ProcessedSet: Encodable {
        var sizeBefore: Int
        var outputs: [ProcessedOutput]
        var failures: [Manifest.Failure]?
        var originUrl: String? = nil
        var expiresAt: Date? = nil
    }

    struct RenderURL: Codable {
        /// By the asset's folder and name: follows a replacement of the file at that place.
        var url: String
        /// By the asset's id: follows the asset through moves and renames.
        var byId: String
        var signed: Bool
        /// The account's switches: the URLs answer only when rendering is on (and, unsigned, allowed).
        var renderingEnabled: Bool
        var unsignedAllowed: Bool
    }

    struct AccountSummary: Encodable {
        var accountId: AccountID
        var name: String
        var parentId: AccountID?
        /// The plan and its limits (a missing limit is no limit).
        var plan: AccountPlan
        var share: AccountShare?
        var suspended: Bool
        /// On-the-fly rendering (SPEC §10), switched with PATCH /v1/account.
        var realtimeRendering: Bool
        var unsignedRendering: Bool
        var configurations: Int
        var jobs: [String: Int]
        /// This account's own usage.
        var usage: UsagePair
        /// What counts against the plan: the account and its sub-accounts (or, for a
        /// sub-account, its parent's family).
        var planUsage: UsagePair
        var remaining: Remaining
        /// What its media library keeps now.
        var storage: Storage
        /// ImageRecycle's quota fields under our names.
        var quota: Quota
    }

    /// ImageRecycle's quota figures (SPEC §11): the current period (the UTC month), the bytes
    /// taken in this period, the bytes allowed (a sub-account's share; absent: no byte limit),
    /// and the largest file the plan takes.
    struct Quota: Encodable {
        var quotaStart: Date
        var quotaEnd: Date
        var quotaUsedBytes: Int
        var quotaAllowedBytes: Int?
        var maxFileBytes: Int?

        init(account: Account, plan: AccountPlan, monthBytes: Int, now: Date) {
            quotaEnd = UsageCalendar.nextMonth(after: now)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            quotaStart = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
            quotaUsedBytes = max(0, monthBytes - (account.shareReset?.offset(.ownBytesInThisMonth, at: now) ?? 0))
            quotaAllowedBytes = account.share?.bytesPerMonth
            maxFileBytes = plan.maxFileBytes ?? plan.bytesPerUpload
        }
    }

    struct Storage: Encodable {
        var files: Int
        var bytes: Int
    }

    struct SubaccountUsage: Encodable {
        var accountId: AccountID
        var name: String
        var series: [UsageDay]
        var total: UsageDay
    }

    struct UsageReport: Encodable {
        var accountId: AccountID
        var from: String
        var to: String
        var granularity: String
        var series: [UsageDay]
        var total: UsageDay
        var subaccounts: [SubaccountUsage]
    }

    struct AddressList: Encodable {
        var addresses: [AllowedAddress]
        /// The plan's number of entries; absent: any number.
        var limit: Int?
        /// The address this request came from, as the allow-list sees it.
        var yourAddress: String?
    }

    struct Key: Encodable {
        var keyId: KeyID
        var accountId: AccountID
        var prefix: String
        var createdAt: Date
        var revokedAt: Date?

        init(_ record: APIKeyRecord) {
            keyId = record.id
            accountId = record.accountID
            prefix = record.prefix
            createdAt = record.createdAt
            revokedAt = record.revokedAt
        }
    }

    struct NewKey: Encodable {
        var key: Key
        /// Shown once; only its hash is kept.
        var apiKey: String
    }

    struct Subaccount: Encodable {
        var accountId: AccountID
        var name: String
        var description: String?
        var share: AccountShare?
        var createdAt: Date
        /// With `GET /v1/subaccounts/{id}`: its quota figures.
        var quota: Quota?

        init(_ account: Account, quota: Quota? = nil) {
            accountId = account.id
            name = account.name
            description = account.description
            share = account.share
            createdAt = account.createdAt
            self.quota = quota
        }
    }

    struct NewSubaccount: Encodable {
        var subaccount: Subaccount
        var apiKey: String
        var webhookSecret: String
    }
}
