import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Packaging
import PipelineStore

/// `POST /v1/archives`: a ZIP of a selection of the library (ImageRecycle's zip by ids,
/// Cloudinary's `generate_archive`), streamed as it is read: nothing is built in memory or on
/// disk first, and its length is known before the first byte.
struct ArchiveHandlers: Sendable {
    var env: ServerEnvironment
    static let maximumFiles = 10_000
    static let maximumBytes = 2_000_000_000

    struct Selection: Decodable {
        var assetIds: [String]?
        var folder: String?
        var recursive: Bool?
    }

    func create(_ request: Request, account: Account) async throws -> Response {
        let expected = "expected {\"assetIds\": [\"ast_…\", …]} or {\"folder\": \"/shop\", \"recursive\"?: true}"
        let data = try await Body.object(request, FieldNames(names: ["assetIds", "folder", "recursive"]))
        guard let selection = try? JSONDecoder().decode(Selection.self, from: data),
              (selection.assetIds == nil) != (selection.folder == nil) else { throw APIError.badRequest(expected) }
        let now = Date()
        var chosen: [(asset: AssetRecord, name: String)] = []
        var fileName = "assets.zip"
        if let texts = selection.assetIds {
            guard !texts.isEmpty else { throw APIError.badRequest("assetIds is empty; list 1 to \(Self.maximumFiles) asset ids") }
            guard texts.count <= Self.maximumFiles else {
                throw APIError.badRequest("a ZIP holds at most \(Self.maximumFiles) files; \(texts.count) were asked for; split the selection")
            }
            var ids: [AssetID] = []
            for text in texts {
                guard let id = AssetID(text) else { throw APIError.badRequest("assetIds: \"\(text.prefix(80))\" is not an asset id") }
                ids.append(id)
            }
            let found = try await env.store.assets(account: account.id, ids: Array(Set(ids)).sorted { $0.rawValue < $1.rawValue })
            let live = Dictionary(found.filter { !$0.isExpired(at: now) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            if let missing = ids.first(where: { live[$0] == nil }) { throw APIError.notFound("there is no asset \(missing) in this account") }
            var seen: Set<AssetID> = []
            for id in ids where seen.insert(id).inserted {
                guard let asset = live[id] else { continue }
                chosen.append((asset, String((asset.folder.appending(asset.name)?.rawValue ?? asset.name).drop { $0 == "/" })))
            }
        } else {
            let folder = try FolderHandlers.folder(selection.folder, name: "folder")
            guard try await env.store.folderExists(account: account.id, path: folder) else {
                throw APIError.notFound("there is no folder \(folder) in this account")
            }
            let found = try await env.store.assets(account: account.id, in: folder, recursive: selection.recursive ?? false, limit: Self.maximumFiles + 1)
            guard found.count <= Self.maximumFiles else {
                throw APIError.badRequest("a ZIP holds at most \(Self.maximumFiles) files and \(folder) holds more; choose a folder below it")
            }
            let prefix = folder == .root ? "/" : folder.rawValue + "/"
            for asset in found where !asset.isExpired(at: now) {
                let full = asset.folder.appending(asset.name)?.rawValue ?? "/" + asset.name
                chosen.append((asset, String(full.dropFirst(prefix.count))))
            }
            fileName = "\(folder.names.last ?? "library").zip"
        }
        let bytes = chosen.reduce(0) { $0 + $1.asset.bytes }
        guard bytes <= Self.maximumBytes else {
            throw APIError.badRequest("a ZIP holds at most \(Self.maximumBytes) bytes; this selection has \(bytes); split it")
        }
        let layout = try ZipStreamLayout(entries: chosen.map {
            ZipStreamLayout.Entry(name: $0.name, size: $0.asset.bytes, crc32: $0.asset.crc32, modified: $0.asset.createdAt)
        })
        let files = chosen.map(\.asset.blobKey)
        let blobs = env.blobs, logger = env.logger
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentLength] = String(layout.totalBytes)
        headers[.contentDisposition] = "attachment; filename=\"\(fileName.replacingOccurrences(of: "\"", with: ""))\""
        let body = ResponseBody { writer in
            for (index, key) in files.enumerated() {
                try await writer.write(ByteBuffer(bytes: layout.localHeader(index)))
                // A file deleted since the selection was made ends the response short: the client
                // sees a broken download rather than a ZIP with a wrong file in it.
                guard let path = blobs.path(key), let handle = FileHandle(forReadingAtPath: path) else {
                    logger.warning("a selected file went while its ZIP was sent", metadata: ["blob": "\(key)"])
                    throw CancellationError()
                }
                defer { try? handle.close() }
                var left = layout.entries[index].size
                while left > 0, let chunk = try handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty {
                    left -= chunk.count
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                guard left == 0 else { throw CancellationError() }
            }
            try await writer.write(ByteBuffer(bytes: layout.centralDirectory))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
