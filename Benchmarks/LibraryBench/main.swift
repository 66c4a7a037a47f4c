import Foundation
import PipelineCore
import PipelineStore
import PipelineStorePostgres
import PipelineStoreSQLite

/// The media library's store under a big folder (issue 22, acceptance 2): 10,000 assets made
/// through the store (not HTTP) in one folder, then the p50 of a 100-asset page (first pages
/// and pages after a cursor, every sort), of the folder's recursive properties, the time the
/// recursive delete takes to answer, and the time until every blob it freed is gone. SQLite
/// always; PostgreSQL too with a server URL. Prints each figure beside its target.
///
///     swift run -c release pipeline-library-bench [ASSETS] [postgres://user@127.0.0.1:PORT/postgres]

let arguments = CommandLine.arguments.dropFirst()
let count = arguments.first.flatMap(Int.init) ?? 10_000
let postgresURL = arguments.first { $0.hasPrefix("postgres") }

func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func line(_ what: String, _ value: Double, target: Double) {
    let verdict = value <= target ? "ok" : "OVER"
    let label = what.padding(toLength: 46, withPad: " ", startingAt: 0)
    print("  \(label)" + String(format: "%9.2f ms   target %7.0f ms   %5.2fx of it  ", value, target, value / target) + verdict)
}

func bench(_ name: String, _ store: any PipelineStore) async throws {
    print("\(name): \(count) assets in one folder")
    let t0 = Date()
    let account = try await store.createAccount(name: "bench-\(UUID().uuidString.prefix(8))", webhookSecret: "whsec_YmVuY2g=", at: t0)
    let folder = FolderPath("/bench/big")!
    // One blob per 100 assets: the delete frees count/100 blobs for the sweeper.
    var filled = 0.0
    filled = try await milliseconds {
        for index in 0..<count {
            let sha = String(format: "%064x", index / 100)
            if index % 100 == 0 {
                try await store.claimBlob(BlobReference(accountID: account.id, sha256: sha), bytes: 1000, until: t0.addingTimeInterval(3600))
            }
            _ = try await store.insertAsset(AssetRecord(
                id: .random(), accountID: account.id, folder: index % 10 == 0 ? FolderPath("/bench/big/sub")! : folder,
                name: String(format: "photo-%06d.jpg", (index * 7919) % count), bytes: 1000 + index % 977, sha256: sha, crc32: 0,
                format: "jpeg", width: 100, height: 100, createdAt: t0.addingTimeInterval(Double(index % 3600)), expiresAt: nil,
                origin: .upload), onConflict: .fail)
        }
    }
    print(String(format: "  made in %.1f s (%.2f ms an asset)", filled / 1000, filled / Double(count)))
    for sort in AssetQuery.Sort.allCases {
        var firsts: [Double] = [], laters: [Double] = []
        var after: AssetCursor?
        for round in 0..<40 {
            var page: FolderListing?
            let elapsed = try await milliseconds {
                page = try await store.folderListing(account: account.id, path: folder,
                                                     query: AssetQuery(sort: sort, descending: round % 2 == 1, after: after, limit: 100))
            }
            if after == nil { firsts.append(elapsed) } else { laters.append(elapsed) }
            after = round % 2 == 0 ? page?.next : nil
        }
        line("page of 100 by \(sort.rawValue), first", median(firsts), target: 20)
        line("page of 100 by \(sort.rawValue), after a cursor", median(laters), target: 20)
    }
    var properties: [Double] = []
    for _ in 0..<20 {
        properties.append(try await milliseconds { _ = try await store.folderProperties(account: account.id, path: FolderPath("/bench")!) })
    }
    line("properties of the folder, recursive", median(properties), target: 100)
    let answered = try await milliseconds { _ = try await store.deleteFolder(account: account.id, path: FolderPath("/bench")!) }
    line("recursive delete, answered", answered, target: 1000)
    let finished = try await milliseconds {
        while true {
            let blobs = try await store.unreferencedBlobs(now: t0.addingTimeInterval(7200), limit: 500)
            if blobs.isEmpty { break }
            for blob in blobs { _ = try await store.removeBlob(blob, now: t0.addingTimeInterval(7200), deleteFile: {}) }
        }
    }
    line("its \(count / 100) blobs gone (sweep)", answered + finished, target: 30_000)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("library-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
try await bench("SQLite", try SQLiteStore(path: "\(folder)/pipeline.sqlite"))
if let postgresURL {
    let url = try DatabaseURL(postgresURL)
    let name = "library_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    try await PostgresStore.createDatabase(String(name), on: url)
    let store = try await PostgresStore(url: url.with(database: String(name)), maximumConnections: 4)
    try await bench("PostgreSQL", store)
    store.close()
}
