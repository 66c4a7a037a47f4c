import Foundation
import PipelineCore

/// One version of a saved configuration document. Replacing a configuration adds a version;
/// a job keeps the version it was queued with.
public struct StoredConfiguration: Sendable, Hashable {
    public var accountID: AccountID
    public var id: ConfigID
    /// 1 for the first save, then one more for each replacement.
    public var version: Int
    /// The normalised document (every default filled in), as JSON text.
    public var document: String
    public var createdAt: Date

    public init(accountID: AccountID, id: ConfigID, version: Int, document: String, createdAt: Date) {
        self.accountID = accountID
        self.id = id
        self.version = version
        self.document = document
        self.createdAt = createdAt
    }
}
