import PipelineCore

/// The names a route's JSON keys or form fields may take (SPEC §11). An unknown name is a 400
/// that names it, with the closest known name as a hint: never silently ignored. `aliases` are
/// the seeds' names for the same thing (CoreNexis' `duration` is our `storageDuration`), read
/// as the name they stand for.
struct FieldNames: Sendable {
    var names: [String]
    var aliases: [String: String] = [:]
    /// "key" for JSON, "form field" for multipart.
    var kind: String = "key"

    static let seedAliases = ["duration": "storageDuration"]

    /// The canonical name of every given name, or a 400 for the first unknown one (sorted, so
    /// the answer is the same every time). A name and its alias together are a 400 as well.
    func canonical(_ given: some Sequence<String>) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in given.sorted() {
            if names.contains(name) {
                result[name] = name
            } else if let target = aliases[name] {
                result[name] = target
            } else {
                throw APIError.badRequest(unknown(name))
            }
        }
        for (alias, target) in aliases where result[alias] != nil && result[target] != nil {
            throw APIError.badRequest("\(alias) and \(target) are the same \(kind); send one of them")
        }
        return result
    }

    /// Form fields with aliases renamed, or a 400 for an unknown one.
    func rename(_ fields: [String: String]) throws -> [String: String] {
        let names = try canonical(fields.keys)
        return Dictionary(fields.map { (names[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func unknown(_ name: String) -> String {
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        let candidates = names + aliases.keys
        let close = candidates.map { ($0, EditDistance.between($0.lowercased(), name.lowercased())) }
            .filter { $0.1 <= max(2, $0.0.count / 3) || (name.count >= 4 && $0.0.lowercased().hasPrefix(name.lowercased())) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.first?.0
        let hint = close.map { " did you mean \(aliases[$0] ?? $0)?" } ?? ""
        return "unknown \(kind) \"\(shown)\";\(hint) this route takes \(names.sorted().joined(separator: ", "))"
    }
}
