import Foundation
import Hummingbird
import PipelineCore
import PipelineStore

/// `/v1/folders` and the library-wide operations on assets (move, delete all): SPEC §9.
struct FolderHandlers: Sendable {
    var env: ServerEnvironment
    var assets: AssetHandlers

    /// The `path` query parameter (or body field) as a folder.
    static func folder(_ text: String?, name: String = "path") throws -> FolderPath {
        guard let text, !text.isEmpty else { throw APIError.badRequest("\(name) is missing; give a folder path such as /shop/shoes") }
        guard let path = FolderPath(text) else {
            throw APIError.badRequest("\(name) \"\(text.prefix(80))\": \(FolderPath.problem(with: text) ?? "not a folder path")")
        }
        return path
    }

    private func existing(_ request: Request, account: Account) async throws -> FolderPath {
        let path = try Self.folder(Query.text(request, "path"))
        guard try await env.store.folderExists(account: account.id, path: path) else {
            throw APIError.notFound("there is no folder \(path) in this account")
        }
        return path
    }

    /// `POST /v1/folders {"path"}`: 201 when made (with its parents), 200 when it was there.
    func create(_ request: Request, account: Account) async throws -> Response {
        struct Body: Decodable { var path: String }
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["path"]))
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw APIError.badRequest("expected {\"path\": \"/shop/shoes\"}")
        }
        let path = try Self.folder(body.path)
        let created = try await env.store.createFolder(account: account.id, path: path, at: Date())
        return JSONResponse.make(created ? 201 : 200, APIModels.Folder(path: path))
    }

    /// `GET /v1/folders?path=&limit=&after=&sort=&order=&q=&origin=`.
    func list(_ request: Request, account: Account) async throws -> Response {
        let path = try await existing(request, account: account)
        let parameters = request.uri.queryParameters
        let limit = try Query.limit(request)
        let sortText = parameters.get("sort").map { String($0) } ?? "name"
        guard let sort = AssetQuery.Sort(rawValue: sortText) else {
            throw APIError.badRequest("sort=\(sortText.prefix(40)) is not one of name, createdAt, bytes")
        }
        let order = parameters.get("order").map { String($0) } ?? "asc"
        guard order == "asc" || order == "desc" else { throw APIError.badRequest("order=\(order.prefix(40)) is not asc or desc") }
        let after = try parameters.get("after").map { token -> AssetCursor in
            guard let cursor = AssetCursor(token: String(token)), cursor.sort == sort else {
                throw APIError.badRequest("after=\(token.prefix(80)) is not the next token of a listing sorted by \(sort.rawValue); use the next value of the previous page")
            }
            return cursor
        }
        let origin = parameters.get("origin").map { String($0) }
        if let origin, origin != "upload", origin != "job" { throw APIError.badRequest("origin=\(origin.prefix(40)) is not upload or job") }
        let q = Query.text(request, "q")
        if let q, q.utf8.count > 255 { throw APIError.badRequest("q has at most 255 bytes") }
        let listing = try await env.store.folderListing(account: account.id, path: path,
                                                        query: AssetQuery(sort: sort, descending: order == "desc", after: after, limit: limit,
                                                                          nameContains: q, origin: origin))
        let key = try await env.store.urlKey(account: account.id)
        return JSONResponse.make(200, APIModels.FolderPage(path: path.rawValue, folders: listing.folders.map(APIModels.Folder.init),
                                                           foldersTruncated: listing.foldersTruncated,
                                                           assets: listing.assets.map { assets.model($0, key: key) }, next: listing.next?.token))
    }

    func properties(_ request: Request, account: Account) async throws -> Response {
        let path = try await existing(request, account: account)
        let counts = try await env.store.folderProperties(account: account.id, path: path)
        return JSONResponse.make(200, APIModels.FolderCounts(path: path.rawValue, files: counts.files, folders: counts.folders, bytes: counts.bytes))
    }

    /// `DELETE /v1/folders?path=&recursive=true`: the assets leave listings at once; their blobs
    /// go in the background.
    func delete(_ request: Request, account: Account) async throws -> Response {
        let path = try await existing(request, account: account)
        guard path != .root else {
            throw APIError.badRequest("the root folder is not deleted this way; DELETE /v1/assets?confirm=<account name> deletes everything")
        }
        let recursive = request.uri.queryParameters.get("recursive") == "true"
        if !recursive {
            let counts = try await env.store.folderProperties(account: account.id, path: path)
            if counts.files + counts.folders > 0 {
                throw APIError(409, .folderNotEmpty, "folder \(path) holds \(counts.files) files and \(counts.folders) folders; add recursive=true to delete them too")
            }
        }
        let gone = try await env.store.deleteFolder(account: account.id, path: path)
        assets.removeUnreferencedBlobs()
        return JSONResponse.make(200, APIModels.Deleted(assets: gone.assets, folders: gone.folders))
    }

    /// `PATCH /v1/assets/{id} {"folder"?, "name"?}`: move or rename.
    func move(_ id: AssetID, _ request: Request, account: Account) async throws -> Response {
        struct Body: Decodable {
            var folder: String?
            var name: String?
        }
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["folder", "name"]))
        guard let body = try? JSONDecoder().decode(Body.self, from: data), body.folder != nil || body.name != nil else {
            throw APIError.badRequest("expected {\"folder\"?: \"/new/place\", \"name\"?: \"new name.jpg\"} with at least one of them")
        }
        let asset = try await assets.live(id, account: account)
        let folder = try body.folder.map { try Self.folder($0, name: "folder") } ?? asset.folder
        let name = body.name ?? asset.name
        if let problem = AssetName.problem(with: name) { throw APIError.badRequest("name \"\(name.prefix(80))\": \(problem)") }
        do {
            let moved = try await env.store.moveAsset(account: account.id, id: id, folder: folder, name: name, at: Date())
            return JSONResponse.make(200, assets.model(moved, key: try await env.store.urlKey(account: account.id)))
        } catch let error as StoreError where error.isExists {
            throw APIError(409, .assetExists, "\(folder.appending(name)?.rawValue ?? name) already exists; choose another name or folder")
        }
    }

    /// `DELETE /v1/assets?confirm=<account name>`: everything the account stores.
    func deleteAll(_ request: Request, account: Account) async throws -> Response {
        guard Query.text(request, "confirm") == account.name else {
            throw APIError.badRequest("deleting every asset needs confirm=\(account.name) (the account's name) in the query")
        }
        let count = try await env.store.deleteAllAssets(account: account.id)
        assets.removeUnreferencedBlobs()
        return JSONResponse.make(200, APIModels.Deleted(assets: count, folders: nil))
    }
}
