import PipelineCore

/// A plan as people read it (text) and as programs read it (`--json`).
public struct PlanReport: Encodable, Sendable {
    public struct Leaf: Encodable, Sendable {
        public var path: String
        public var width: Int?
        public var height: Int?
        public var format: ImageFormat
        public var aliasOf: String?
    }

    public var configId: ConfigID
    public var declaredOrder: [String]
    public var plannedOrder: [String]
    public var declaredWork: Int
    public var plannedWork: Int
    public var uniqueWork: Int
    public var decodeSize: PixelSize?
    public var leaves: [Leaf]

    public init(configId: ConfigID, config: PipelineConfig, plan: ExecutionPlan) {
        self.configId = configId
        declaredOrder = plan.declaredOrder.map { Self.describe(config.features[$0], index: $0) }
        plannedOrder = plan.plannedOrder.map { Self.describe(config.features[$0], index: $0) }
        declaredWork = plan.declaredWork
        plannedWork = plan.plannedWork
        uniqueWork = plan.uniqueWork
        decodeSize = plan.decodeSize
        let paths = plan.leaves.map { leaf in
            let ext = leaf.encoding.format == .original ? "<ext>" : leaf.encoding.format.fileExtension
            // A leaf cut into tiles is several files: show the pattern and how many.
            let cut = leaf.steps.contains { if case .tiles = $0 { true } else { false } }
            let file = cut ? "<source>_<tile>.\(ext)" + (leaf.fileCount.map { " (\($0) tiles)" } ?? "") : "<source>.\(ext)"
            return "output/" + (leaf.labels + [file]).joined(separator: "/")
        }
        leaves = plan.leaves.enumerated().map { index, leaf in
            Leaf(path: paths[index], width: leaf.size?.width, height: leaf.size?.height,
                 format: leaf.encoding.format, aliasOf: leaf.aliasOf.map { paths[$0] })
        }
    }

    public static func describe(_ feature: Feature, index: Int) -> String {
        let name = feature.name.map { " \"\($0)\"" } ?? ""
        return "features[\(index)] \(feature.type.rawValue)\(name) ×\(feature.outputCount)"
    }

    public static func lines(configId: ConfigID, config: PipelineConfig, plan: ExecutionPlan) -> [String] {
        let report = PlanReport(configId: configId, config: config, plan: plan)
        var lines = ["Configuration \(configId): \(config.features.count) features, \(plan.leaves.count) outputs per source (order: \(config.order.rawValue))"]
        lines.append("Declared order (work \(report.declaredWork)):")
        lines += report.declaredOrder.map { "  " + $0 }
        lines.append("Planned order (work \(report.plannedWork)):")
        lines += report.plannedOrder.map { "  " + $0 }
        if let decode = report.decodeSize {
            lines.append("Decoded once at \(decode); images made after merging identical outputs: \(report.uniqueWork)")
        }
        lines.append("Outputs (declared paths):")
        for leaf in report.leaves {
            var line = "  " + leaf.path
            if let width = leaf.width, let height = leaf.height { line += "  \(width)x\(height)" }
            if let alias = leaf.aliasOf { line += "  (same as \(alias))" }
            lines.append(line)
        }
        return lines
    }
}
