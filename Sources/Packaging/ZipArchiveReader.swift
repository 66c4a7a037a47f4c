import CZip
import Foundation

/// Reads entries of a ZIP archive with libzip (checking each entry's CRC as it is read).
public final class ZipArchiveReader {
    private let archive: OpaquePointer
    private let path: String

    public init(path: String) throws(PackagingError) {
        var error: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            throw PackagingError("cannot open \(path) as a ZIP archive (libzip error \(error))")
        }
        self.archive = archive
        self.path = path
    }

    deinit { zip_discard(archive) }

    /// Entry names in archive order.
    public var entryNames: [String] {
        let count = zip_get_num_entries(archive, 0)
        return (0..<max(0, count)).compactMap { index in
            zip_get_name(archive, zip_uint64_t(index), ZIP_FL_ENC_GUESS).map { String(cString: $0) }
        }
    }

    /// Whether entry `name` is stored (not compressed).
    public func isStored(_ name: String) throws(PackagingError) -> Bool {
        var stat = zip_stat_t()
        guard zip_stat(archive, name, 0, &stat) == 0 else { throw PackagingError("\(path) has no entry \(name)") }
        return stat.comp_method == UInt16(ZIP_CM_STORE)
    }

    /// The bytes of entry `name`.
    public func read(_ name: String) throws(PackagingError) -> [UInt8] {
        var stat = zip_stat_t()
        guard zip_stat(archive, name, 0, &stat) == 0, let file = zip_fopen(archive, name, 0) else {
            throw PackagingError("\(path) has no readable entry \(name)")
        }
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var offset = 0
        while offset < bytes.count {
            let read = bytes.withUnsafeMutableBytes { raw in
                zip_fread(file, raw.baseAddress! + offset, zip_uint64_t(raw.count - offset))
            }
            guard read > 0 else { throw PackagingError("\(path): entry \(name) is damaged") }
            offset += Int(read)
        }
        return bytes
    }
}
