import Foundation
import PipelineCore

// One mapper per record, for every backend: a row missing a column the record needs is a
// corrupt row (`StoreError.corruptRow`), never a record with 1970 or 0 in it, nor a record
// silently dropped from a list.

extension Account {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "accounts")
        self.init(id: try r.parsed("id", AccountID.init), name: try r.text("name"), webhookSecret: try r.text("webhook_secret"),
                  createdAt: try r.date("created_at"), plan: try r.text("plan"), parentID: row.string("parent_id").flatMap(AccountID.init),
                  share: row.string("share").flatMap { StoredJSON.decode(AccountShare.self, $0) }, suspendedAt: row.date("suspended_at"))
        rendering = RenderingSwitches(realtime: (row.int("realtime_rendering") ?? 0) != 0, unsigned: (row.int("unsigned_rendering") ?? 0) != 0)
        description = row.string("description")
        deletedAt = row.date("deleted_at")
        shareReset = row.string("share_reset").flatMap { StoredJSON.decode(ShareReset.self, $0) }
    }
}

extension APIKeyRecord {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "api_keys")
        self.init(id: try r.parsed("id", KeyID.init), accountID: try r.parsed("account_id", AccountID.init), prefix: try r.text("prefix"),
                  hash: try r.text("hash"), createdAt: try r.date("created_at"), revokedAt: row.date("revoked_at"))
    }
}

extension StoredConfiguration {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "configurations")
        self.init(accountID: try r.parsed("account_id", AccountID.init), id: try r.parsed("id", ConfigID.init), version: try r.int("version"),
                  document: try r.text("document"), createdAt: try r.date("created_at"))
    }
}

extension AllowedAddress {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "account_ips")
        self.init(address: try r.text("address"), active: try r.required("active") { $0.bool }, createdAt: try r.date("created_at"))
    }
}

extension AccountPlan {
    /// A plan from its stored document.
    public init(row: some StoreRow) throws(StoreError) {
        self = try RowReader(row, table: "plans").parsed("document") { StoredJSON.decode(AccountPlan.self, $0) }
    }
}

extension UsageDay {
    public init(row: some StoreRow) throws(StoreError) {
        self.init(day: try RowReader(row, table: "usage").text("day"))
        jobs = row.int("jobs") ?? 0
        sources = row.int("sources") ?? 0
        bytesIn = row.int("bytes_in") ?? 0
        credits = row.int("credits") ?? 0
        sourcesSucceeded = row.int("sources_succeeded") ?? 0
        sourcesFailed = row.int("sources_failed") ?? 0
        outputs = row.int("outputs") ?? 0
        bytesOut = row.int("bytes_out") ?? 0
        renders = row.int("renders") ?? 0
    }
}

extension JobRecord {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "jobs")
        self.init(id: try r.parsed("id", JobID.init), accountID: try r.parsed("account_id", AccountID.init),
                  configID: try r.parsed("config_id", ConfigID.init), configVersion: try r.int("config_version"),
                  postbackURL: row.string("postback_url"), sources: try r.parsed("sources", [JobSource].init(columnText:)),
                  createdAt: try r.date("created_at"))
        state = try r.parsed("state", JobState.init(rawValue:))
        outcome = row.string("outcome").flatMap(JobOutcome.init(rawValue:))
        startedAt = row.date("started_at")
        finishedAt = row.date("finished_at")
        leaseOwner = row.string("lease_owner")
        leaseExpiresAt = row.date("lease_expires_at")
        runs = row.int("runs") ?? 0
        resultFolder = row.string("result_folder").flatMap(FolderPath.init)
        configDocument = row.string("config_document")
        if let key = row.string("archive_key") {
            archive = ArchiveRecord(blobKey: key, sha256: row.string("archive_sha256") ?? "", bytes: row.int("archive_bytes") ?? 0)
        }
        expiredAt = row.date("expired_at")
        deletedAt = row.date("deleted_at")
        creditsPerSource = row.int("credits_per_source") ?? 0
        retention = JobRetention(hours: row.double("retain_hours"), forever: row.bool("keep_forever") ?? false)
    }
}

extension DeliveryRecord {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "deliveries")
        self.init(id: try r.parsed("id", DeliveryID.init), jobID: try r.parsed("job_id", JobID.init),
                  accountID: try r.parsed("account_id", AccountID.init), url: try r.text("url"),
                  format: try r.parsed("format", PostbackFormat.init(rawValue:)), state: try r.parsed("state", DeliveryState.init(rawValue:)),
                  attempts: row.int("attempts") ?? 0, nextAttemptAt: row.date("next_attempt_at"), createdAt: try r.date("created_at"),
                  finishedAt: row.date("finished_at"))
    }
}

extension DeliveryAttemptRecord {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "delivery_attempts")
        self.init(at: try r.date("at"), httpStatus: row.int("http_status"), error: row.string("error"), milliseconds: row.int("milliseconds") ?? 0)
    }
}

extension Account {
    /// A new account as every backend stores it: a fresh id, and an empty share as none.
    public static func new(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?, at: Date) -> Account {
        Account(id: .random(), name: name, webhookSecret: webhookSecret, createdAt: at, plan: plan, parentID: parent,
                share: share?.isEmpty == true ? nil : share)
    }

    /// The `share` column: the share as JSON, or nil.
    public func shareColumn() throws -> String? { try share.map(StoredJSON.encode) }
}

extension AssetRecord {
    public init(row: some StoreRow) throws(StoreError) {
        let r = RowReader(row, table: "assets")
        let origin: AssetOrigin
        switch try r.text("origin") {
        case "upload": origin = .upload
        case "job":
            origin = .job(try r.parsed("origin_job", JobID.init), configID: try r.parsed("origin_config", ConfigID.init),
                          outputPath: try r.text("origin_path"))
        case "process":
            origin = .process(configID: try r.parsed("origin_config", ConfigID.init), outputPath: try r.text("origin_path"))
        default: throw StoreError.corruptRow(table: "assets", column: "origin", key: row.string("id"))
        }
        self.init(id: try r.parsed("id", AssetID.init), accountID: try r.parsed("account_id", AccountID.init),
                  folder: try r.parsed("folder", FolderPath.init), name: try r.text("name"), bytes: try r.int("bytes"),
                  sha256: try r.text("sha256"), crc32: UInt32(truncatingIfNeeded: try r.int("crc32")), format: try r.text("format"), width: try r.int("width"), height: try r.int("height"),
                  createdAt: try r.date("created_at"), expiresAt: row.date("expires_at"), origin: origin)
    }

    /// The origin's columns: kind, job, configuration, output path.
    public var originColumns: (kind: String, job: String?, config: String?, path: String?) {
        switch origin {
        case .upload: ("upload", nil, nil, nil)
        case .job(let job, let config, let path): ("job", job.rawValue, config.rawValue, path)
        case .process(let config, let path): ("process", nil, config.rawValue, path)
        }
    }
}
