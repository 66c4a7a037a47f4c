import Foundation
import PipelineCore

/// Accounts and their API keys: who may call, under which plan. Account-scoped reads return nil
/// (not an error) for another account's records, so a caller cannot tell them from missing ones.
public protocol AccountStore: Sendable {
    /// Throws `StoreError.exists` when the name is taken (names are unique across sub-accounts too).
    func createAccount(name: String, webhookSecret: String, plan: String, parent: AccountID?, share: AccountShare?, at: Date) async throws -> Account
    /// Every account (`parent` nil) or the sub-accounts of `parent`, oldest first.
    func accounts(parent: AccountID?) async throws -> [Account]
    /// Returns false when there is no such account. Its sub-accounts follow it.
    func setPlan(account: AccountID, plan: String) async throws -> Bool
    /// Suspends (`at`) or reinstates (nil); false when there is no such account.
    func setSuspended(account: AccountID, at: Date?) async throws -> Bool
    /// Sets the account's rendering switches; false when there is no such account.
    func setRendering(account: AccountID, _ switches: RenderingSwitches) async throws -> Bool
    /// Changes what is given of an account's name, description and share (an empty share is
    /// none); nil when there is no such account. Throws `StoreError.exists` for a taken name.
    func updateAccount(_ id: AccountID, name: String?, description: String?, share: AccountShare?) async throws -> Account?
    /// Deletes a sub-account: its keys revoked, `deletedAt` set, its name freed (it becomes
    /// `name#id`), no longer listed. False when there is no such (undeleted) account.
    func deleteAccount(_ id: AccountID, at: Date) async throws -> Bool
    /// Resets a sub-account's share usage for the month of `at` (`ShareReset`); the account, or nil.
    func resetShareUsage(_ id: AccountID, at: Date) async throws -> Account?
    func account(named name: String) async throws -> Account?
    func account(id: AccountID) async throws -> Account?
    func addKey(_ key: APIKeyRecord) async throws
    /// The account of an unrevoked key with this hash, its effective plan and its active
    /// allow-list, in one read (every request makes it).
    func access(forKeyHash hash: String) async throws -> KeyAccess?
    func keys(of account: AccountID?) async throws -> [APIKeyRecord]
    /// Returns false when there is no such unrevoked key (of `account`, when given).
    func revokeKey(_ id: KeyID, account: AccountID?, at: Date) async throws -> Bool
}

extension AccountStore {
    /// A top-level account on the default plan.
    public func createAccount(name: String, webhookSecret: String, at: Date) async throws -> Account {
        try await createAccount(name: name, webhookSecret: webhookSecret, plan: AccountPlan.defaultName, parent: nil, share: nil, at: at)
    }
}
