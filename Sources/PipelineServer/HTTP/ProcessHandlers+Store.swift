import Foundation
import Hummingbird
import Imaging
import Packaging
import PipelineCore
import PipelineStore

/// `POST /v1/process` with `store=true` (SPEC §11): the result and the original kept in the
/// media library, answered with their URLs.
extension ProcessHandlers {
    /// Where `store=true` keeps the result, and until when.
    struct Keep {
        var folder: FolderPath
        var expiresAt: Date?
    }

    /// `store` (true or false), `folder` (default `/processed`) and `storageDuration`, checked
    /// before any work; nil without `store=true`.
    func keepRequest(_ fields: [String: String], caller: Caller) throws -> Keep? {
        switch fields["store"]?.lowercased() {
        case nil, "false"?:
            if fields["folder"] != nil || fields["storageDuration"] != nil {
                throw APIError.badRequest("folder and storageDuration say where and how long store=true keeps the result; send store=true with them")
            }
            return nil
        case "true"?:
            let text = fields["folder"]?.trimmingCharacters(in: .whitespaces) ?? "/processed"
            guard let folder = FolderPath(text.isEmpty ? "/processed" : text) else {
                throw APIError.badRequest("folder \"\(text.prefix(80))\": \(FolderPath.problem(with: text) ?? "not a folder path")")
            }
            return Keep(folder: folder, expiresAt: try AssetHandlers(env: env).expiry(fields["storageDuration"], plan: caller.plan))
        case let other?:
            throw APIError.badRequest("store=\(other.prefix(20)) is not true or false")
        }
    }

    /// Keeps every output in the media library (in `folder`, under its output path when there
    /// are several) and the original in `folder/originals`, and answers with their URLs.
    func kept(_ made: ImmediateProcessor.Made, input: Input, bytesBefore: Int, configID: ConfigID, keep: Keep, work: String,
                      caller: Caller) async throws -> Response {
        let intake = AssetIntake(store: env.store, blobs: env.blobs, claimSeconds: env.settings.blobClaimSeconds)
        let policy = env.settings.policy
        func checked(_ bytes: [UInt8], name: String, index: Int) throws -> AssetIntake.CheckedFile {
            let path = "\(work)/kept-\(index)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                return try AssetIntake.check(name: name, path: path, policy: policy)
            } catch {
                throw APIError(500, .internalError, "an output could not be read back: \(error.message)")
            }
        }
        var outputs: [(file: AssetIntake.CheckedFile, folder: FolderPath, origin: AssetOrigin, path: String)] = []
        var failures: [Manifest.Failure]?
        switch made {
        case .image(let image, let labels, _):
            let name = Self.keptName(input.name, format: image.format)
            outputs.append((try checked(image.bytes, name: name, index: 0), keep.folder,
                            .process(configID: configID, outputPath: (["output"] + labels + [name]).joined(separator: "/")), name))
        case .archive(let path, let manifest):
            let reader = try ZipArchiveReader(path: path)
            for (index, output) in manifest.outputs.enumerated() {
                let parts = output.path.split(separator: "/").map(String.init)
                let name = Self.keptName(parts.last ?? "image", format: output.format)
                var folder = keep.folder
                for label in parts.dropFirst().dropLast() { folder = folder.appending(label) ?? folder }
                outputs.append((try checked(try reader.read(output.path), name: name, index: index), folder,
                                .process(configID: configID, outputPath: output.path), output.path))
            }
            failures = manifest.failures.isEmpty ? nil : manifest.failures
        }
        let originalName = Self.keptName(input.name, format: nil)
        let original: AssetIntake.CheckedFile
        do {
            original = try AssetIntake.check(name: originalName, path: input.path, policy: policy)
        } catch {
            throw APIError(422, .processFailed, "\(input.name): \(error.message)")
        }
        do {
            try await intake.admit(outputs.map { ($0.file.name, $0.file.header.fileBytes) } + [(original.name, original.header.fileBytes)],
                                   plan: caller.plan, account: caller.account.id)
        } catch let refusal as AssetIntake.Refusal {
            throw AssetHandlers.answer(refusal)
        }
        var stored: [AssetRecord] = []
        let account = caller.account.id
        do {
            for output in outputs {
                stored.append(try await intake.keep(output.file, account: account, folder: output.folder, expiresAt: keep.expiresAt,
                                                    origin: output.origin, onConflict: .rename))
            }
            stored.append(try await intake.keep(original, account: account, folder: keep.folder.appending("originals") ?? keep.folder,
                                                expiresAt: keep.expiresAt, origin: .upload, onConflict: .rename))
        } catch {
            for asset in stored { try? await intake.forget(asset) }
            throw error
        }
        let key = try await env.store.urlKey(account: account)
        let url = { (asset: AssetRecord) in self.env.baseURL + AssetLinks.path(asset, key: key) }
        let originURL = stored.last.map(url)
        if case .image(let image, _, _) = made, let asset = stored.first {
            return JSONResponse.make(201, APIModels.Processed(width: image.size.width, height: image.size.height, format: image.format.rawValue,
                                                              sizeBefore: bytesBefore, sizeAfter: image.bytes.count,
                                                              saved: Self.saved(before: bytesBefore, after: image.bytes.count),
                                                              assetId: asset.id.rawValue, url: url(asset), originUrl: originURL, expiresAt: keep.expiresAt))
        }
        let models = zip(outputs, stored).map { output, asset in
            APIModels.ProcessedOutput(path: output.path, width: asset.width, height: asset.height, format: asset.format, sizeAfter: asset.bytes,
                                      saved: Self.saved(before: bytesBefore, after: asset.bytes), assetId: asset.id.rawValue, url: url(asset))
        }
        return JSONResponse.make(201, APIModels.ProcessedSet(sizeBefore: bytesBefore, outputs: models, failures: failures,
                                                             originUrl: originURL, expiresAt: keep.expiresAt))
    }

    /// A name the library takes: the sent name's stem (with the output's extension), or `image`.
    static func keptName(_ name: String, format: ImageFormat?) -> String {
        let candidate = format.map { resultName(name, format: $0) } ?? name
        if AssetName.problem(with: candidate) == nil { return candidate }
        return "image" + (format.map { "." + $0.fileExtension } ?? "")
    }
}
