/// The identifier of a saved configuration: `[a-z0-9][a-z0-9-]{0,63}`.
public struct ConfigID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String

    /// Accepts `rawValue` only if it has the documented form.
    public init?(_ rawValue: String) {
        guard ConfigID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Makes an identifier out of any text (a file name, say): lower-cased, other characters
    /// turned into `-`, cut to 64 characters; `configuration` when nothing usable is left.
    public static func derived(from text: String) -> ConfigID {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            let isAllowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAllowed {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let cut = String(slug.prefix(64))
        return ConfigID(cut) ?? ConfigID(unchecked: "configuration")
    }

    static func isValid(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...64).contains(scalars.count) else { return false }
        for (index, scalar) in scalars.enumerated() {
            let alnum = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if !(alnum || (index > 0 && scalar == "-")) { return false }
        }
        return true
    }

    private init(unchecked: String) { rawValue = unchecked }
}
