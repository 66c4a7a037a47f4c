/// One encoding strength a compress feature makes.
public struct CompressOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var setting: CompressSetting

    public init(name: String? = nil, setting: CompressSetting) {
        self.name = name
        self.setting = setting
    }

    enum CodingKeys: String, CodingKey { case name, quality, lossless, maxBytes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch setting {
        case .quality(let quality): try container.encode(quality, forKey: .quality)
        case .lossless: try container.encode(true, forKey: .lossless)
        case .fitting(let maxBytes, let highest):
            try container.encode(highest, forKey: .quality)
            try container.encode(maxBytes, forKey: .maxBytes)
        }
    }
}

/// A quality from 1 to 100, lossless, or the highest quality whose file fits in a size.
public enum CompressSetting: Sendable, Hashable {
    case quality(Int)
    case lossless
    /// The highest quality up to `highestQuality` whose encoded file has at most `maxBytes`.
    case fitting(maxBytes: Int, highestQuality: Int)

    /// The derived folder label: `q80`, `lossless` or `max200kB`.
    public var label: String {
        switch self {
        case .quality(let quality): "q\(quality)"
        case .lossless: "lossless"
        case .fitting(let maxBytes, _):
            maxBytes % 1000 == 0 ? "max\(maxBytes / 1000)kB" : "max\(maxBytes)B"
        }
    }
}
