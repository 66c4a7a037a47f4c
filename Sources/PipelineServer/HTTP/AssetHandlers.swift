import Delivery
import Foundation
import Hummingbird
import Imaging
import PipelineCore
import PipelineStore

/// `/v1/assets` and the keyless `/files/…` URLs: the media library's files (SPEC §9).
struct AssetHandlers: Sendable {
    var env: ServerEnvironment
    var intake: AssetIntake { AssetIntake(store: env.store, blobs: env.blobs, claimSeconds: env.settings.blobClaimSeconds) }
    /// The most files one `POST /v1/assets` may carry.
    static let maxFilesPerUpload = 100
    /// `Cache-Control` of a URL that does not expire: an asset's bytes never change.
    static let immutable = "public, max-age=31536000, immutable"
    /// An upload's fields (its images are `files` parts).
    static let formFields = FieldNames(names: ["folder", "storageDuration", "onConflict", "files"], aliases: FieldNames.seedAliases, kind: "form field")

    /// `POST /v1/assets`: multipart `files` parts, `folder` (default `/`), `storageDuration`,
    /// `onConflict`. Every file is sniffed and its header read before anything is stored; a
    /// refused request keeps nothing.
    func upload(_ request: Request, caller: Caller) async throws -> Response {
        let limit = min(env.settings.maxUploadBytes, caller.plan.bytesPerUpload ?? .max)
        var upload = try await UploadReader(limit: limit, maxSources: Self.maxFilesPerUpload, blobs: env.blobs, form: .assets).read(request)
        defer { for file in upload.files { try? FileManager.default.removeItem(atPath: file.path) } }
        upload.fields = try Self.formFields.rename(upload.fields)
        guard !upload.files.isEmpty else {
            let other = upload.otherFileFields.isEmpty ? "" : " (file parts named \(upload.otherFileFields.joined(separator: ", ")) were sent)"
            throw APIError.badRequest("no files part; send each image as a file part named files\(other)")
        }
        let folderText = upload.fields["folder"]?.trimmingCharacters(in: .whitespaces) ?? "/"
        guard let folder = FolderPath(folderText.isEmpty ? "/" : folderText) else {
            throw APIError.badRequest("folder \"\(folderText.prefix(80))\": \(FolderPath.problem(with: folderText) ?? "not a folder path")")
        }
        let conflict = try upload.fields["onConflict"].map { text in
            guard let value = AssetConflict(rawValue: text) else {
                throw APIError.badRequest("onConflict \"\(text.prefix(40))\" is not one of fail, overwrite, rename")
            }
            return value
        } ?? .fail
        let expiresAt = try expiry(upload.fields["storageDuration"], plan: caller.plan)
        // Every file is checked before anything is kept.
        var checked: [AssetIntake.CheckedFile] = []
        for (index, file) in upload.files.enumerated() {
            let name = (file.name as NSString).lastPathComponent
            if let problem = AssetName.problem(with: name) {
                throw APIError.badRequest("files[\(index)] \"\(name.prefix(80))\": \(problem); rename the file")
            }
            do {
                checked.append(try AssetIntake.check(name: name, path: file.path, policy: env.settings.policy))
            } catch {
                throw APIError.badRequest("files[\(index)] \"\(name)\" is not an image this server stores: \(error.message)")
            }
        }
        do {
            try await intake.admit(checked.map { ($0.name, $0.header.fileBytes) }, plan: caller.plan, account: caller.account.id)
        } catch let refusal as AssetIntake.Refusal {
            throw Self.answer(refusal)
        }
        if conflict == .fail, let clash = checked.map(\.name).firstDuplicate {
            throw APIError(409, .assetExists, "two files are named \(clash); rename one, or send onConflict=rename")
        }
        // Names already taken are refused before anything is claimed (a name taken meanwhile by
        // another request still is, below; its blob then waits for the sweeper).
        if conflict == .fail, let clash = try await env.store.takenNames(account: caller.account.id, folder: folder, names: checked.map(\.name)).sorted().first {
            throw APIError(409, .assetExists, "\(folder.appending(clash)?.rawValue ?? clash) already exists; send onConflict=rename or overwrite, or another name")
        }
        var stored: [AssetRecord] = []
        do {
            for file in checked {
                stored.append(try await intake.keep(file, account: caller.account.id, folder: folder, expiresAt: expiresAt, origin: .upload,
                                                    onConflict: conflict))
            }
        } catch {
            // Nothing of a refused request is kept: the assets made so far go (their blobs with
            // them, unless another asset shares them).
            for asset in stored { try? await intake.forget(asset) }
            if let error = error as? StoreError, error.isExists {
                throw APIError(409, .assetExists, "\(error.description.replacingOccurrences(of: " already exists", with: "")) already exists; send onConflict=rename or overwrite, or another name")
            }
            throw error
        }
        let key = try await env.store.urlKey(account: caller.account.id)
        return JSONResponse.make(201, APIModels.AssetList(assets: stored.map { model($0, key: key) }))
    }

    /// 413 for a file past the plan's size, 403 `STORAGE_LIMIT_REACHED` for a library past its bytes.
    static func answer(_ refusal: AssetIntake.Refusal) -> APIError {
        switch refusal {
        case .fileTooLarge: APIError(413, .payloadTooLarge, refusal.message)
        case .storageFull: APIError(403, .storageLimitReached, refusal.message)
        }
    }

    /// When an upload's files expire: the plan's default when none is asked for.
    func expiry(_ text: String?, plan: AccountPlan) throws -> Date? {
        let retention: JobRetention
        do {
            retention = try text.map(StorageDuration.parse) ?? (plan.permanentStorage ? .permanent : .hours(plan.storageHours ?? 72))
            try StorageDuration.check(retention, plan: plan)
        } catch {
            throw APIError(error.notInPlan ? 403 : 400, error.notInPlan ? .storageDurationNotInPlan : .badRequest, error.message)
        }
        return retention.expiry(from: Date(), defaultHours: env.settings.retentionHours)
    }

    func model(_ asset: AssetRecord, key: String) -> APIModels.Asset {
        APIModels.Asset(asset, url: env.baseURL + AssetLinks.path(asset, key: key))
    }

    /// The account's asset, or 404 (another account's and an expired one alike).
    func live(_ id: AssetID, account: Account) async throws -> AssetRecord {
        guard let asset = try await env.store.asset(account: account.id, id: id), !asset.isExpired(at: Date()) else {
            throw APIError.notFound("there is no asset \(id) in this account")
        }
        return asset
    }

    func read(_ id: AssetID, account: Account) async throws -> Response {
        let asset = try await live(id, account: account)
        return JSONResponse.make(200, model(asset, key: try await env.store.urlKey(account: account.id)))
    }

    func content(_ id: AssetID, _ request: Request, account: Account) async throws -> Response {
        let asset = try await live(id, account: account)
        return try AssetContent.response(asset, file: try file(asset), request: request, cacheControl: "private, no-cache")
    }

    func delete(_ id: AssetID, account: Account) async throws -> Response {
        guard let asset = try await env.store.asset(account: account.id, id: id) else {
            throw APIError.notFound("there is no asset \(id) in this account")
        }
        try await intake.forget(asset)
        return Response(status: .noContent)
    }

    /// `POST /v1/assets/{id}/links {"expiresIn": "1h"}`: a keyless URL that expires.
    func link(_ id: AssetID, _ request: Request, account: Account) async throws -> Response {
        struct Body: Decodable { var expiresIn: String }
        let asset = try await live(id, account: account)
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["expiresIn"]))
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw APIError.badRequest("expected {\"expiresIn\": \"1h\"} (1h to 2160h, or days such as 7d)")
        }
        guard case .hours(let hours) = (try? StorageDuration.parse(body.expiresIn)) ?? .permanent else {
            throw APIError.badRequest("expiresIn \"\(body.expiresIn.prefix(40))\" is not a duration from 1h to 2160h (or days such as 7d); the asset's url does not expire")
        }
        let expires = Int(Date().timeIntervalSince1970 + hours * 3600)
        let key = try await env.store.urlKey(account: account.id)
        return JSONResponse.make(201, APIModels.AssetLink(url: env.baseURL + AssetLinks.path(asset, key: key, expires: expires),
                                                          expiresAt: Date(timeIntervalSince1970: Double(expires))))
    }

    /// `GET /files/{signature}/{assetId}/{name}`: no key; the signature is checked with the
    /// owner's key before anything about the asset is said.
    func byLink(signature: String, id: String, _ request: Request) async throws -> Response {
        let missing = APIError.notFound("there is no such file; it may have been deleted")
        guard let id = AssetID(id), let found = try await env.store.assetForLink(id: id) else { throw missing }
        let expires = request.uri.queryParameters.get("expires")
        do {
            try AssetLinks.check(id, key: found.urlKey, expires: expires, signature: signature)
        } catch .invalidSignature {
            throw APIError(403, .invalidSignature, "this file URL is not valid; use the url the API gave, unchanged")
        } catch .expired {
            throw APIError(410, .linkExpired, "this file link has expired; ask for a new one with POST /v1/assets/\(id)/links")
        }
        guard !found.asset.isExpired(at: Date()) else { throw missing }
        let cache = expires.flatMap(Double.init).map { "public, max-age=\(max(0, Int($0 - Date().timeIntervalSince1970)))" } ?? Self.immutable
        return try AssetContent.response(found.asset, file: try file(found.asset), request: request, cacheControl: cache)
    }

    /// Removes, in the background, the blobs nothing refers to any more (after a folder or a
    /// whole library was deleted); the sweeper catches what this does not.
    func removeUnreferencedBlobs() {
        let store = env.store, blobs = env.blobs, logger = env.logger
        Task {
            do {
                while true {
                    let batch = try await store.unreferencedBlobs(now: Date(), limit: 500)
                    var removed = 0
                    for blob in batch where try await store.removeBlob(blob, now: Date(), deleteFile: { try blobs.delete(blob.key) }) { removed += 1 }
                    if batch.count < 500 || removed == 0 { break }
                }
            } catch {
                logger.error("removing unreferenced blobs failed; the sweeper tries again", metadata: ["error": "\(error)"])
            }
        }
    }

    private func file(_ asset: AssetRecord) throws -> String {
        guard let path = env.blobs.path(asset.blobKey) else {
            env.logger.error("an asset's blob is missing", metadata: ["asset.id": "\(asset.id)", "blob": "\(asset.blobKey)"])
            throw APIError(500, .internalError, "the bytes of asset \(asset.id) are missing on the server")
        }
        return path
    }
}

extension Array where Element: Hashable {
    /// The first element that appears twice.
    var firstDuplicate: Element? {
        var seen: Set<Element> = []
        return first { !seen.insert($0).inserted }
    }
}
