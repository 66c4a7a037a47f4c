import Foundation
import NIOCore
import Synchronization

/// Rendered results on disk (SPEC §10), in the data folder so the processes of one folder share
/// them: one file per result, named by the sha256 of what it was made from (`RenderKey`),
/// holding a small header (format, the bytes' sha256) and the bytes. Files are written under a
/// temporary name and renamed, so a reader sees a whole result or none.
///
/// The size limit holds per process: an index of this process's view (sizes and last use)
/// evicts the least recently used results as soon as a new one takes the total past the
/// limit, so the folder exceeds it by at most the result just written. A hit from this process
/// counts as a use; files other processes wrote are found on disk and indexed when first read
/// (or at the next rescan, every `rescanInterval` inserts).
final class RenderCache: Sendable {
    struct Entry: Sendable {
        var format: String
        var sha256: String
        /// The image, ready to be a response body (read from disk without another copy).
        var body: ByteBuffer

        init(format: String, sha256: String, body: ByteBuffer) {
            self.format = format
            self.sha256 = sha256
            self.body = body
        }

        init(format: String, sha256: String, bytes: [UInt8]) {
            self.init(format: format, sha256: sha256, body: ByteBuffer(bytes: bytes))
        }

        var bytes: [UInt8] { Array(body.readableBytesView) }
    }

    private struct Indexed {
        var size: Int64
        var tick: UInt64
    }

    private struct State {
        var entries: [String: Indexed] = [:]
        var total: Int64 = 0
        var tick: UInt64 = 0
        var order = LeastRecentlyUsed()
        var insertsSinceScan = 0

        mutating func compactIfStale() {
            if order.count > 64, order.count > 4 * entries.count { order.compact(keeping: entries.mapValues(\.tick)) }
        }
    }

    let folder: String
    let limit: Int64
    private let state = Mutex(State())
    private let evicted = Atomic<Int>(0)
    static let rescanInterval = 500
    private static let magic: [UInt8] = Array("IPR2".utf8)

    init(folder: String, limit: Int64) {
        self.folder = folder
        self.limit = limit
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if limit > 0 { rescan() }
    }

    /// Results evicted by this process so far.
    var evictions: Int { evicted.load(ordering: .relaxed) }

    /// Bytes the cache holds, as this process sees it.
    var bytes: Int64 { state.withLock { $0.total } }

    private func path(_ key: String) -> String { "\(folder)/\(key.prefix(2))/\(key)" }

    /// The result stored under `key`, if any (and counts it as used).
    func read(_ key: String) -> Entry? {
        guard limit > 0, var file = Self.contents(path(key)) else { return nil }
        let size = file.readableBytes
        guard let entry = Self.decode(&file) else { return nil }
        state.withLock { state in
            state.tick += 1
            if state.entries[key] == nil { state.total += Int64(size) }
            state.entries[key] = Indexed(size: Int64(size), tick: state.tick)
            state.order.push(key, tick: state.tick)
            state.compactIfStale()
        }
        return entry
    }

    /// A file's bytes, read with `read(2)` straight into a buffer.
    private static func contents(_ path: String) -> ByteBuffer? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0, status.st_size < 1 << 31 else { return nil }
        let size = Int(status.st_size)
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        let done = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
            var done = 0
            while done < size {
                let got = Foundation.read(descriptor, target.baseAddress! + done, size - done)
                if got <= 0 { break }
                done += got
            }
            return done
        }
        return done == size ? buffer : nil
    }

    /// The file layout: `IPR2`, the format's length (1 byte) and name, the sha256 (64 hex
    /// characters), the bytes.
    private static func encode(_ entry: Entry) -> [UInt8] {
        var file = magic
        let format = Array(entry.format.utf8.prefix(255))
        file.append(UInt8(format.count))
        file.append(contentsOf: format)
        file.append(contentsOf: Array(entry.sha256.utf8.prefix(64)))
        file.append(contentsOf: entry.body.readableBytesView)
        return file
    }

    private static func decode(_ file: inout ByteBuffer) -> Entry? {
        guard let head = file.readBytes(length: 5), Array(head[0..<4]) == magic,
              let format = file.readString(length: Int(head[4])), let sha = file.readString(length: 64), file.readableBytes > 0 else { return nil }
        return Entry(format: format, sha256: sha, body: file)
    }

    /// Stores a result; evicts the least recently used ones past the limit.
    func write(_ key: String, _ entry: Entry) {
        guard limit > 0 else { return }
        let file = Self.encode(entry)
        let target = path(key)
        let temporary = "\(folder)/.tmp-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            return
        }
        let (victims, rescanDue) = state.withLock { state -> ([String], Bool) in
            state.tick += 1
            if let old = state.entries[key] { state.total -= old.size }
            state.entries[key] = Indexed(size: Int64(file.count), tick: state.tick)
            state.total += Int64(file.count)
            state.order.push(key, tick: state.tick)
            var victims: [String] = []
            while state.total > limit, let (oldest, tick) = state.order.pop() {
                guard let indexed = state.entries[oldest], indexed.tick == tick, oldest != key else { continue }
                state.entries[oldest] = nil
                state.total -= indexed.size
                victims.append(oldest)
            }
            state.compactIfStale()
            state.insertsSinceScan += 1
            return (victims, state.insertsSinceScan >= Self.rescanInterval)
        }
        for victim in victims { unlink(path(victim)) }
        evicted.add(victims.count, ordering: .relaxed)
        if rescanDue { rescan() }
    }

    /// Forgets what this process knew and reads the folder again (other processes write to it
    /// too), oldest modification first; evicts past the limit.
    func rescan() {
        var found: [(key: String, size: Int64, modified: Date)] = []
        let manager = FileManager.default
        for shard in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where shard.count == 2 {
            for key in (try? manager.contentsOfDirectory(atPath: "\(folder)/\(shard)")) ?? [] {
                guard let attributes = try? manager.attributesOfItem(atPath: "\(folder)/\(shard)/\(key)"),
                      let size = (attributes[.size] as? NSNumber)?.int64Value, let modified = attributes[.modificationDate] as? Date else { continue }
                found.append((key, size, modified))
            }
        }
        found.sort { $0.modified < $1.modified }
        // Temporary files of writers that died.
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".tmp-") {
            if let modified = (try? manager.attributesOfItem(atPath: "\(folder)/\(name)"))?[.modificationDate] as? Date,
               modified < Date().addingTimeInterval(-600) {
                try? manager.removeItem(atPath: "\(folder)/\(name)")
            }
        }
        let victims = state.withLock { state -> [String] in
            // Uses this process saw stay; the rest are ordered by modification time.
            var fresh = State()
            for file in found {
                fresh.tick += 1
                let tick = state.entries[file.key].map { $0.tick + UInt64(found.count) } ?? fresh.tick
                fresh.entries[file.key] = Indexed(size: file.size, tick: tick)
                fresh.total += file.size
            }
            fresh.tick = max(state.tick + UInt64(found.count), fresh.tick) + 1
            for (key, indexed) in fresh.entries { fresh.order.push(key, tick: indexed.tick) }
            var victims: [String] = []
            while fresh.total > limit, let (oldest, tick) = fresh.order.pop() {
                guard let indexed = fresh.entries[oldest], indexed.tick == tick else { continue }
                fresh.entries[oldest] = nil
                fresh.total -= indexed.size
                victims.append(oldest)
            }
            state = fresh
            return victims
        }
        for victim in victims { unlink(path(victim)) }
        evicted.add(victims.count, ordering: .relaxed)
    }
}
