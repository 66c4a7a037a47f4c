/// Makes source file names safe and unique for use in output paths (SPEC §4).
public enum SourceNaming {
    /// The stem of each name (file name without folders or extension), made safe: no `..`,
    /// no separators, no control or shell-special characters, no leading dot; and unique
    /// (ignoring case, so archives unpack alike on every file system) by suffixes `-2`, `-3`, …
    /// in the given order.
    public static func uniqueStems(for names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            let base = safeStem(name)
            var candidate = base
            var counter = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// The safe stem of one name.
    public static func safeStem(_ name: String) -> String {
        let lastComponent = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var stem = lastComponent
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex {
            stem = String(stem[..<dot])
        }
        var result = ""
        for scalar in stem.unicodeScalars {
            let isUnsafe = scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value)
                || "/\\:*?\"<>|".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace
            let character = isUnsafe ? "_" : String(scalar)
            if character == "_", result.hasSuffix("_") { continue }
            result += character
        }
        while result.hasPrefix(".") { result.removeFirst() }
        if result.unicodeScalars.count > 100 {
            result = String(String.UnicodeScalarView(result.unicodeScalars.prefix(100)))
        }
        return result.isEmpty || result == "_" ? "image" : result
    }
}
