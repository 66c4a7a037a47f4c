import Foundation

/// Someone who owns configurations, jobs and keys. Its webhook secret signs its postbacks. A
/// sub-account has a parent whose plan it works under, with its own keys, usage and share.
public struct Account: Sendable, Hashable {
    public var id: AccountID
    public var name: String
    /// `whsec_<base64>`: signs every postback of this account's jobs.
    public var webhookSecret: String
    public var createdAt: Date
    /// The plan's name (a sub-account works under its parent's).
    public var plan: String
    public var parentID: AccountID?
    /// A sub-account's monthly share of its parent's plan.
    public var share: AccountShare?
    /// A suspended account's keys are refused (403 `ACCOUNT_SUSPENDED`); nothing is deleted.
    public var suspendedAt: Date?
    /// On-the-fly rendering (SPEC §10): off until the account switches it on; unsigned paths
    /// (`/r/_/…`) only when it allows them too.
    public var rendering: RenderingSwitches = RenderingSwitches()
    /// For people (a sub-account's, set by its parent).
    public var description: String?
    /// A sub-account its parent deleted: its keys are revoked and it is listed no more.
    public var deletedAt: Date?
    /// Its share's usage as last reset by its parent.
    public var shareReset: ShareReset?

    public init(id: AccountID, name: String, webhookSecret: String, createdAt: Date, plan: String = AccountPlan.defaultName,
                parentID: AccountID? = nil, share: AccountShare? = nil, suspendedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.webhookSecret = webhookSecret
        self.createdAt = createdAt
        self.plan = plan
        self.parentID = parentID
        self.share = share
        self.suspendedAt = suspendedAt
    }

    /// The account whose plan and quotas this one works under: its parent, or itself.
    public var rootID: AccountID { parentID ?? id }
}
