import Foundation
import PipelineCore

/// Saved configuration documents, versioned: a replaced or deleted one stays readable by version
/// for the jobs queued with it.
public protocol ConfigurationStore: Sendable {
    /// Saves version 1; throws `StoreError.exists` when the id is taken in this account, and
    /// `QuotaRefusal` (savedConfigurations) when the account already has `limit`.
    func insertConfiguration(_ configuration: StoredConfiguration, limit: Int?) async throws
    /// Saves the next version; throws `StoreError.notFound` when there is none to replace.
    func replaceConfiguration(account: AccountID, id: ConfigID, document: String, at: Date) async throws -> StoredConfiguration
    /// The latest version (`version` nil) or that version, of a configuration that is not deleted.
    func configuration(account: AccountID, id: ConfigID, version: Int?) async throws -> StoredConfiguration?
    /// Latest versions, by id, after `after`, at most `limit`.
    func configurations(account: AccountID, after: ConfigID?, limit: Int) async throws -> [StoredConfiguration]
    /// Returns false when there was none. Queued jobs keep their version.
    func deleteConfiguration(account: AccountID, id: ConfigID, at: Date) async throws -> Bool
    func configurationCount(account: AccountID) async throws -> Int
}
