import Foundation
import PipelineCore

/// The media library's records (SPEC §9): assets, and the blobs they share.
///
/// A blob's file and its assets are kept consistent across crashes by a claim: an upload claims
/// the blob (a row that keeps the sweeper away until `until`), then writes the file, then inserts
/// the asset (which ends the claim). The sweeper removes a blob only inside `removeBlob`, which
/// holds the blob's row while it checks that no asset refers to it and no claim is live, and
/// deletes the file before the row; an upload claiming the same blob meanwhile waits for it.
/// So a crash leaves no asset without its file, and a file nothing refers to is found by the
/// next sweep after its claim ends.
public protocol AssetStore: Sendable {
    /// The account's key for signing asset URLs, made on first use.
    func urlKey(account: AccountID) async throws -> String
    /// Claims the account's blob `sha256` until `until` (see the protocol's note).
    func claimBlob(_ blob: BlobReference, bytes: Int, until: Date) async throws
    /// Inserts the asset and ends its blob's claim. `fail`: `StoreError.exists` when the folder
    /// has that name; `overwrite`: the old asset is deleted; `rename`: the first free
    /// `name (n).ext`. Returns the asset as stored (its name may differ). `StoreError.notFound`
    /// when the blob's claim ran out and the sweeper removed it meanwhile (upload again).
    func insertAsset(_ asset: AssetRecord, onConflict: AssetConflict) async throws -> AssetRecord
    /// The account's assets among `ids` (others' and unknown ids are left out), in `ids` order.
    func assets(account: AccountID, ids: [AssetID]) async throws -> [AssetRecord]
    /// The folder's assets (and with `recursive` those of every folder below it), by folder and
    /// name, at most `limit`.
    func assets(account: AccountID, in folder: FolderPath, recursive: Bool, limit: Int) async throws -> [AssetRecord]
    /// Which of `names` the folder already has.
    func takenNames(account: AccountID, folder: FolderPath, names: [String]) async throws -> Set<String>
    /// The account's asset (nil when there is none or it is another account's). An expired
    /// asset is still returned until the sweeper deletes it: callers compare `expiresAt`.
    func asset(account: AccountID, id: AssetID) async throws -> AssetRecord?
    /// The account, its URL key, the configuration's latest version (when `configuration` is
    /// given) and the asset, read together: a rendering request needs all four.
    func renderLookup(account: AccountID, configuration: ConfigID?, asset: AssetLocator?) async throws -> RenderLookup
    /// An asset by id alone, with its owner's URL key: for the signed URL, whose signature is
    /// checked with that key before anything about the asset is said.
    func assetForLink(id: AssetID) async throws -> (asset: AssetRecord, urlKey: String)?
    /// Deletes the asset (its URL answers 404 from now on); its blob goes with the next sweep
    /// when nothing else refers to it. Nil when there was no such asset.
    func deleteAsset(account: AccountID, id: AssetID) async throws -> AssetRecord?
    /// Deletes up to `limit` assets whose `expiresAt` has passed; returns how many.
    func deleteExpiredAssets(now: Date, limit: Int) async throws -> Int
    /// Makes the folder and every folder above it; false when it was already there.
    func createFolder(account: AccountID, path: FolderPath, at: Date) async throws -> Bool
    func folderExists(account: AccountID, path: FolderPath) async throws -> Bool
    /// A page of the folder (`FolderListing`); keyset paging on an index, never OFFSET.
    func folderListing(account: AccountID, path: FolderPath, query: AssetQuery) async throws -> FolderListing
    /// Files, folders and bytes below the folder, recursively.
    func folderProperties(account: AccountID, path: FolderPath) async throws -> FolderProperties
    /// Deletes the folder, its sub-folders and their assets at once (blobs go with the sweep);
    /// returns how many assets and folders went. Not the root's own row (there is none).
    func deleteFolder(account: AccountID, path: FolderPath) async throws -> (assets: Int, folders: Int)
    /// Moves and/or renames an asset (its folder is made as needed); `StoreError.exists` when
    /// the name is taken there, `notFound` when there is no such asset.
    func moveAsset(account: AccountID, id: AssetID, folder: FolderPath, name: String, at: Date) async throws -> AssetRecord
    /// Deletes every asset and folder of the account; returns how many assets went.
    func deleteAllAssets(account: AccountID) async throws -> Int
    /// Blobs no asset refers to and no live claim holds, oldest first.
    func unreferencedBlobs(now: Date, limit: Int) async throws -> [BlobReference]
    /// Removes the blob if it is still unreferenced and unclaimed: calls `deleteFile` while
    /// holding it, then forgets it. False when it is in use again.
    func removeBlob(_ blob: BlobReference, now: Date, deleteFile: @Sendable () throws -> Void) async throws -> Bool
}
