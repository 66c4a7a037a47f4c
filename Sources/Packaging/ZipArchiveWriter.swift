import CZlib
import Foundation

/// Writes a ZIP archive front to back, reproducibly: entries keep the order they are added in,
/// every entry has the same fixed timestamp and the attributes of a plain 0644 file, files are
/// stored (images are compressed already) and byte buffers deflated when asked. Where a size,
/// an offset or the number of entries passes the classic format's limits, the ZIP64 records say
/// it (so a job's archive may hold more than 4 GiB or 65,535 entries).
///
/// The archive is written to a temporary file beside `path` and appears there, whole, when
/// `close()` succeeds. It used to be written by libzip, which read every file again at close in
/// 4 KB writes and named its own temporary file from OpenSSL's random generator. Starting that
/// generator touched 3.4 MB of libcrypto in every job's process.
///
/// Not thread-safe: one writer belongs to one task.
public final class ZipArchiveWriter {
    /// 1 January 2000 00:00 UTC: the time every entry says it was made, so archives depend only on
    /// content.
    public static let fixedModificationTime: time_t = 946_684_800
    /// That time as MS-DOS time and date fields.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (2000 - 1980) << 9 | 1 << 5 | 1

    /// Where the classic fields stop: a value at or above `value` (or an entry count at or above
    /// `count`) is written as ZIP64. Tests lower them to check the ZIP64 records on small archives.
    struct Limits: Sendable {
        var value = Int(UInt32.max)
        var count = Int(UInt16.max)
    }

    /// One entry as the central directory describes it.
    private struct Entry {
        var name: [UInt8]
        var deflated: Bool
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var offset: Int
    }

    private let finalPath: String
    private let temporaryPath: String
    private let limits: Limits
    private var descriptor: Int32
    private var written = 0
    private var entries: [Entry] = []
    private var names: Set<String> = []

    /// Starts an archive that will appear at `path` (atomically) when `close()` succeeds.
    public convenience init(path: String) throws(PackagingError) {
        try self.init(path: path, limits: Limits())
    }

    init(path: String, limits: Limits) throws(PackagingError) {
        finalPath = path
        self.limits = limits
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        temporaryPath = folder + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).partial"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = [ENOENT, ENOTDIR, EACCES, EROFS].contains(errno)
                ? "the folder \(folder) does not exist or is not writable" : String(cString: strerror(errno))
            throw PackagingError("cannot create \(path): \(reason)")
        }
    }

    deinit {
        if descriptor >= 0 { discard() }
    }

    /// The CRC-32 of `bytes`, as ZIP records it.
    public static func crc32(_ bytes: some ContiguousBytes) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0, continuing: 0) }
    }

    /// The CRC-32 of what `crc` covered followed by `raw`.
    private static func crc32(_ raw: UnsafeRawBufferPointer, continuing crc: UInt32) -> UInt32 {
        var value = uLong(crc)
        var at = 0
        while at < raw.count { // zlib takes at most 4 GiB a call
            let count = min(raw.count - at, 1 << 30)
            value = CZlib.crc32(value, raw.baseAddress!.assumingMemoryBound(to: Bytef.self) + at, uInt(count))
            at += count
        }
        return UInt32(value)
    }

    /// Adds `bytes` as entry `name`, deflated when `compress` is true.
    public func add(name: String, bytes: [UInt8], compress: Bool) throws(PackagingError) {
        try claim(name)
        let crc = Self.crc32(bytes)
        let data = compress ? try Self.deflate(bytes, name: name) : bytes
        let offset = written
        try writeAll(localHeader(name: name, deflated: compress, crc: crc, compressedSize: data.count, size: bytes.count), name: name)
        try writeAll(data, name: name)
        entries.append(Entry(name: Array(name.utf8), deflated: compress, crc: crc, compressedSize: data.count, size: bytes.count, offset: offset))
    }

    /// Adds the file at `path` as entry `name`, stored (or deflated when `compress` is true, which
    /// reads it whole). `crc32` is the file's CRC-32 when the caller already has it; otherwise it
    /// is computed as the file is copied.
    public func add(name: String, file path: String, compress: Bool, crc32 known: UInt32? = nil) throws(PackagingError) {
        if compress {
            guard let data = FileManager.default.contents(atPath: path) else { throw PackagingError("cannot add \(name): cannot read \(path)") }
            try add(name: name, bytes: [UInt8](data), compress: true)
            return
        }
        try claim(name)
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw PackagingError("cannot add \(name) from \(path): \(String(cString: strerror(errno)))") }
        defer { Foundation.close(source) }
        var status = stat()
        guard fstat(source, &status) == 0 else { throw PackagingError("cannot add \(name) from \(path): \(String(cString: strerror(errno)))") }
        let size = Int(status.st_size)
        let offset = written
        let header = localHeader(name: name, deflated: false, crc: known ?? 0, compressedSize: size, size: size)
        try writeAll(header, name: name)
        let crc: UInt32
        if let known {
            try copyInKernel(from: source, count: size, name: name, path: path)
            crc = known
        } else {
            crc = try copyComputingCRC(from: source, count: size, name: name, path: path)
            // The header went out before the CRC was known: its field is at offset 14.
            let field = withUnsafeBytes(of: crc.littleEndian) { Array($0) }
            guard pwrite(descriptor, field, 4, off_t(offset + 14)) == 4 else {
                throw PackagingError("cannot write \(finalPath): \(String(cString: strerror(errno)))")
            }
        }
        entries.append(Entry(name: Array(name.utf8), deflated: false, crc: crc, compressedSize: size, size: size, offset: offset))
    }

    /// Writes the central directory and moves the archive into place.
    public func close() throws(PackagingError) {
        guard descriptor >= 0 else { throw PackagingError("\(finalPath) is already closed") }
        do {
            let start = written
            var directory: [UInt8] = []
            for entry in entries { appendCentralRecord(entry, to: &directory) }
            try writeAll(directory, name: "the central directory")
            try writeAll(endRecords(directoryStart: start, directorySize: directory.count), name: "the central directory")
        } catch {
            discard()
            throw error
        }
        let closed = Foundation.close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw PackagingError("cannot write \(finalPath): \(reason)")
        }
        if rename(temporaryPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw PackagingError("cannot move the archive to \(finalPath): \(reason)")
        }
    }

    private func discard() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    private func claim(_ name: String) throws(PackagingError) {
        guard descriptor >= 0 else { throw PackagingError("\(finalPath) is already closed") }
        guard names.insert(name).inserted else { throw PackagingError("entry \(name) is added twice") }
        guard name.utf8.count <= Int(UInt16.max) else { throw PackagingError("cannot add \(name.prefix(80))…: the name is longer than 65,535 bytes") }
    }

    // MARK: Records (PKWARE's APPNOTE 6.3, sections 4.3.7, 4.3.12, 4.3.14 to 4.3.16, 4.5.3)

    private func localHeader(name: String, deflated: Bool, crc: UInt32, compressedSize: Int, size: Int) -> [UInt8] {
        let large = max(size, compressedSize) >= limits.value
        var bytes: [UInt8] = []
        bytes.append(uint32: 0x0403_4b50)
        bytes.append(uint16: large ? 45 : 20)      // version needed to extract: 4.5 for ZIP64, else 2.0
        bytes.append(uint16: 0x0800)               // the name is UTF-8
        bytes.append(uint16: deflated ? 8 : 0)
        bytes.append(uint16: Self.dosTime)
        bytes.append(uint16: Self.dosDate)
        bytes.append(uint32: crc)
        bytes.append(uint32: large ? UInt32.max : UInt32(compressedSize))
        bytes.append(uint32: large ? UInt32.max : UInt32(size))
        bytes.append(uint16: UInt16(name.utf8.count))
        bytes.append(uint16: large ? 20 : 0)
        bytes.append(contentsOf: Array(name.utf8))
        if large {
            bytes.append(uint16: 0x0001)
            bytes.append(uint16: 16)
            bytes.append(uint64: UInt64(size))
            bytes.append(uint64: UInt64(compressedSize))
        }
        return bytes
    }

    private func appendCentralRecord(_ entry: Entry, to bytes: inout [UInt8]) {
        let large = max(entry.size, entry.compressedSize) >= limits.value
        let far = entry.offset >= limits.value
        var extra: [UInt8] = []
        if large {
            extra.append(uint64: UInt64(entry.size))
            extra.append(uint64: UInt64(entry.compressedSize))
        }
        if far { extra.append(uint64: UInt64(entry.offset)) }
        bytes.append(uint32: 0x0201_4b50)
        bytes.append(uint16: 0x031E)               // made by: Unix, 3.0
        bytes.append(uint16: large || far ? 45 : 20)
        bytes.append(uint16: 0x0800)
        bytes.append(uint16: entry.deflated ? 8 : 0)
        bytes.append(uint16: Self.dosTime)
        bytes.append(uint16: Self.dosDate)
        bytes.append(uint32: entry.crc)
        bytes.append(uint32: large ? UInt32.max : UInt32(entry.compressedSize))
        bytes.append(uint32: large ? UInt32.max : UInt32(entry.size))
        bytes.append(uint16: UInt16(entry.name.count))
        bytes.append(uint16: extra.isEmpty ? 0 : UInt16(4 + extra.count))
        bytes.append(uint16: 0)                    // comment
        bytes.append(uint16: 0)                    // disk
        bytes.append(uint16: 0)                    // internal attributes
        bytes.append(uint32: 0o100644 << 16)       // a regular file, rw-r--r--
        bytes.append(uint32: far ? UInt32.max : UInt32(entry.offset))
        bytes.append(contentsOf: entry.name)
        if !extra.isEmpty {
            bytes.append(uint16: 0x0001)
            bytes.append(uint16: UInt16(extra.count))
            bytes.append(contentsOf: extra)
        }
    }

    /// The ZIP64 end record and its locator when anything needs them, then the classic end record.
    private func endRecords(directoryStart: Int, directorySize: Int) -> [UInt8] {
        let count = entries.count
        let manyEntries = count >= limits.count
        let farDirectory = directoryStart >= limits.value, largeDirectory = directorySize >= limits.value
        var bytes: [UInt8] = []
        if manyEntries || farDirectory || largeDirectory {
            let recordOffset = directoryStart + directorySize
            bytes.append(uint32: 0x0606_4b50)
            bytes.append(uint64: 44)               // the size of the rest of this record
            bytes.append(uint16: 0x031E)
            bytes.append(uint16: 45)
            bytes.append(uint32: 0)                // this disk
            bytes.append(uint32: 0)                // the directory's disk
            bytes.append(uint64: UInt64(count))
            bytes.append(uint64: UInt64(count))
            bytes.append(uint64: UInt64(directorySize))
            bytes.append(uint64: UInt64(directoryStart))
            bytes.append(uint32: 0x0706_4b50)
            bytes.append(uint32: 0)
            bytes.append(uint64: UInt64(recordOffset))
            bytes.append(uint32: 1)                // disks in all
        }
        bytes.append(uint32: 0x0605_4b50)
        bytes.append(uint16: 0)
        bytes.append(uint16: 0)
        bytes.append(uint16: manyEntries ? UInt16.max : UInt16(count))
        bytes.append(uint16: manyEntries ? UInt16.max : UInt16(count))
        bytes.append(uint32: largeDirectory ? UInt32.max : UInt32(directorySize))
        bytes.append(uint32: farDirectory ? UInt32.max : UInt32(directoryStart))
        bytes.append(uint16: 0)                    // comment
        return bytes
    }

    // MARK: Output

    private func writeAll(_ bytes: [UInt8], name: String) throws(PackagingError) {
        try wrote(bytes.count, failure: bytes.withUnsafeBytes { DescriptorOutput.writeAll(descriptor, $0) }, name: name)
    }

    /// Counts `count` bytes written, or throws for the write's `failure` (an errno).
    private func wrote(_ count: Int, failure: Int32, name: String) throws(PackagingError) {
        guard failure == 0 else { throw PackagingError("cannot write \(name) to \(finalPath): \(String(cString: strerror(failure)))") }
        written += count
    }

    /// Copies `count` bytes of `source` into the archive without passing them through this
    /// process (`sendfile`, or read and write where the kernel cannot).
    private func copyInKernel(from source: Int32, count: Int, name: String, path: String) throws(PackagingError) {
        var done = 0
        while done < count {
            let copied = sendfile(descriptor, source, nil, count - done)
            if copied < 0 {
                if errno == EINTR { continue }
                if errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP {
                    _ = try copyComputingCRC(from: source, count: count - done, name: name, path: path)
                    return
                }
                throw PackagingError("cannot add \(name) from \(path): \(String(cString: strerror(errno)))")
            }
            guard copied > 0 else { throw PackagingError("cannot add \(name): \(path) became shorter while it was copied") }
            done += copied
            written += copied
        }
    }

    /// Copies `count` bytes of `source` into the archive through a buffer, returning their CRC-32.
    private func copyComputingCRC(from source: Int32, count: Int, name: String, path: String) throws(PackagingError) -> UInt32 {
        var buffer = [UInt8](repeating: 0, count: min(max(count, 1), 1 << 20))
        var crc: UInt32 = 0
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { Foundation.read(source, $0.baseAddress!, min($0.count, count - done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw PackagingError("cannot add \(name) from \(path): \(String(cString: strerror(errno)))")
            }
            guard got > 0 else { throw PackagingError("cannot add \(name): \(path) became shorter while it was copied") }
            let failure = buffer.withUnsafeBytes { all in
                let chunk = UnsafeRawBufferPointer(rebasing: all[0..<got])
                crc = Self.crc32(chunk, continuing: crc)
                return DescriptorOutput.writeAll(descriptor, chunk)
            }
            try wrote(got, failure: failure, name: name)
            done += got
        }
        return crc
    }

    /// Raw deflate (no zlib header or trailer) at the highest level.
    private static func deflate(_ bytes: [UInt8], name: String) throws(PackagingError) -> [UInt8] {
        // compress2 writes a zlib stream: a 2-byte header, the raw deflate data, a 4-byte Adler-32.
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let input = bytes.isEmpty ? [UInt8(0)] : bytes // zlib wants a pointer even for no bytes
        let status = out.withUnsafeMutableBufferPointer { target in
            input.withUnsafeBufferPointer { source in
                compress2(target.baseAddress!, &length, source.baseAddress!, uLong(bytes.count), 9)
            }
        }
        guard status == Z_OK, length >= 6 else { throw PackagingError("cannot deflate \(name) (zlib status \(status))") }
        return Array(out[2..<Int(length) - 4])
    }
}
