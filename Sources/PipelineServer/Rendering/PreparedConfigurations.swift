import Foundation
import PipelineCore
import PipelineStore
import Synchronization

/// Saved configurations parsed and planned once per version, for rendering URLs: a cache hit
/// then costs no JSON parse. A version never changes, so nothing here goes stale; a replaced
/// or deleted configuration is seen in the store on every request.
final class PreparedConfigurations: Sendable {
    struct Prepared: Sendable {
        var config: PipelineConfig
        /// Every output's folder labels.
        var outputs: [[String]]
    }

    private struct Key: Hashable {
        var account: AccountID
        var id: ConfigID
        var version: Int
    }

    private let memo = Mutex<[Key: Prepared]>([:])
    static let capacity = 1000

    func prepared(_ stored: StoredConfiguration) throws -> Prepared {
        let key = Key(account: stored.accountID, id: stored.id, version: stored.version)
        if let found = memo.withLock({ $0[key] }) { return found }
        // Stored documents were validated when saved; one that no longer parses (a template
        // since removed) is refused like a bad one.
        let config: PipelineConfig
        do {
            config = try ConfigurationParser().parse(Data(stored.document.utf8))
        } catch {
            throw APIError(422, .invalidConfiguration, "configuration \(stored.id) version \(stored.version) no longer validates: \(error.issues.map(\.description).joined(separator: "; "))")
        }
        let prepared = Prepared(config: config, outputs: Planner.plan(config).leaves.map(\.labels))
        memo.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll() }
            memo[key] = prepared
        }
        return prepared
    }
}
