import Delivery
import Foundation
import Imaging
import PipelineCore
import PipelineStore

/// Keeps files in the media library: each checked (an image whose header reads, or a PDF, its SHA-256 and
/// CRC-32), then its blob claimed, moved in unless the account has those bytes already, and
/// its asset inserted (which ends the claim). Library uploads and job uploads both come here.
/// Knows nothing of HTTP.
struct AssetIntake: Sendable {
    var store: any AssetStore
    var blobs: any BlobStore
    /// How long an upload's claim keeps its blob from the sweeper while it is written (the file
    /// is already on disk: moving it and writing the row take moments; `--blob-claim-seconds`).
    var claimSeconds: TimeInterval

    /// A file on disk that is an image, with what the library records of it.
    struct CheckedFile: Sendable {
        var name: String
        var path: String
        var header: SourceHeader
        var sha256: String
        var crc32: UInt32
    }

    /// Why a file cannot be kept: its header does not read (the message says why).
    struct Unreadable: Error, Sendable {
        var message: String
    }

    /// Why the plan refuses files: one larger than `maxFileBytes`, or more than `storageBytes`
    /// in all.
    enum Refusal: Error, Sendable {
        case fileTooLarge(index: Int, name: String, bytes: Int, limit: Int, plan: String)
        case storageFull(used: Int, adding: Int, limit: Int, plan: String)

        var message: String {
            switch self {
            case .fileTooLarge(let index, let name, let bytes, let limit, let plan):
                "files[\(index)] \"\(name)\" is \(bytes) bytes; the \(plan) plan keeps files of at most \(limit) bytes"
            case .storageFull(let used, let adding, let limit, let plan):
                "the library holds \(used) bytes and these files add \(adding); the \(plan) plan keeps at most \(limit) bytes. Delete files or folders first"
            }
        }
    }

    /// Refuses `files` (name and size) the plan does not let the account keep.
    func admit(_ files: [(name: String, bytes: Int)], plan: AccountPlan, account: AccountID) async throws -> Void {
        if let limit = plan.maxFileBytes, let index = files.firstIndex(where: { $0.bytes > limit }) {
            throw Refusal.fileTooLarge(index: index, name: files[index].name, bytes: files[index].bytes, limit: limit, plan: plan.name)
        }
        guard let limit = plan.storageBytes, !files.isEmpty else { return }
        let used = try await store.folderProperties(account: account, path: .root).bytes
        let adding = files.reduce(0) { $0 + $1.bytes }
        if used + adding > limit { throw Refusal.storageFull(used: used, adding: adding, limit: limit, plan: plan.name) }
    }

    static func check(name: String, path: String, policy: SourcePolicy) throws(Unreadable) -> CheckedFile {
        let header: SourceHeader
        do {
            // A PDF is kept as bytes: it is parsed only by a worker process of its own (SPEC §12).
            header = SourceHeader.isPDF(path: path) ? try SourceHeader.unparsedDocument(path: path, name: name, policy: policy)
                : try SourceHeader.read(path: path, name: name, policy: policy)
        } catch {
            throw Unreadable(message: error.message)
        }
        guard let digest = Digest.sha256AndCRC32(file: path) else { throw Unreadable(message: "the uploaded file cannot be read back") }
        return CheckedFile(name: name, path: path, header: header, sha256: digest.sha256, crc32: digest.crc32)
    }

    /// Stores `file` as an asset (moving it: its temporary file is gone afterwards).
    func keep(_ file: CheckedFile, account: AccountID, folder: FolderPath, expiresAt: Date?, origin: AssetOrigin,
              onConflict: AssetConflict) async throws -> AssetRecord {
        let blob = BlobReference(accountID: account, sha256: file.sha256)
        try await store.claimBlob(blob, bytes: file.header.fileBytes, until: Date().addingTimeInterval(claimSeconds))
        if blobs.path(blob.key) == nil { try blobs.put(blob.key, movingFile: file.path) }
        let asset = AssetRecord(id: .random(), accountID: account, folder: folder, name: file.name, bytes: file.header.fileBytes,
                                sha256: file.sha256, crc32: file.crc32, format: file.header.format.rawValue, width: file.header.size.width,
                                height: file.header.size.height, createdAt: Date(), expiresAt: expiresAt, origin: origin)
        return try await store.insertAsset(asset, onConflict: onConflict)
    }

    /// Deletes the asset, and its blob now unless another asset, a claim or an unfinished job
    /// holds it (the sweeper takes it later then, or after a failure here).
    func forget(_ asset: AssetRecord) async throws {
        _ = try await store.deleteAsset(account: asset.accountID, id: asset.id)
        let blobs = self.blobs
        _ = try? await store.removeBlob(BlobReference(accountID: asset.accountID, sha256: asset.sha256), now: Date()) {
            try blobs.delete(asset.blobKey)
        }
    }
}
