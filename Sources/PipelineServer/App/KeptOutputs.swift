import Foundation
import PipelineStore

/// A job's outputs kept as assets (`store: true`), by output path: listed in the job's status
/// and in its JSON notification.
struct KeptOutput: Codable, Sendable, Hashable {
    /// As under `output/` in the ZIP.
    var path: String
    var assetId: String
    var url: String

    /// Nil when the job keeps none; empty until it has run.
    static func list(_ job: JobRecord, store: any AssetStore, baseURL: String) async throws -> [KeptOutput]? {
        guard let folder = job.resultFolder else { return nil }
        guard job.archive != nil, try await store.folderExists(account: job.accountID, path: folder) else { return [] }
        let key = try await store.urlKey(account: job.accountID)
        return try await store.assets(account: job.accountID, in: folder, recursive: true, limit: ArchiveHandlers.maximumFiles)
            .compactMap { asset in
                guard case .job(let origin, _, let path) = asset.origin, origin == job.id else { return nil }
                return KeptOutput(path: path, assetId: asset.id.rawValue, url: baseURL + AssetLinks.path(asset, key: key))
            }
            .sorted { $0.path < $1.path }
    }
}
