/// One encoding strength a compress feature makes.
public struct CompressOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var setting: CompressSetting

    public init(name: String? = nil, setting: CompressSetting) {
        self.name = name
        self.setting = setting
    }

    enum CodingKeys: String, CodingKey { case name, quality, lossless }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch setting {
        case .quality(let quality): try container.encode(quality, forKey: .quality)
        case .lossless: try container.encode(true, forKey: .lossless)
        }
    }
}

/// A quality from 1 to 100, or lossless.
public enum CompressSetting: Sendable, Hashable {
    case quality(Int)
    case lossless

    /// The derived folder label: `q80` or `lossless`.
    public var label: String {
        switch self {
        case .quality(let quality): "q\(quality)"
        case .lossless: "lossless"
        }
    }
}
