/// An identifier that is a string of a checked form (`ConfigID`, `JobID`): coded as that
/// string, and rejected when decoding text of another form.
public protocol StringIdentifier: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier's text.
    var rawValue: String { get }
    /// Accepts `rawValue` only if it has the identifier's form.
    init?(_ rawValue: String)
}

extension StringIdentifier {
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a valid \(Self.self): \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
