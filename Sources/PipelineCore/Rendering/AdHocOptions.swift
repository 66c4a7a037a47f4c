/// The ad-hoc options of an on-the-fly rendering URL (SPEC §10: `/r/{signature}/_/{options}/…`),
/// such as `w:400,h:300,fit:cover,g:attention,f:webp,q:78`, turned into the one-feature
/// configuration document they stand for. The document then goes through the same validator,
/// planner and engine as any configuration, so nothing is accepted that a configuration could
/// not say, with the same messages.
///
/// Grammar: `option:value` pairs joined by `,`, each option at most once.
///
/// | option | configuration key | values |
/// |---|---|---|
/// | `w`, `h` | resize `width`, `height` | pixels |
/// | `pct` | resize `percent` | 1 to 1000 |
/// | `t` | resize `template` | a template's name |
/// | `fit` | resize `fit` | `inside`, `cover`, `contain`, `fill`, `outside` |
/// | `sc` | resize `scaling` | `downOnly`, `upOnly`, `both` |
/// | `g` | resize `gravity` | a compass point, `attention`, `entropy` |
/// | `f` | `output.format` | a format, or `auto` (the server picks from `Accept`) |
/// | `q` | `output.quality` | 1 to 100 |
///
/// A size (`w`, `h`, `pct` or `t`) makes a resize; without one, `f` makes a convert.
public struct AdHocOptions: Sendable, Hashable {
    /// The configuration the options stand for.
    public let document: JSONValue
    /// `f:auto`: the format is chosen per request (the document then writes JPEG).
    public let automaticFormat: Bool

    /// Why options were refused, in words naming the option.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let resizeKeys: [String: String] = ["w": "width", "h": "height", "pct": "percent", "t": "template", "fit": "fit", "sc": "scaling", "g": "gravity"]
    static let numeric: Set<String> = ["w", "h", "pct", "q"]
    public static let optionNames = ["w", "h", "pct", "t", "fit", "sc", "g", "f", "q"]

    public init(_ text: String) throws(Problem) {
        var values: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Problem(message: "\"\(pair.prefix(40))\" is not option:value; write options such as w:400,h:300,fit:cover,f:webp")
            }
            let name = String(parts[0]), value = String(parts[1])
            guard Self.optionNames.contains(name) else {
                let close = Self.optionNames.filter { EditDistance.between($0, name.lowercased()) <= 1 }.first
                throw Problem(message: "unknown option \(name.prefix(20))\(close.map { "; did you mean \($0)?" } ?? ""); options are \(Self.optionNames.joined(separator: ", "))")
            }
            guard values[name] == nil else { throw Problem(message: "option \(name) is given twice; give it once") }
            values[name] = value
        }
        // Numbers go in as numbers when they are, else as the text: the validator says why.
        func json(_ name: String, _ value: String) -> JSONValue {
            if Self.numeric.contains(name), let number = Double(value) { return .number(number) }
            return .string(value)
        }
        var resize: [String: JSONValue] = [:]
        for (name, key) in Self.resizeKeys { if let value = values[name] { resize[key] = json(name, value) } }
        let hasSize = ["w", "h", "pct", "t"].contains { values[$0] != nil }
        if !resize.isEmpty, !hasSize {
            throw Problem(message: "fit, sc and g shape a resize: give a size too (w, h, pct or t)")
        }
        automaticFormat = values["f"] == "auto"
        var output: [String: JSONValue] = [:]
        if let format = values["f"] { output["format"] = automaticFormat ? .string("jpeg") : .string(format) }
        if let quality = values["q"] { output["quality"] = json("q", quality) }
        let feature: JSONValue
        if hasSize {
            feature = .object(["type": .string("resize"), "outputs": .array([.object(resize)])])
        } else if let format = output["format"] {
            feature = .object(["type": .string("convert"), "outputs": .array([.object(["format": format])])])
        } else {
            throw Problem(message: "give a size (w, h, pct or t) or a format (f); q alone changes nothing")
        }
        var document: [String: JSONValue] = ["features": .array([feature])]
        if !output.isEmpty { document["output"] = .object(output) }
        self.document = .object(document)
    }
}
