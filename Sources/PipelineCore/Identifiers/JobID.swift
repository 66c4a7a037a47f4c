import Foundation

/// The identifier of one job: `[A-Za-z0-9][A-Za-z0-9_-]{0,63}`.
public struct JobID: StringIdentifier {
    /// The identifier's text.
    public let rawValue: String

    /// Accepts `rawValue` only if it has the documented form.
    public init?(_ rawValue: String) {
        let scalars = Array(rawValue.unicodeScalars)
        guard (1...64).contains(scalars.count) else { return nil }
        for (index, scalar) in scalars.enumerated() {
            let alnum = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if !(alnum || (index > 0 && (scalar == "-" || scalar == "_"))) { return nil }
        }
        self.rawValue = rawValue
    }

    /// A new, unique identifier (`job-` and 32 hex digits from a random UUID).
    public static func random() -> JobID {
        let hex = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // A UUID's hex digits always match the pattern, so this cannot fail.
        return JobID("job-" + hex)!
    }
}
