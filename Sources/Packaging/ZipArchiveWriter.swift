import CZip
import Foundation

/// Writes a ZIP archive with libzip, reproducibly: entries keep the order they are added in,
/// every entry has the same fixed timestamp, images are stored and JSON is deflated.
///
/// Not thread-safe (neither is `zip_t`): one writer belongs to one task.
public final class ZipArchiveWriter {
    /// 1 January 2000 00:00 UTC: the timestamp of every entry, so archives depend only on content.
    public static let fixedModificationTime: time_t = 946_684_800
    /// A regular file, rw-r--r--, as Unix external attributes (the mode in the high 16 bits).
    static let regularFileAttributes: zip_uint32_t = zip_uint32_t(0o100644) << 16

    private let finalPath: String
    private let temporaryPath: String
    private var archive: OpaquePointer?
    private var names: Set<String> = []

    /// Starts an archive that will appear at `path` (atomically) when `close()` succeeds.
    public init(path: String) throws(PackagingError) {
        finalPath = path
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        temporaryPath = folder + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).partial"
        // libzip would only fail at close, after all the work: say so now.
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw PackagingError("cannot create \(path): the folder \(folder) does not exist or is not writable")
        }
        var error: Int32 = 0
        guard let archive = zip_open(temporaryPath, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            var zipError = zip_error_t()
            zip_error_init_with_code(&zipError, error)
            defer { zip_error_fini(&zipError) }
            throw PackagingError("cannot create \(path): \(String(cString: zip_error_strerror(&zipError)))")
        }
        self.archive = archive
    }

    deinit {
        if let archive {
            zip_discard(archive)
            unlink(temporaryPath)
        }
    }

    /// Adds `bytes` as entry `name`, deflated when `compress` is true.
    public func add(name: String, bytes: [UInt8], compress: Bool) throws(PackagingError) {
        let archive = try open(name)
        // libzip reads sources only at zip_close, so it gets its own copy, freed by libzip.
        guard let copy = malloc(max(1, bytes.count)) else { throw PackagingError("out of memory adding \(name)") }
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { memcpy(copy, base, raw.count) }
        }
        guard let source = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
            free(copy)
            throw PackagingError("cannot add \(name): \(lastError())")
        }
        try addSource(source, name: name, compress: compress)
    }

    /// Adds the file at `path` as entry `name`; it is read when the archive is closed.
    public func add(name: String, file path: String, compress: Bool) throws(PackagingError) {
        let archive = try open(name)
        guard let source = zip_source_file(archive, path, 0, -1) else {
            throw PackagingError("cannot add \(name) from \(path): \(lastError())")
        }
        try addSource(source, name: name, compress: compress)
    }

    /// Writes the archive and moves it into place.
    public func close() throws(PackagingError) {
        guard let archive else { throw PackagingError("\(finalPath) is already closed") }
        if zip_close(archive) != 0 {
            let message = lastError()
            zip_discard(archive)
            self.archive = nil
            unlink(temporaryPath)
            throw PackagingError("cannot write \(finalPath): \(message)")
        }
        self.archive = nil
        if rename(temporaryPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw PackagingError("cannot move the archive to \(finalPath): \(reason)")
        }
    }

    private func open(_ name: String) throws(PackagingError) -> OpaquePointer {
        guard let archive else { throw PackagingError("\(finalPath) is already closed") }
        guard names.insert(name).inserted else { throw PackagingError("entry \(name) is added twice") }
        return archive
    }

    private func addSource(_ source: OpaquePointer, name: String, compress: Bool) throws(PackagingError) {
        guard let archive else { throw PackagingError("\(finalPath) is already closed") }
        let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
        guard index >= 0 else {
            zip_source_free(source)
            throw PackagingError("cannot add \(name): \(lastError())")
        }
        let entry = zip_uint64_t(index)
        let method: Int32 = compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE
        // Every header field a function of the entry alone: a fixed time, and Unix attributes of a
        // plain 0644 file rather than whatever a file source's mode was when it was written
        // (libzip takes those from stat for files, and gives buffers none).
        guard zip_set_file_compression(archive, entry, method, compress ? 9 : 0) == 0,
              zip_file_set_mtime(archive, entry, Self.fixedModificationTime, 0) == 0,
              zip_file_set_external_attributes(archive, entry, 0, zip_uint8_t(ZIP_OPSYS_UNIX), Self.regularFileAttributes) == 0
        else {
            throw PackagingError("cannot set up \(name): \(lastError())")
        }
    }

    private func lastError() -> String {
        guard let archive else { return "archive closed" }
        return String(cString: zip_strerror(archive))
    }
}
