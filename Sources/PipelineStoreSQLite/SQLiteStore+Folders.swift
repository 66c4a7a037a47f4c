import Foundation
import GRDB
import PipelineCore
import PipelineStore

extension SQLiteStore {
    /// Inserts the rows of `path` and every folder above it that are missing.
    static func makeFolders(_ db: Database, account: AccountID, path: FolderPath, at: Date) throws -> Bool {
        var created = false
        for folder in path.lineage where folder != .root {
            try db.execute(sql: """
                INSERT INTO folders (account_id, path, parent, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, path) DO NOTHING
                """, arguments: [account.rawValue, folder.rawValue, folder.parent?.rawValue ?? "/", at.storedMilliseconds])
            created = db.changesCount > 0 && folder == path
        }
        return created
    }

    public func createFolder(account: AccountID, path: FolderPath, at: Date) async throws -> Bool {
        try await pool.write { db in try Self.makeFolders(db, account: account, path: path, at: at) }
    }

    public func folderExists(account: AccountID, path: FolderPath) async throws -> Bool {
        if path == .root { return true }
        return try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT 1 FROM folders WHERE account_id = ? AND path = ?", arguments: [account.rawValue, path.rawValue]) != nil
        }
    }

    public func folderListing(account: AccountID, path: FolderPath, query: AssetQuery) async throws -> FolderListing {
        try await pool.read { db in
            var folders: [FolderPath] = []
            if query.after == nil {
                folders = try String.fetchAll(db, sql: """
                    SELECT path FROM folders WHERE account_id = ? AND parent = ? ORDER BY path LIMIT ?
                    """, arguments: [account.rawValue, path.rawValue, FolderListing.folderLimit + 1]).compactMap(FolderPath.init)
            }
            var sql = "SELECT * FROM assets WHERE account_id = ? AND folder = ?"
            var arguments: StatementArguments = [account.rawValue, path.rawValue]
            let column = query.sort.column, direction = query.descending ? "DESC" : "ASC", comparison = query.descending ? "<" : ">"
            if let after = query.after {
                sql += " AND (\(column), id) \(comparison) (?, ?)"
                if query.sort == .name { _ = arguments.append(contentsOf: [after.value, after.id.rawValue]) } else {
                    _ = arguments.append(contentsOf: [after.number, after.id.rawValue])
                }
            }
            if let pattern = query.likePattern {
                sql += " AND lower(name) LIKE ? ESCAPE '\\'"
                _ = arguments.append(contentsOf: [pattern])
            }
            if let origin = query.origin {
                sql += " AND origin = ?"
                _ = arguments.append(contentsOf: [origin])
            }
            sql += " ORDER BY \(column) \(direction), id \(direction) LIMIT ?"
            _ = arguments.append(contentsOf: [query.limit + 1])
            let assets = try Row.fetchAll(db, sql: sql, arguments: arguments).map(AssetRecord.init(row:))
            let page = Array(assets.prefix(query.limit))
            return FolderListing(folders: Array(folders.prefix(FolderListing.folderLimit)), foldersTruncated: folders.count > FolderListing.folderLimit,
                                 assets: page, next: assets.count > query.limit ? page.last.map { AssetCursor(after: $0, sort: query.sort) } : nil)
        }
    }

    public func folderProperties(account: AccountID, path: FolderPath) async throws -> FolderProperties {
        let range = path.descendants
        return try await pool.read { db in
            let files = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS b FROM assets
                WHERE account_id = ? AND (folder = ? OR (folder >= ? AND folder < ?))
                """, arguments: [account.rawValue, path.rawValue, range.lower, range.upper])
            let folders = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM folders WHERE account_id = ? AND path >= ? AND path < ?",
                                           arguments: [account.rawValue, range.lower, range.upper]) ?? 0
            return FolderProperties(files: files?.int("n") ?? 0, folders: folders, bytes: files?.int("b") ?? 0)
        }
    }

    public func assets(account: AccountID, ids: [AssetID]) async throws -> [AssetRecord] {
        try await pool.read { db in
            var found: [AssetID: AssetRecord] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let arguments = StatementArguments([account.rawValue] + chunk.map(\.rawValue))
                for row in try Row.fetchAll(db, sql: "SELECT * FROM assets WHERE account_id = ? AND id IN (\(marks))", arguments: arguments) {
                    let asset = try AssetRecord(row: row)
                    found[asset.id] = asset
                }
            }
            return ids.compactMap { found[$0] }
        }
    }

    public func assets(account: AccountID, in folder: FolderPath, recursive: Bool, limit: Int) async throws -> [AssetRecord] {
        let range = folder.descendants
        return try await pool.read { db in
            let rows = recursive
                ? try Row.fetchAll(db, sql: """
                    SELECT * FROM assets WHERE account_id = ? AND (folder = ? OR (folder >= ? AND folder < ?)) ORDER BY folder, name LIMIT ?
                    """, arguments: [account.rawValue, folder.rawValue, range.lower, range.upper, limit])
                : try Row.fetchAll(db, sql: "SELECT * FROM assets WHERE account_id = ? AND folder = ? ORDER BY name LIMIT ?",
                                   arguments: [account.rawValue, folder.rawValue, limit])
            return try rows.map(AssetRecord.init(row:))
        }
    }

    public func deleteFolder(account: AccountID, path: FolderPath) async throws -> (assets: Int, folders: Int) {
        let range = path.descendants
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM assets WHERE account_id = ? AND (folder = ? OR (folder >= ? AND folder < ?))",
                           arguments: [account.rawValue, path.rawValue, range.lower, range.upper])
            let assets = db.changesCount
            try db.execute(sql: "DELETE FROM folders WHERE account_id = ? AND (path = ? OR (path >= ? AND path < ?))",
                           arguments: [account.rawValue, path.rawValue, range.lower, range.upper])
            return (assets, db.changesCount)
        }
    }

    public func moveAsset(account: AccountID, id: AssetID, folder: FolderPath, name: String, at: Date) async throws -> AssetRecord {
        try await pool.write { db in
            guard var asset = try Row.fetchOne(db, sql: "SELECT * FROM assets WHERE id = ? AND account_id = ?",
                                               arguments: [id.rawValue, account.rawValue]).map(AssetRecord.init(row:)) else {
                throw StoreError.notFound("asset \(id)")
            }
            if asset.folder == folder, asset.name == name { return asset }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM assets WHERE account_id = ? AND folder = ? AND name = ?",
                                arguments: [account.rawValue, folder.rawValue, name]) != nil {
                throw StoreError.exists("\(folder.appending(name).map(\.rawValue) ?? name)")
            }
            _ = try Self.makeFolders(db, account: account, path: folder, at: at)
            try db.execute(sql: "UPDATE assets SET folder = ?, name = ? WHERE id = ?", arguments: [folder.rawValue, name, id.rawValue])
            asset.folder = folder
            asset.name = name
            return asset
        }
    }

    public func deleteAllAssets(account: AccountID) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM assets WHERE account_id = ?", arguments: [account.rawValue])
            let count = db.changesCount
            try db.execute(sql: "DELETE FROM folders WHERE account_id = ?", arguments: [account.rawValue])
            return count
        }
    }
}
