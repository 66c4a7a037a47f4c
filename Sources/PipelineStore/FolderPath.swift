/// A folder of the media library: `/`, or `/` and names joined by `/` (`/shop/shoes`), 1 to 255
/// bytes, no empty or dot-led name, no trailing slash. A name holds letters, digits, spaces and
/// `-`, `_`, `.` (the rules of an output label, plus spaces).
public struct FolderPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public static let root = FolderPath(unchecked: "/")
    public static let maximumBytes = 255

    /// Nil, with the reason in `problem(with:)`, for anything else.
    public init?(_ text: String) {
        guard Self.problem(with: text) == nil else { return nil }
        rawValue = text
    }

    private init(unchecked: String) { rawValue = unchecked }

    /// Why `text` is not a folder path, in words (nil when it is one).
    public static func problem(with text: String) -> String? {
        if text == "/" { return nil }
        guard text.hasPrefix("/") else { return "a folder path starts with '/', such as /shop/shoes" }
        guard text.utf8.count <= maximumBytes else { return "a folder path has at most \(maximumBytes) bytes; this one has \(text.utf8.count)" }
        guard !text.hasSuffix("/") else { return "a folder path does not end with '/'" }
        for name in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if let problem = AssetName.problem(with: String(name), what: "a folder name") { return problem }
        }
        return nil
    }

    /// The folder's names, outermost first (none for the root).
    public var names: [String] { rawValue == "/" ? [] : rawValue.dropFirst().split(separator: "/").map(String.init) }

    /// The folder holding this one (nil for the root).
    public var parent: FolderPath? {
        guard rawValue != "/" else { return nil }
        let names = self.names.dropLast()
        return names.isEmpty ? .root : FolderPath(unchecked: "/" + names.joined(separator: "/"))
    }

    /// This folder and every folder above it, the root first.
    public var lineage: [FolderPath] {
        var chain: [FolderPath] = [self]
        while let parent = chain[0].parent { chain.insert(parent, at: 0) }
        return chain
    }

    public func appending(_ name: String) -> FolderPath? {
        FolderPath(rawValue == "/" ? "/" + name : rawValue + "/" + name)
    }

    /// Whether `other` is this folder or inside it.
    public func contains(_ other: FolderPath) -> Bool {
        rawValue == "/" || other == self || other.rawValue.hasPrefix(rawValue + "/")
    }

    /// The bounds of the folder paths strictly below this one, for a range scan on an index
    /// in byte order: every `p` with `lower <= p < upper` (`/a/` to `/a0`: '0' follows '/').
    public var descendants: (lower: String, upper: String) {
        rawValue == "/" ? ("/", "0") : (rawValue + "/", rawValue + "0")
    }

    public static func < (lhs: FolderPath, rhs: FolderPath) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
