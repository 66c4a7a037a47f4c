/// The plain fields of `POST /v1/process` (SPEC §11), ImageRecycle's and CoreNexis' way of
/// asking for one image, as the configuration document they stand for. The document then goes
/// through the same validator, planner and engine as any configuration; a problem the
/// validator finds is told under the field's own name (`width: expected a whole number …`).
///
/// | field | document |
/// |---|---|
/// | `width`, `height`, `fit`, `gravity` | one resize output |
/// | `format` | `output.format` (a convert when nothing else makes an output) |
/// | `quality` | `output.quality` |
/// | `compression_type` | `lossless`: a compress output `{"lossless": true}`; `lossy`: the format's default quality (a compress output at it when nothing else makes an output) |
public struct ProcessShortcuts: Sendable, Hashable {
    public static let names = ["width", "height", "fit", "gravity", "format", "quality", "compression_type"]
    static let resizeNames = ["width", "height", "fit", "gravity"]
    static let numeric: Set<String> = ["width", "height", "quality"]

    /// The fields given, by name (each a shortcut name).
    public let fields: [String: String]

    /// Why the fields make no document, in words naming the field.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public init(_ fields: [String: String]) {
        self.fields = fields.filter { Self.names.contains($0.key) }
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// The document. `sourceFormat` is the source's own format, for `lossy`'s default quality
    /// when no `format` is given.
    public func document(sourceFormat: ImageFormat) throws(Problem) -> JSONValue {
        func json(_ name: String) -> JSONValue? {
            guard let value = fields[name]?.trimmingCharacters(in: .whitespaces) else { return nil }
            if Self.numeric.contains(name), let number = Double(value) { return .number(number) }
            return .string(value)
        }
        var resize: [String: JSONValue] = [:]
        for name in Self.resizeNames { if let value = json(name) { resize[name] = value } }
        if !resize.isEmpty, resize["width"] == nil, resize["height"] == nil {
            throw Problem(message: "fit and gravity shape a resize: give width and/or height too")
        }
        var output: [String: JSONValue] = [:]
        if let format = json("format") { output["format"] = format }
        if let quality = json("quality") { output["quality"] = quality }
        var features: [JSONValue] = []
        if !resize.isEmpty { features.append(.object(["type": .string("resize"), "outputs": .array([.object(resize)])])) }
        switch fields["compression_type"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil: break
        case "lossless"?:
            if fields["quality"] != nil { throw Problem(message: "compression_type lossless keeps every pixel; leave quality out, or use compression_type lossy") }
            features.append(.object(["type": .string("compress"), "outputs": .array([.object(["lossless": .bool(true)])])]))
        case "lossy"?:
            if features.isEmpty, output["format"] == nil {
                // Nothing else makes an output: re-encode at the format's default quality.
                let quality = output.removeValue(forKey: "quality") ?? .number(Double(OutputSettings().quality(for: sourceFormat)))
                features.append(.object(["type": .string("compress"), "outputs": .array([.object(["quality": quality])])]))
            }
        case let other?:
            throw Problem(message: "compression_type \"\(other.prefix(40))\" is not lossy or lossless")
        }
        if features.isEmpty {
            if let format = output["format"] {
                features.append(.object(["type": .string("convert"), "outputs": .array([.object(["format": format])])]))
                output["format"] = nil
            } else if let quality = output.removeValue(forKey: "quality") {
                features.append(.object(["type": .string("compress"), "outputs": .array([.object(["quality": quality])])]))
            } else {
                throw Problem(message: "give configId, configuration, or at least one of \(Self.names.joined(separator: ", "))")
            }
        }
        var document: [String: JSONValue] = ["features": .array(features)]
        if !output.isEmpty { document["output"] = .object(output) }
        return .object(document)
    }

    /// The field a path of `document`'s validation issues stands for: `features[0].outputs[0].width`
    /// is `width`; a compress output is `compression_type` (or `quality`); a convert is `format`.
    public static func field(for path: String, in document: JSONValue) -> String {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        if names.contains(last) { return last }
        if last.hasPrefix("quality") || path.hasPrefix("output.quality") { return "quality" }
        if path.hasPrefix("output.format") { return "format" }
        guard case .object(let members) = document, case .array(let features)? = members["features"],
              let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), path.hasPrefix("features["),
              let index = Int(path[path.index(after: open)..<close]), features.indices.contains(index),
              case .object(let feature) = features[index], case .string(let type)? = feature["type"] else { return path }
        switch type {
        case "resize": return "width"
        case "convert": return "format"
        default: return "compression_type"
        }
    }
}
