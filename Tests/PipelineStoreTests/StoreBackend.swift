import Foundation
import PipelineStore

/// A store implementation under test, each on a fresh, real database. The same tests run
/// against every backend listed in `StoreBackend.all`.
struct StoreBackend: Sendable, CustomStringConvertible {
    var description: String
    var make: @Sendable () throws -> (any PipelineStore, cleanup: @Sendable () -> Void)

    static let sqlite = StoreBackend(description: "SQLite") {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: "\(folder)/pipeline.sqlite")
        return (store, { try? FileManager.default.removeItem(atPath: folder) })
    }

    static let all: [StoreBackend] = [.sqlite]
}
