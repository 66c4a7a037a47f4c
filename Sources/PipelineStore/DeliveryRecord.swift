import Foundation
import PipelineCore

/// Where a delivery is: `pending` until a 2xx (`delivered`), a 410 or the end of the retry
/// schedule (`failed`).
public enum DeliveryState: String, Sendable, Hashable, Codable {
    case pending, delivered, failed
}

/// A delivery to write: one `webhook-id`, attempted until it is delivered or given up.
public struct NewDelivery: Sendable, Hashable {
    public var id: DeliveryID
    public var url: String
    public var format: PostbackFormat
    /// When the first attempt is due.
    public var firstAttemptAt: Date

    public init(id: DeliveryID = .random(), url: String, format: PostbackFormat, firstAttemptAt: Date) {
        self.id = id
        self.url = url
        self.format = format
        self.firstAttemptAt = firstAttemptAt
    }
}

/// One delivery of a job's result (the outbox row).
public struct DeliveryRecord: Sendable, Hashable {
    public var id: DeliveryID
    public var jobID: JobID
    public var accountID: AccountID
    public var url: String
    public var format: PostbackFormat
    public var state: DeliveryState
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(id: DeliveryID, jobID: JobID, accountID: AccountID, url: String, format: PostbackFormat, state: DeliveryState,
                attempts: Int, nextAttemptAt: Date?, createdAt: Date, finishedAt: Date?) {
        self.id = id
        self.jobID = jobID
        self.accountID = accountID
        self.url = url
        self.format = format
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// One attempt of a delivery, as recorded.
public struct DeliveryAttemptRecord: Sendable, Hashable, Codable {
    public var at: Date
    public var httpStatus: Int?
    public var error: String?
    public var milliseconds: Int

    public init(at: Date, httpStatus: Int?, error: String?, milliseconds: Int) {
        self.at = at
        self.httpStatus = httpStatus
        self.error = error
        self.milliseconds = milliseconds
    }
}

/// What follows an attempt.
public enum DeliveryNext: Sendable, Hashable {
    /// Another attempt at this time.
    case retry(at: Date)
    case delivered
    /// Given up (a 410, or the schedule is over).
    case failed
}
