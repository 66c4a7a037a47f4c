import Foundation
import PipelineCore

/// Finds the source images named on a command line: files as given, folders searched
/// recursively for image files (hidden files and folders are skipped). In folders, a file is
/// taken when its extension is an image's, or when it has no extension and its first bytes are
/// a format that is read (upload stores often name files by their hash).
public enum SourceDiscovery {
    /// File extensions looked for inside folders (a file named directly is always taken).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "jpe", "png", "webp", "gif", "tif", "tiff", "avif", "heic", "heif"]
    /// Extensions of the formats read only when enabled (`readable`).
    static let enabledExtensions: [String: SourceFormat] = ["pdf": .pdf, "svg": .svg]

    /// A path that does not exist or cannot be read.
    public struct MissingInput: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "input \(path) does not exist; give image files or folders that contain them" }
    }

    /// The sources under `inputs`, each folder's files sorted by name, in the order given.
    public static func find(_ inputs: [String], readable: Set<SourceFormat> = SourcePolicy().allowedFormats) throws(MissingInput) -> [SourceFile] {
        try search(inputs, readable: readable).sources
    }

    /// As `find`, also listing the files in folders that were passed over. A file without an
    /// extension is taken when its first bytes are one of the `readable` formats.
    public static func search(_ inputs: [String], readable: Set<SourceFormat> = SourcePolicy().allowedFormats) throws(MissingInput) -> SourceSearch {
        let fileManager = FileManager.default
        var sources: [SourceFile] = []
        var skipped: [SourceSearch.Skipped] = []
        var seen = Set<String>()
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else { throw MissingInput(path: input) }
            let root = URL(fileURLWithPath: input).standardizedFileURL
            if !isDirectory.boolValue {
                if seen.insert(root.path).inserted {
                    sources.append(SourceFile(path: root.path, name: root.lastPathComponent))
                }
                continue
            }
            var found: [SourceFile] = []
            let enumerator = fileManager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                    options: [.skipsHiddenFiles])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let path = url.standardizedFileURL.path
                let relative = path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : url.lastPathComponent
                if let reason = reasonToSkip(url, readable: readable) {
                    skipped.append(SourceSearch.Skipped(name: relative, reason: reason))
                } else {
                    found.append(SourceFile(path: path, name: relative))
                }
            }
            for source in found.sorted(by: { $0.name < $1.name }) where seen.insert(source.path).inserted {
                sources.append(source)
            }
        }
        return SourceSearch(sources: sources, skipped: skipped.sorted { $0.name < $1.name })
    }

    /// Why a file found in a folder is not a source, or nil when it is one.
    private static func reasonToSkip(_ url: URL, readable: Set<SourceFormat>) -> String? {
        let fileExtension = url.pathExtension.lowercased()
        if imageExtensions.contains(fileExtension) { return nil }
        if let format = Self.enabledExtensions[fileExtension], readable.contains(format) { return nil }
        guard fileExtension.isEmpty else { return "its extension .\(fileExtension) is not an image's" }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "it has no extension and cannot be read" }
        defer { try? handle.close() }
        let prefix = [UInt8]((try? handle.read(upToCount: FormatSniffer.prefixLength)) ?? Data())
        switch FormatSniffer.sniff(prefix) {
        case .empty: return "it has no extension and is empty"
        case .other(let what): return "it has no extension and is \(what)"
        case .image(let format):
            return readable.contains(format) ? nil : "it has no extension and is \(format.displayName), which is not enabled"
        }
    }
}
