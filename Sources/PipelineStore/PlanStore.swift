import Foundation
import PipelineCore

/// The account plans an operator sells, what each account used of them, and its IP allow-list.
public protocol PlanStore: Sendable {
    func plans() async throws -> [AccountPlan]
    func plan(named name: String) async throws -> AccountPlan?
    /// Adds or replaces the plan of that name.
    func savePlan(_ plan: AccountPlan) async throws
    /// Each account's usage per day from `from` to `to` (`yyyy-MM-dd`, both included); days
    /// without any are left out.
    func usage(accounts: [AccountID], from: String, to: String) async throws -> [AccountID: [UsageDay]]
    func allowedAddresses(account: AccountID) async throws -> [AllowedAddress]
    /// Adds the entry or changes its `active`; throws `QuotaRefusal` (allowedIPs) when a new
    /// entry would make more than `limit`.
    func setAllowedAddress(account: AccountID, address: String, active: Bool, limit: Int?, at: Date) async throws -> AllowedAddress
    /// Returns false when the list has no such entry.
    func removeAllowedAddress(account: AccountID, address: String) async throws -> Bool
}
