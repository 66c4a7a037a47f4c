import Foundation

/// What the gatekeeper needs to admit a request, read at once for a key: its account, the plan
/// the account works under, and the account's active allow-list entries.
public struct KeyAccess: Sendable, Hashable {
    public var account: Account
    public var plan: AccountPlan
    /// Active entries only; empty: any address.
    public var allowedAddresses: [String]

    public init(account: Account, plan: AccountPlan, allowedAddresses: [String]) {
        self.account = account
        self.plan = plan
        self.allowedAddresses = allowedAddresses
    }
}
