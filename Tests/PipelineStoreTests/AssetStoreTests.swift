import Foundation
import PipelineCore
import PipelineStore
import Synchronization
import Testing

/// The media library's records against every backend (`StoreBackend.all`), on real databases.
@Suite struct AssetStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let shaA = String(repeating: "a", count: 64)
    static let shaB = String(repeating: "b", count: 64)

    private func given(_ backend: StoreBackend) async throws -> (any PipelineStore, Account, Account, @Sendable () -> Void) {
        let (store, cleanup) = try await backend.make()
        let acme = try await store.createAccount(name: "acme", webhookSecret: "whsec_c2VjcmV0", at: t0)
        let other = try await store.createAccount(name: "other", webhookSecret: "whsec_eA==", at: t0)
        return (store, acme, other, cleanup)
    }

    private func asset(_ account: Account, _ folder: String, _ name: String, sha: String = shaA, expires: Date? = nil) -> AssetRecord {
        AssetRecord(id: .random(), accountID: account.id, folder: FolderPath(folder)!, name: name, bytes: 1234, sha256: sha, crc32: 7, format: "jpeg",
                    width: 40, height: 30, createdAt: t0, expiresAt: expires, origin: .upload)
    }

    /// Claims the blob and inserts the asset, as an upload does.
    private func store(_ store: any PipelineStore, _ asset: AssetRecord, _ conflict: AssetConflict = .fail) async throws -> AssetRecord {
        try await store.claimBlob(BlobReference(accountID: asset.accountID, sha256: asset.sha256), bytes: asset.bytes, until: t0.addingTimeInterval(3600))
        return try await store.insertAsset(asset, onConflict: conflict)
    }

    @Test(arguments: StoreBackend.all)
    func anAssetIsItsAccountsOnlyAndANameIsTakenOnceAFolder(backend: StoreBackend) async throws {
        let (db, acme, other, cleanup) = try await given(backend)
        defer { cleanup() }
        let first = try await store(db, asset(acme, "/shop/shoes", "red.jpg"))
        #expect(try await db.asset(account: acme.id, id: first.id) == first)
        #expect(try await db.asset(account: other.id, id: first.id) == nil)
        await #expect(throws: StoreError.exists("/shop/shoes/red.jpg")) { _ = try await store(db, asset(acme, "/shop/shoes", "red.jpg")) }
        let renamed = try await store(db, asset(acme, "/shop/shoes", "red.jpg"), .rename)
        let third = try await store(db, asset(acme, "/shop/shoes", "red.jpg"), .rename)
        #expect(renamed.name == "red (2).jpg" && third.name == "red (3).jpg")
        let replacement = try await store(db, asset(acme, "/shop/shoes", "red.jpg", sha: Self.shaB), .overwrite)
        #expect(try await db.asset(account: acme.id, id: first.id) == nil)
        #expect(try await db.asset(account: acme.id, id: replacement.id)?.sha256 == Self.shaB)
        // The same name in another folder, or in another account, is another place.
        _ = try await store(db, asset(acme, "/shop", "red.jpg"))
        _ = try await store(db, asset(other, "/shop/shoes", "red.jpg"))
        #expect(try await db.deleteAsset(account: other.id, id: renamed.id) == nil)
        #expect(try await db.deleteAsset(account: acme.id, id: renamed.id)?.id == renamed.id)
        #expect(try await db.asset(account: acme.id, id: renamed.id) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aBlobIsRemovedOnlyWhenNothingRefersToItAndNoClaimHoldsIt(backend: StoreBackend) async throws {
        let (db, acme, other, cleanup) = try await given(backend)
        defer { cleanup() }
        let later = t0.addingTimeInterval(7200)
        let one = try await store(db, asset(acme, "/", "one.jpg"))
        let two = try await store(db, asset(acme, "/", "two.jpg"))
        _ = try await store(db, asset(other, "/", "one.jpg"))
        #expect(try await db.unreferencedBlobs(now: later, limit: 10).isEmpty)
        _ = try await db.deleteAsset(account: acme.id, id: one.id)
        #expect(try await db.unreferencedBlobs(now: later, limit: 10).isEmpty, "two.jpg still shares the blob")
        _ = try await db.deleteAsset(account: acme.id, id: two.id)
        let blob = BlobReference(accountID: acme.id, sha256: Self.shaA)
        #expect(try await db.unreferencedBlobs(now: later, limit: 10) == [blob], "other's copy of the same bytes is its own blob")
        // A claim (an upload of the same bytes under way) keeps it.
        try await db.claimBlob(blob, bytes: 1234, until: later.addingTimeInterval(60))
        #expect(try await db.unreferencedBlobs(now: later, limit: 10).isEmpty)
        #expect(try await db.removeBlob(blob, now: later, deleteFile: { Issue.record("deleted a claimed blob") }) == false)
        // Once the claim has run out, it goes, and the file is deleted while the store holds it.
        let deleted = Mutex(0)
        #expect(try await db.removeBlob(blob, now: later.addingTimeInterval(120), deleteFile: { deleted.withLock { $0 += 1 } }))
        #expect(deleted.withLock { $0 } == 1)
        #expect(try await db.unreferencedBlobs(now: later.addingTimeInterval(120), limit: 10).isEmpty)
        // An upload whose claim ran out and whose blob was removed meanwhile is refused.
        await #expect(throws: StoreError.notFound("blob \(Self.shaA)")) {
            _ = try await db.insertAsset(asset(acme, "/", "late.jpg"), onConflict: .fail)
        }
        // A file that fails to delete keeps its row, for the next sweep.
        let three = try await store(db, asset(acme, "/", "three.jpg", sha: Self.shaB))
        _ = try await db.deleteAsset(account: acme.id, id: three.id)
        struct DiskError: Error {}
        await #expect(throws: DiskError.self) {
            _ = try await db.removeBlob(BlobReference(accountID: acme.id, sha256: Self.shaB), now: later, deleteFile: { throw DiskError() })
        }
        #expect(try await db.unreferencedBlobs(now: later, limit: 10) == [BlobReference(accountID: acme.id, sha256: Self.shaB)])
    }

    /// A queued or running job that reads a blob keeps it, whatever happens to its assets.
    @Test(arguments: StoreBackend.all)
    func anUnfinishedJobKeepsTheBlobsItReads(backend: StoreBackend) async throws {
        let (db, acme, _, cleanup) = try await given(backend)
        defer { cleanup() }
        let later = t0.addingTimeInterval(7200)
        let source = try await store(db, asset(acme, "/shop", "a.jpg"))
        let job = JobRecord(id: JobID("job-1")!, accountID: acme.id, configID: ConfigID("thumbs")!, configVersion: 1, postbackURL: nil,
                            sources: [JobSource(name: "a.jpg", blobKey: source.blobKey)], createdAt: t0)
        try await db.enqueue(job, admission: .unlimited(sources: 1))
        _ = try await db.deleteFolder(account: acme.id, path: FolderPath("/shop")!)
        let blob = BlobReference(accountID: acme.id, sha256: Self.shaA)
        #expect(try await db.unreferencedBlobs(now: later, limit: 10).isEmpty, "queued")
        #expect(try await db.removeBlob(blob, now: later, deleteFile: { Issue.record("deleted a queued job's source") }) == false)
        _ = try #require(try await db.claimJob(owner: "w1", until: later, now: t0))
        #expect(try await db.unreferencedBlobs(now: later, limit: 10).isEmpty, "processing")
        try await db.failJob(job.id, owner: "w1", reason: "test", at: t0)
        #expect(try await db.unreferencedBlobs(now: later, limit: 10) == [blob], "once it has run, nothing holds it")
    }

    @Test(arguments: StoreBackend.all)
    func expiredAssetsAreDeletedAndURLKeysAreStablePerAccount(backend: StoreBackend) async throws {
        let (db, acme, other, cleanup) = try await given(backend)
        defer { cleanup() }
        let short = try await store(db, asset(acme, "/", "short.jpg", expires: t0.addingTimeInterval(3600)))
        let kept = try await store(db, asset(acme, "/", "kept.jpg"))
        #expect(try await db.deleteExpiredAssets(now: t0.addingTimeInterval(60), limit: 10) == 0)
        #expect(try await db.deleteExpiredAssets(now: t0.addingTimeInterval(3600), limit: 10) == 1)
        #expect(try await db.asset(account: acme.id, id: short.id) == nil)
        #expect(try await db.asset(account: acme.id, id: kept.id) != nil)
        let key = try await db.urlKey(account: acme.id)
        #expect(key.count == 64)
        #expect(try await db.urlKey(account: acme.id) == key)
        #expect(try await db.urlKey(account: other.id) != key)
        let link = try #require(try await db.assetForLink(id: kept.id))
        #expect(link.asset == kept && link.urlKey == key)
        #expect(try await db.assetForLink(id: short.id) == nil)
    }
}

@Suite struct FolderPathTests {
    @Test(arguments: ["/", "/shop", "/shop/shoes", "/Summer 2026/Café (old)", "/a.b/c_d-e"])
    func validPaths(_ text: String) {
        #expect(FolderPath(text)?.rawValue == text)
    }

    @Test(arguments: ["", "shop", "/shop/", "//", "/shop//shoes", "/shop/../etc", "/.hidden", "/a/\u{7}bell", "/tab\there",
                      "/" + String(repeating: "x", count: 255), "/ lead", "/trail ", "/semi;colon"])
    func invalidPathsSayWhy(_ text: String) {
        #expect(FolderPath(text) == nil)
        #expect(FolderPath.problem(with: text) != nil)
    }

    @Test func lineageAndContainment() {
        let shoes = FolderPath("/shop/shoes")!
        #expect(shoes.lineage.map(\.rawValue) == ["/", "/shop", "/shop/shoes"])
        #expect(FolderPath("/shop")!.contains(shoes) && FolderPath.root.contains(shoes) && !FolderPath("/sho")!.contains(shoes))
        #expect(AssetName.numbered("red.jpg", 2) == "red (2).jpg" && AssetName.numbered("README", 3) == "README (3)")
    }
}

/// Folders and listings against every backend.
@Suite struct FolderStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func fill(_ store: any PipelineStore, _ account: Account, folder: String, count: Int) async throws -> [AssetRecord] {
        var made: [AssetRecord] = []
        for index in 0..<count {
            let sha = String(format: "%064x", index % 3)
            try await store.claimBlob(BlobReference(accountID: account.id, sha256: sha), bytes: 10, until: t0.addingTimeInterval(60))
            made.append(try await store.insertAsset(AssetRecord(
                id: .random(), accountID: account.id, folder: FolderPath(folder)!, name: String(format: "img_%03d.jpg", (index * 7) % count),
                bytes: 1000 + (index * 37) % 11, sha256: sha, crc32: 7, format: "jpeg", width: 10, height: 10,
                createdAt: t0.addingTimeInterval(Double(index % 5)), expiresAt: nil, origin: .upload), onConflict: .fail))
        }
        return made
    }

    @Test(arguments: StoreBackend.all)
    func everySortPagesThroughEveryAssetOnceInOrder(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let acme = try await store.createAccount(name: "acme", webhookSecret: "whsec_c2VjcmV0", at: t0)
        let made = try await fill(store, acme, folder: "/shop/shoes", count: 23)
        for sort in AssetQuery.Sort.allCases {
            for descending in [false, true] {
                var seen: [AssetRecord] = []
                var after: AssetCursor?
                repeat {
                    let page = try await store.folderListing(account: acme.id, path: FolderPath("/shop/shoes")!,
                                                             query: AssetQuery(sort: sort, descending: descending, after: after, limit: 5))
                    #expect(page.assets.count <= 5)
                    seen += page.assets
                    after = page.next.flatMap { AssetCursor(token: $0.token) }
                } while after != nil
                let key: (AssetRecord) -> String = { asset in
                    switch sort {
                    case .name: asset.name
                    case .createdAt: String(format: "%020lld|", asset.createdAt.storedMilliseconds) + asset.id.rawValue
                    case .bytes: String(format: "%020d|", asset.bytes) + asset.id.rawValue
                    }
                }
                let expected = made.sorted { descending ? key($0) > key($1) : key($0) < key($1) }.map(\.id)
                #expect(seen.map(\.id) == expected, "\(sort) \(descending ? "desc" : "asc")")
            }
        }
        let filtered = try await store.folderListing(account: acme.id, path: FolderPath("/shop/shoes")!,
                                                     query: AssetQuery(limit: 100, nameContains: "IMG_00", origin: "upload"))
        #expect(filtered.assets.map(\.name) == (0..<10).map { String(format: "img_%03d.jpg", $0) })
        let none = try await store.folderListing(account: acme.id, path: FolderPath("/shop/shoes")!,
                                                 query: AssetQuery(limit: 100, nameContains: "_%", origin: nil))
        #expect(none.assets.isEmpty, "% and _ are matched as themselves")
    }

    @Test(arguments: StoreBackend.all)
    func foldersNestCountMoveAndDeleteWithoutTouchingTheirNeighbours(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let acme = try await store.createAccount(name: "acme", webhookSecret: "whsec_c2VjcmV0", at: t0)
        let other = try await store.createAccount(name: "other", webhookSecret: "whsec_eA==", at: t0)
        _ = try await fill(store, acme, folder: "/a/b", count: 4)
        _ = try await fill(store, acme, folder: "/a/b/c", count: 3)
        let neighbour = try await fill(store, acme, folder: "/a/b0", count: 2)
        _ = try await fill(store, acme, folder: "/a/b_x", count: 1)
        _ = try await fill(store, other, folder: "/a/b", count: 2)
        #expect(try await store.createFolder(account: acme.id, path: FolderPath("/a/b/empty")!, at: t0))
        #expect(try await store.createFolder(account: acme.id, path: FolderPath("/a/b/empty")!, at: t0) == false)
        #expect(try await store.folderExists(account: acme.id, path: FolderPath("/a")!))
        #expect(try await store.folderExists(account: other.id, path: FolderPath("/a/b/c")!) == false)
        let top = try await store.folderListing(account: acme.id, path: FolderPath("/a")!, query: AssetQuery())
        #expect(top.folders.map(\.rawValue) == ["/a/b", "/a/b0", "/a/b_x"] && top.assets.isEmpty)
        let properties = try await store.folderProperties(account: acme.id, path: FolderPath("/a/b")!)
        #expect(properties.files == 7 && properties.folders == 2, "\(properties)")
        #expect(try await store.folderProperties(account: acme.id, path: .root).files == 10)
        // Move one out, then delete /a/b: its sub-folders go, /a/b0 and /a/b_x stay.
        let moved = try await store.moveAsset(account: acme.id, id: neighbour[0].id, folder: FolderPath("/z/new")!, name: "moved.jpg", at: t0)
        #expect(moved.folder.rawValue == "/z/new" && moved.name == "moved.jpg")
        await #expect(throws: StoreError.exists("/a/b0/img_001.jpg")) {
            _ = try await store.moveAsset(account: acme.id, id: moved.id, folder: FolderPath("/a/b0")!, name: "img_001.jpg", at: t0)
        }
        let gone = try await store.deleteFolder(account: acme.id, path: FolderPath("/a/b")!)
        #expect(gone.assets == 7 && gone.folders == 3)
        #expect(try await store.folderProperties(account: acme.id, path: FolderPath("/a")!).files == 2)
        #expect(try await store.folderProperties(account: other.id, path: FolderPath("/a/b")!).files == 2)
        #expect(try await store.deleteAllAssets(account: acme.id) == 3)
        #expect(try await store.folderProperties(account: acme.id, path: .root) == FolderProperties(files: 0, folders: 0, bytes: 0))
    }
}
