import Foundation
import PipelineCore

/// Where a job is. `queued` → `processing` (a worker holds its lease) → `delivering` (its
/// archive is stored and a postback is pending) → `succeeded`, `partial` or `failed`.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, processing, delivering, succeeded, partial, failed

    /// The state a finished job takes for its result.
    public init(_ status: JobOutcome) {
        switch status {
        case .succeeded: self = .succeeded
        case .partial: self = .partial
        case .failed: self = .failed
        }
    }
}

/// One source of a job: where its bytes are, and once the job ran, what became of it.
public struct JobSource: Sendable, Hashable, Codable {
    /// The name it was uploaded with (or the last path segment of its URL).
    public var name: String
    /// The stored upload (absent for a source given by URL).
    public var blobKey: String?
    /// The URL a worker fetches it from.
    public var url: String?
    /// After the run: `succeeded`, `partial` or `failed`.
    public var status: SourceStatus?
    public var code: String?
    public var message: String?
    public var outputs: Int?

    public init(name: String, blobKey: String? = nil, url: String? = nil) {
        self.name = name
        self.blobKey = blobKey
        self.url = url
    }
}

/// The stored result ZIP of a job.
public struct ArchiveRecord: Sendable, Hashable, Codable {
    public var blobKey: String
    /// Lower-case hex SHA-256 of the ZIP (its ETag).
    public var sha256: String
    public var bytes: Int

    public init(blobKey: String, sha256: String, bytes: Int) {
        self.blobKey = blobKey
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// A job as stored. The jobs table is the queue: a worker claims a queued job with a lease
/// (an owner and an expiry) that it renews while it works; an expired lease puts the job back.
public struct JobRecord: Sendable, Hashable {
    public var id: JobID
    public var accountID: AccountID
    public var configID: ConfigID
    /// The configuration version the job was queued with.
    public var configVersion: Int
    public var state: JobState
    /// The result, once the archive is stored.
    public var outcome: JobOutcome?
    /// Where the result goes (the configuration's, or the upload's own).
    public var postbackURL: String?
    public var sources: [JobSource]
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    /// How many times a worker has claimed it (more than 1 after a crash or a shutdown).
    public var runs: Int
    public var archive: ArchiveRecord?
    /// When the sweeper removed its archive and sources (the archive then answers 410).
    public var expiredAt: Date?
    /// When the client deleted its archive, results and uploads (the record stays).
    public var deletedAt: Date?
    /// Credits each source takes (the planned work of its configuration version).
    public var creditsPerSource = 0
    /// How long its archive and sources are kept once it finished.
    public var retention: JobRetention = .serverDefault
    /// Where its output files are kept as assets (`store: true`); nil: only in the ZIP.
    public var resultFolder: FolderPath?
    /// A one-off configuration's normalised document (SPEC §11), sent with the job and saved
    /// nowhere else; nil: the saved configuration `configID` at `configVersion`.
    public var configDocument: String?

    public init(id: JobID, accountID: AccountID, configID: ConfigID, configVersion: Int, postbackURL: String?,
                sources: [JobSource], createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.configID = configID
        self.configVersion = configVersion
        self.state = .queued
        self.postbackURL = postbackURL
        self.sources = sources
        self.createdAt = createdAt
        self.runs = 0
    }
}

/// How long a finished job's archive and sources are kept (the upload's `storageDuration`).
public enum JobRetention: Sendable, Hashable {
    /// The server's `--retention-hours`.
    case serverDefault
    case hours(Double)
    case permanent

    /// When what is kept this long from `start` expires (nil: never).
    public func expiry(from start: Date, defaultHours: Double) -> Date? {
        switch self {
        case .permanent: nil
        case .hours(let hours): start.addingTimeInterval(hours * 3600)
        case .serverDefault: start.addingTimeInterval(defaultHours * 3600)
        }
    }
}

/// What a worker reports when a job's archive is stored.
public struct JobCompletion: Sendable, Hashable {
    public var outcome: JobOutcome
    /// The sources with their results filled in.
    public var sources: [JobSource]
    public var archive: ArchiveRecord
    /// The delivery to make, written in the same transaction (nil when there is no postback URL).
    public var delivery: NewDelivery?
    /// Bytes fetched from source URLs (uploads were counted when accepted).
    public var fetchedBytes: Int
    /// Credits to add to those taken at acceptance: PDF sources cost their pages
    /// (`DocumentCredits.settlement`); negative gives back.
    public var creditSettlement = 0

    public init(outcome: JobOutcome, sources: [JobSource], archive: ArchiveRecord, delivery: NewDelivery?, fetchedBytes: Int = 0) {
        self.outcome = outcome
        self.sources = sources
        self.archive = archive
        self.delivery = delivery
        self.fetchedBytes = fetchedBytes
    }
}
