/// What a PDF source becomes when `output.pdf` is `compress` (SPEC §12): one PDF per output of
/// the configuration's compress feature (there is at most one), or one with the default lossy
/// setting when there is none. Every other
/// feature works on pixels and is skipped: it does not multiply the document's outputs, and the
/// paths keep only the labels of the features that applied.
public struct DocumentPlan: Sendable, Hashable {
    public struct Leaf: Sendable, Hashable {
        /// Folder labels under `output/`, in declared order (empty without a compress feature).
        public var labels: [String]
        /// The compress setting; nil: the default lossy setting (`output.quality`'s JPEG quality).
        public var setting: CompressSetting?

        public init(labels: [String], setting: CompressSetting?) {
            self.labels = labels
            self.setting = setting
        }
    }

    public var leaves: [Leaf]
    /// The declared features skipped for a document, by type, each once, in declared order.
    public var skipped: [FeatureType]

    public static func plan(_ config: PipelineConfig) -> DocumentPlan {
        var leaves = [Leaf(labels: [], setting: nil)]
        var skipped: [FeatureType] = []
        for feature in config.features {
            guard case .compress(let outputs) = feature.kind else {
                if !skipped.contains(feature.type) { skipped.append(feature.type) }
                continue
            }
            leaves = leaves.flatMap { leaf in
                outputs.indices.map { index in
                    Leaf(labels: leaf.labels + [feature.label(ofOutput: index)], setting: outputs[index].setting)
                }
            }
        }
        return DocumentPlan(leaves: leaves, skipped: skipped)
    }
}
