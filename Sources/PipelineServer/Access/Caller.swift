import Foundation
import PipelineStore

/// Who sent a request, once the gatekeeper let it in: the key's account and the plan it works
/// under.
struct Caller: Sendable {
    var account: Account
    var plan: AccountPlan
    /// The client's address as the allow-list saw it.
    var address: String?
}
