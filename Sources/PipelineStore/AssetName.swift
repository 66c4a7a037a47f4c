/// The rules for an asset's file name and a folder's name: 1 to 255 bytes of letters, digits,
/// spaces, `-`, `_`, `.`, `(`, `)`, not starting with `.` or a space, not ending with a space.
public enum AssetName {
    public static let maximumBytes = 255

    /// Why `name` cannot be a name, in words (nil when it can).
    public static func problem(with name: String, what: String = "a file name") -> String? {
        if name.isEmpty { return "\(what) is empty (no '//' in a path)" }
        if name.utf8.count > maximumBytes { return "\(what) has at most \(maximumBytes) bytes; \"\(name.prefix(40))…\" has \(name.utf8.count)" }
        if name == "." || name == ".." || name.hasPrefix(".") { return "\(what) cannot start with '.' (\"\(name)\")" }
        if name.hasPrefix(" ") || name.hasSuffix(" ") { return "\(what) cannot start or end with a space (\"\(name)\")" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " -_.()".unicodeScalars.contains(scalar)
        }
        if !allowed { return "\(what) holds letters, digits, spaces, '-', '_', '.', '(' and ')' only (\"\(name.prefix(60))\")" }
        return nil
    }

    /// `name` with every character a name may not hold replaced by `_` (and a leading `.` or
    /// space dropped): for names the library did not choose, such as an output file's.
    public static func sanitized(_ name: String) -> String {
        var result = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " -_.()".unicodeScalars.contains(scalar) ? scalar : "_"
        }))
        while result.hasPrefix(".") || result.hasPrefix(" ") { result.removeFirst() }
        while result.hasSuffix(" ") { result.removeLast() }
        if result.utf8.count > maximumBytes { result = String(result.utf8.suffix(maximumBytes)) ?? "file" }
        return result.isEmpty ? "file" : result
    }

    /// `name (2).jpg` for `name.jpg` and 2: the next free name when `onConflict` is `rename`.
    public static func numbered(_ name: String, _ number: Int) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(name) (\(number))" }
        return "\(name[..<dot]) (\(number))\(name[dot...])"
    }
}
