import Foundation

/// The headers of one `multipart/form-data` part, with what `Content-Disposition` says: the
/// field's `name` and, for a file, its `filename` (quoted strings may hold `;` and escaped
/// quotes; `filename*=UTF-8''…` is percent-decoded and wins over `filename`).
public struct MultipartPartHeader: Sendable, Equatable {
    /// Header names lowercased, values with surrounding spaces removed, in the order sent.
    public var fields: [(name: String, value: String)]
    public var name: String?
    public var fileName: String?

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.fileName == rhs.fileName
            && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func value(of header: String) -> String? {
        fields.first { $0.name == header.lowercased() }?.value
    }

    /// Parses a header block (lines separated by CR LF, without the blank line).
    init(block: ArraySlice<UInt8>) throws {
        fields = []
        let text = String(decoding: block, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw MultipartStreamParser.SyntaxError(description: "a part's header line has no name and colon: \(line.prefix(80))")
            }
            fields.append((line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                           line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if let disposition = value(of: "content-disposition") {
            let parameters = Self.parameters(of: disposition)
            name = parameters["name"]
            fileName = parameters["filename*"].flatMap(Self.extendedValue) ?? parameters["filename"]
        }
    }

    /// `key=value` and `key="quoted value"` parameters after the first `;`, keys lowercased.
    static func parameters(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        var characters = Substring(value)
        guard let first = characters.firstIndex(of: ";") else { return result }
        characters = characters[characters.index(after: first)...]
        while !characters.isEmpty {
            characters = characters.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            let key = characters.prefix { $0 != "=" && $0 != ";" }
            characters = characters.dropFirst(key.count)
            guard characters.first == "=" else { continue }
            characters = characters.dropFirst()
            var text = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if escaped { text.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { break } else { text.append(character) }
                }
                characters = characters.drop { $0 != ";" }
            } else {
                let token = characters.prefix { $0 != ";" }
                characters = characters.dropFirst(token.count)
                text = token.trimmingCharacters(in: .whitespaces)
            }
            let name = key.trimmingCharacters(in: .whitespaces).lowercased()
            if !name.isEmpty, result[name] == nil { result[name] = text }
        }
        return result
    }

    /// An RFC 8187 value, `UTF-8''percent%20encoded`.
    static func extendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}
