import Foundation
import PipelineStore
import Synchronization

/// Plans by name, read from the store at most every few seconds: every rendering request needs
/// its account's plan (the rate limit), and a cache hit should not cost a query for it. A plan
/// changed with `pipeline plans set` applies to renders within `seconds`.
final class PlanMemo: Sendable {
    private let memo = Mutex<[String: (plan: AccountPlan, read: Date)]>([:])
    let seconds: TimeInterval

    init(seconds: TimeInterval = 5) { self.seconds = seconds }

    func plan(named name: String, store: any PipelineStore) async throws -> AccountPlan {
        let now = Date()
        if let found = memo.withLock({ $0[name] }), now.timeIntervalSince(found.read) < seconds { return found.plan }
        let plan = try await store.plan(named: name) ?? AccountPlan.fallback
        memo.withLock { $0[name] = (plan, now) }
        return plan
    }
}
