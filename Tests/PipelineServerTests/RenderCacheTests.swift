import Foundation
import Imaging
@testable import PipelineServer
import Testing

/// The render cache on disk: held at its size limit by least-recently-used eviction.
@Suite struct RenderCacheTests {
    static func folderBytes(_ folder: String) -> Int64 {
        var total: Int64 = 0
        for path in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] {
            var directory: ObjCBool = false
            let full = "\(folder)/\(path)"
            guard FileManager.default.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue else { continue }
            total += ((try? FileManager.default.attributesOfItem(atPath: full)[.size]) as? NSNumber)?.int64Value ?? 0
        }
        return total
    }

    static func entry(_ index: Int, bytes: Int) -> RenderCache.Entry {
        RenderCache.Entry(format: "jpeg", sha256: String(repeating: "a", count: 64), bytes: [UInt8](repeating: UInt8(index % 251), count: bytes))
    }

    @Test func twoThousandResultsKeepTheFolderWithinTheLimitByAtMostOneResult() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let limit: Int64 = 200_000
        let cache = RenderCache(folder: folder, limit: limit)
        var generator = SystemRandomNumberGenerator()
        var worst: Int64 = 0
        for index in 0..<2000 {
            let size = Int.random(in: 1000...9000, using: &generator)
            cache.write(RenderService.key(["test", String(index)]), Self.entry(index, bytes: size))
            let onDisk = Self.folderBytes(folder)
            // Past the limit only by the result just written, and only until it is evicted.
            #expect(onDisk <= limit, "after result \(index): \(onDisk) bytes on disk, limit \(limit)")
            worst = max(worst, onDisk)
            #expect(cache.bytes == onDisk)
        }
        #expect(worst > limit - 10_000, "the cache filled up to its limit")
        #expect(cache.evictions > 1900)
    }

    @Test func theLeastRecentlyUsedResultGoesFirstAndAReadCountsAsAUse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Room for ten results of 1,000 bytes (and their headers).
        let cache = RenderCache(folder: folder, limit: 10 * 1100)
        let keys = (0..<20).map { RenderService.key(["lru", String($0)]) }
        for index in 0..<10 { cache.write(keys[index], Self.entry(index, bytes: 1000)) }
        #expect(keys[0..<10].allSatisfy { cache.read($0) != nil })
        // Use 0, 2, 4, 6 and 8 again: 1, 3, 5, 7, 9 are now the least recently used.
        for index in stride(from: 0, to: 10, by: 2) { #expect(cache.read(keys[index])?.bytes.count == 1000) }
        for index in 10..<15 { cache.write(keys[index], Self.entry(index, bytes: 1000)) }
        let kept = (0..<15).filter { FileManager.default.fileExists(atPath: "\(folder)/\(keys[$0].prefix(2))/\(keys[$0])") }
        #expect(kept == [0, 2, 4, 6, 8, 10, 11, 12, 13, 14], "\(kept)")
        // A second process's view: it finds the same files and the same order of eviction for new ones.
        let other = RenderCache(folder: folder, limit: 10 * 1100)
        #expect(other.bytes == cache.bytes)
        #expect(other.read(keys[10])?.bytes == Self.entry(10, bytes: 1000).bytes)
    }

    @Test func aZeroLimitKeepsNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = RenderCache(folder: folder, limit: 0)
        cache.write("k", Self.entry(1, bytes: 10))
        #expect(cache.read("k") == nil && Self.folderBytes(folder) == 0)
    }

    @Test func keysCarryTheExecutablesBuildSoARebuiltEngineStartsAfresh() {
        // An engine change that moves an output's bytes leaves the product version alone; the
        // build ID does not, so another build's cached results are never found.
        #expect(RenderService.engineVersion.contains("/\(Libvips.executableBuildID)/"))
        #expect(Libvips.executableBuildID != "unknown")
    }
}
