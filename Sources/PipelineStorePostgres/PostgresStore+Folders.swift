import Foundation
import PipelineCore
import PipelineStore
import PostgresNIO

extension PostgresStore {
    /// Inserts the rows of `path` and every folder above it that are missing.
    func makeFolders(_ connection: PostgresConnection, account: AccountID, path: FolderPath, at: Date) async throws -> Bool {
        var created = false
        for folder in path.lineage where folder != .root {
            let inserted = try await rows(connection, """
                INSERT INTO folders (account_id, path, parent, created_at)
                VALUES (\(account.rawValue), \(folder.rawValue), \(folder.parent?.rawValue ?? "/"), \(at.storedMilliseconds))
                ON CONFLICT (account_id, path) DO NOTHING RETURNING path
                """)
            created = !inserted.isEmpty && folder == path
        }
        return created
    }

    public func createFolder(account: AccountID, path: FolderPath, at: Date) async throws -> Bool {
        try await write { connection in try await self.makeFolders(connection, account: account, path: path, at: at) }
    }

    public func folderExists(account: AccountID, path: FolderPath) async throws -> Bool {
        if path == .root { return true }
        return try await read { connection in
            try await self.row(connection, "SELECT 1 AS one FROM folders WHERE account_id = \(account.rawValue) AND path = \(path.rawValue)") != nil
        }
    }

    public func folderListing(account: AccountID, path: FolderPath, query: AssetQuery) async throws -> FolderListing {
        try await read { connection in
            var folders: [FolderPath] = []
            if query.after == nil {
                folders = try await self.rows(connection, """
                    SELECT path FROM folders WHERE account_id = \(account.rawValue) AND parent = \(path.rawValue) ORDER BY path
                    LIMIT \(FolderListing.folderLimit + 1)
                    """).compactMap { $0.string("path").flatMap(FolderPath.init) }
            }
            // Written out with numbered binds: the filters are optional.
            var binds = PostgresBindings()
            func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
                try binds.append(value)
                return "$\(binds.count)"
            }
            let column = query.sort.column, direction = query.descending ? "DESC" : "ASC", comparison = query.descending ? "<" : ">"
            var sql = "SELECT * FROM assets WHERE account_id = \(try bind(account.rawValue)) AND folder = \(try bind(path.rawValue))"
            if let after = query.after {
                let value = query.sort == .name ? try bind(after.value) : try bind(after.number)
                sql += " AND (\(column), id) \(comparison) (\(value), \(try bind(after.id.rawValue)))"
            }
            if let pattern = query.likePattern { sql += " AND lower(name) LIKE \(try bind(pattern)) ESCAPE '\\'" }
            if let origin = query.origin { sql += " AND origin = \(try bind(origin))" }
            sql += " ORDER BY \(column) \(direction), id \(direction) LIMIT \(try bind(query.limit + 1))"
            let assets = try await self.rows(connection, PostgresQuery(unsafeSQL: sql, binds: binds)).map(AssetRecord.init(row:))
            let page = Array(assets.prefix(query.limit))
            return FolderListing(folders: Array(folders.prefix(FolderListing.folderLimit)), foldersTruncated: folders.count > FolderListing.folderLimit,
                                 assets: page, next: assets.count > query.limit ? page.last.map { AssetCursor(after: $0, sort: query.sort) } : nil)
        }
    }

    public func folderProperties(account: AccountID, path: FolderPath) async throws -> FolderProperties {
        let range = path.descendants
        return try await read { connection in
            let files = try await self.row(connection, """
                SELECT COUNT(*)::BIGINT AS n, COALESCE(SUM(bytes), 0)::BIGINT AS b FROM assets
                WHERE account_id = \(account.rawValue) AND (folder = \(path.rawValue) OR (folder >= \(range.lower) AND folder < \(range.upper)))
                """)
            let folders = try await self.row(connection, """
                SELECT COUNT(*)::BIGINT AS n FROM folders WHERE account_id = \(account.rawValue) AND path >= \(range.lower) AND path < \(range.upper)
                """)?.int("n") ?? 0
            return FolderProperties(files: files?.int("n") ?? 0, folders: folders, bytes: files?.int("b") ?? 0)
        }
    }

    public func assets(account: AccountID, ids: [AssetID]) async throws -> [AssetRecord] {
        let found = try await read { connection in
            try await self.rows(connection, """
                SELECT * FROM assets WHERE account_id = \(account.rawValue) AND id = ANY(\(ids.map(\.rawValue)))
                """).map(AssetRecord.init(row:))
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func assets(account: AccountID, in folder: FolderPath, recursive: Bool, limit: Int) async throws -> [AssetRecord] {
        let range = folder.descendants
        return try await read { connection in
            let rows = recursive
                ? try await self.rows(connection, """
                    SELECT * FROM assets WHERE account_id = \(account.rawValue)
                      AND (folder = \(folder.rawValue) OR (folder >= \(range.lower) AND folder < \(range.upper)))
                    ORDER BY folder, name LIMIT \(limit)
                    """)
                : try await self.rows(connection, """
                    SELECT * FROM assets WHERE account_id = \(account.rawValue) AND folder = \(folder.rawValue) ORDER BY name LIMIT \(limit)
                    """)
            return try rows.map(AssetRecord.init(row:))
        }
    }

    public func deleteFolder(account: AccountID, path: FolderPath) async throws -> (assets: Int, folders: Int) {
        let range = path.descendants
        return try await write { connection in
            let assets = try await self.row(connection, """
                WITH gone AS (DELETE FROM assets WHERE account_id = \(account.rawValue)
                    AND (folder = \(path.rawValue) OR (folder >= \(range.lower) AND folder < \(range.upper))) RETURNING 1)
                SELECT COUNT(*)::BIGINT AS n FROM gone
                """)?.int("n") ?? 0
            let folders = try await self.row(connection, """
                WITH gone AS (DELETE FROM folders WHERE account_id = \(account.rawValue)
                    AND (path = \(path.rawValue) OR (path >= \(range.lower) AND path < \(range.upper))) RETURNING 1)
                SELECT COUNT(*)::BIGINT AS n FROM gone
                """)?.int("n") ?? 0
            return (assets, folders)
        }
    }

    public func moveAsset(account: AccountID, id: AssetID, folder: FolderPath, name: String, at: Date) async throws -> AssetRecord {
        try await write { connection in
            try await connection.query("SELECT id FROM accounts WHERE id = \(account.rawValue) FOR UPDATE", logger: self.logger)
            guard var asset = try await self.row(connection, """
                SELECT * FROM assets WHERE id = \(id.rawValue) AND account_id = \(account.rawValue)
                """).map(AssetRecord.init(row:)) else { throw StoreError.notFound("asset \(id)") }
            if asset.folder == folder, asset.name == name { return asset }
            if try await self.row(connection, """
                SELECT 1 AS one FROM assets WHERE account_id = \(account.rawValue) AND folder = \(folder.rawValue) AND name = \(name)
                """) != nil { throw StoreError.exists("\(folder.appending(name).map(\.rawValue) ?? name)") }
            _ = try await self.makeFolders(connection, account: account, path: folder, at: at)
            try await connection.query("UPDATE assets SET folder = \(folder.rawValue), name = \(name) WHERE id = \(id.rawValue)", logger: self.logger)
            asset.folder = folder
            asset.name = name
            return asset
        }
    }

    public func deleteAllAssets(account: AccountID) async throws -> Int {
        try await write { connection in
            let count = try await self.row(connection, """
                WITH gone AS (DELETE FROM assets WHERE account_id = \(account.rawValue) RETURNING 1) SELECT COUNT(*)::BIGINT AS n FROM gone
                """)?.int("n") ?? 0
            try await connection.query("DELETE FROM folders WHERE account_id = \(account.rawValue)", logger: self.logger)
            return count
        }
    }
}
