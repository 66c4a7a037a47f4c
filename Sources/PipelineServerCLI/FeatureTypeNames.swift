import PipelineCore

/// The feature type names a plan may list.
enum FeatureTypeNames {
    static let all = FeatureType.allCases.map(\.rawValue)
}
