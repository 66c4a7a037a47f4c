import Foundation

/// Finds the source images named on a command line: files as given, folders searched
/// recursively for image files (hidden files and folders are skipped).
public enum SourceDiscovery {
    /// File extensions looked for inside folders (a file named directly is always taken).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "jpe", "png", "webp", "gif", "tif", "tiff", "avif", "heic", "heif"]

    /// A path that does not exist or cannot be read.
    public struct MissingInput: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "input \(path) does not exist; give image files or folders that contain them" }
    }

    /// The sources under `inputs`, each folder's files sorted by name, in the order given.
    public static func find(_ inputs: [String]) throws(MissingInput) -> [SourceFile] {
        let fileManager = FileManager.default
        var sources: [SourceFile] = []
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
                guard imageExtensions.contains(url.pathExtension.lowercased()),
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                let path = url.standardizedFileURL.path
                let relative = path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : url.lastPathComponent
                found.append(SourceFile(path: path, name: relative))
            }
            for source in found.sorted(by: { $0.name < $1.name }) where seen.insert(source.path).inserted {
                sources.append(source)
            }
        }
        return sources
    }
}
