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
        var version: Int
        /// Every output's folder labels.
        var outputs: [[String]]

        /// The output that `segments` start with (the longest, when several do) and the
        /// segments after it.
        func split(_ segments: [String]) -> (labels: [String], rest: [String])? {
            guard let labels = outputs.filter({ segments.count > $0.count && Array(segments.prefix($0.count)) == $0 }).max(by: { $0.count < $1.count }) else {
                return nil
            }
            return (labels, Array(segments.dropFirst(labels.count)))
        }
    }

    private struct Key: Hashable {
        var account: AccountID
        var id: ConfigID
        var version: Int
    }

    private let memo = Mutex<[Key: Prepared]>([:])
    /// The latest version seen of each configuration: its outputs tell a URL's output path from
    /// its asset path before the store is read (the read then says whether it is still latest).
    private let latest = Mutex<[LatestKey: Prepared]>([:])

    private struct LatestKey: Hashable {
        var account: AccountID
        var id: ConfigID
    }

    /// The latest version of the configuration this process has prepared, if any.
    func lastSeen(account: AccountID, id: ConfigID) -> Prepared? { latest.withLock { $0[LatestKey(account: account, id: id)] } }
    static let capacity = 1000

    func prepared(_ stored: StoredConfiguration) throws -> Prepared {
        let key = Key(account: stored.accountID, id: stored.id, version: stored.version)
        if let found = memo.withLock({ $0[key] }) {
            remember(found, stored)
            return found
        }
        // Stored documents were validated when saved; one that no longer parses (a template
        // since removed) is refused like a bad one.
        let config: PipelineConfig
        do {
            config = try ConfigurationParser().parse(Data(stored.document.utf8))
        } catch {
            throw APIError(422, .invalidConfiguration, "configuration \(stored.id) version \(stored.version) no longer validates: \(error.issues.map(\.description).joined(separator: "; "))")
        }
        let prepared = Prepared(config: config, version: stored.version, outputs: Planner.plan(config).leaves.map(\.labels))
        memo.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll() }
            memo[key] = prepared
        }
        remember(prepared, stored)
        return prepared
    }

    private func remember(_ prepared: Prepared, _ stored: StoredConfiguration) {
        latest.withLock { latest in
            if latest.count >= Self.capacity { latest.removeAll() }
            let key = LatestKey(account: stored.accountID, id: stored.id)
            if (latest[key]?.version ?? 0) <= stored.version { latest[key] = prepared }
        }
    }
}
