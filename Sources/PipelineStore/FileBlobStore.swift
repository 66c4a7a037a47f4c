import Foundation

/// Blobs as files under a folder (`DATA/blobs`): each written to a temporary name, flushed to
/// disk, then renamed into place, and its folder flushed too, so a crash leaves either the
/// whole file or nothing under the key.
public struct FileBlobStore: BlobStore {
    public let root: String
    var temporaryFolder: String { "\(root)/.tmp" }

    public init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: "\(root)/.tmp", withIntermediateDirectories: true)
    }

    public func put(_ key: String, movingFile file: String) throws {
        let target = try location(key)
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.flush(file)
        guard rename(file, target) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target, NSLocalizedDescriptionKey: "cannot move \(file) to \(target): \(String(cString: strerror(errno)))"])
        }
        try Self.flush(folder)
    }

    public func path(_ key: String) -> String? {
        guard let path = try? location(key), FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    public func delete(_ key: String) throws {
        let path = try location(key)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }

    public func temporaryFile() -> String { "\(temporaryFolder)/\(UUID().uuidString)" }

    public func removeStaleTemporaryFiles(olderThan age: TimeInterval) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder)) ?? []
        var removed = 0
        for name in names {
            let path = "\(temporaryFolder)/\(name)"
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            if let modified, Date().timeIntervalSince(modified) > age, (try? FileManager.default.removeItem(atPath: path)) != nil {
                removed += 1
            }
        }
        return removed
    }

    /// The file of `key`; keys are relative paths of safe segments.
    private func location(_ key: String) throws -> String {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") }) else {
            throw CocoaError(.fileReadInvalidFileName, userInfo: [NSLocalizedDescriptionKey: "blob key \(key) is not a relative path of plain names"])
        }
        return "\(root)/\(key)"
    }

    /// fsync of a file or folder.
    static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
