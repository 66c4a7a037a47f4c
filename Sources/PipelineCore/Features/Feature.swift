/// One declared feature: what it does and the outputs it produces.
public struct Feature: Sendable, Hashable {
    /// The feature's own name, for people (and the folder label of a single-output feature).
    public var name: String?
    public var kind: FeatureKind

    public init(name: String? = nil, kind: FeatureKind) {
        self.name = name
        self.kind = kind
    }

    /// The feature's type.
    public var type: FeatureType { kind.type }

    /// How many variants the feature makes of every image that reaches it.
    public var outputCount: Int { kind.outputNames.count }

    /// The folder label of output `index`: its `name`, else (for a single-output feature) the
    /// feature's `name`, else a label derived from its settings (`800w`, `50pct`, `q80`, …).
    public func label(ofOutput index: Int) -> String {
        if let own = kind.outputNames[index] { return own }
        if outputCount == 1, let name { return name }
        return kind.derivedLabel(ofOutput: index)
    }

    /// Every output's label, in declared order.
    public var labels: [String] { (0..<outputCount).map(label(ofOutput:)) }
}

extension Feature: Encodable {
    enum CodingKeys: String, CodingKey { case type, name, outputs }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(name, forKey: .name)
        var outputs = container.nestedUnkeyedContainer(forKey: .outputs)
        for output in kind.encodableOutputs { try outputs.encode(output) }
    }
}
