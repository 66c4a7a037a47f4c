/// The keys of one feature type: those of the feature itself and those of each of its outputs.
public struct FeatureVocabulary: Sendable {
    public let type: FeatureType
    /// What the feature does, for people.
    public let summary: String
    public let feature: ConfigurationObject
    public let output: ConfigurationObject
    /// A feature that makes exactly one output (grayscale) may leave `outputs` out.
    public let singleOutput: Bool
    /// What an added output starts as in a form (valid on its own).
    public let newOutput: [String: JSONValue]
}
