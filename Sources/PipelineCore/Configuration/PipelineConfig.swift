/// A validated configuration document (SPEC §2), with every default filled in.
///
/// Made only by `ConfigurationParser`, so a value of this type is always valid; encoding it
/// gives the normalised document written to `configuration/<configId>.json`.
public struct PipelineConfig: Sendable, Hashable, Encodable {
    /// The configId, if the document has one.
    public var id: ConfigID?
    public var name: String?
    public var description: String?
    /// Where the result ZIP is posted.
    public var postbackUrl: String?
    /// How it is posted (the server's concern; the CLI always posts the ZIP).
    public var postbackFormat: PostbackFormat = .multipart
    public var order: FeatureOrder
    /// The features in declared order.
    public var features: [Feature]
    public var output: OutputSettings

    enum CodingKeys: String, CodingKey {
        case id, name, description, postbackUrl, postbackFormat, order, features, output
    }
}

extension PipelineConfig: Decodable {
    /// Decodes through `ConfigurationParser`, so `JSONDecoder` gives the same validation (with
    /// the shipped templates) and throws `ConfigurationError` listing every problem.
    public init(from decoder: any Decoder) throws {
        self = try ConfigurationParser().parse(try JSONValue(from: decoder))
    }
}
