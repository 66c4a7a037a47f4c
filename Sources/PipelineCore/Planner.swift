/// Makes an `ExecutionPlan` from a validated configuration. A pure function (SPEC §3).
public enum Planner {
    /// The most leaves one source may produce; more is almost certainly a mistake.
    public static let maximumLeaves = 2000

    /// Plans `config`, resolving sizes and `original` formats when `source` is given.
    public static func plan(_ config: PipelineConfig, source: SourceDescription? = nil) -> ExecutionPlan {
        let features = config.features
        let counts = features.map(\.outputCount)
        let declared = Array(features.indices)
        let planned = config.order == .auto
            ? FeatureOrdering.minimalWork(counts: counts, movable: features.map { !$0.type.isGeometric })
            : declared

        var leaves: [PlannedLeaf] = []
        var firstWithRecipe: [Recipe: Int] = [:]
        for choices in allChoices(counts: counts) {
            var leaf = makeLeaf(config, choices: choices, order: planned, source: source)
            let recipe = Recipe(pixelSteps: leaf.pixelSteps, encoding: leaf.encoding)
            if let first = firstWithRecipe[recipe] {
                leaf.aliasOf = first
            } else {
                firstWithRecipe[recipe] = leaves.count
            }
            leaves.append(leaf)
        }
        return ExecutionPlan(
            declaredOrder: declared,
            plannedOrder: planned,
            declaredWork: FeatureOrdering.work(counts: counts, order: declared),
            plannedWork: FeatureOrdering.work(counts: counts, order: planned),
            uniqueWork: uniqueWork(leaves),
            leaves: leaves,
            source: source,
            decodeSize: source.map { decodeSize(leaves, source: $0.size) })
    }

    /// How many leaves `config` makes per source.
    public static func leafCount(_ config: PipelineConfig) -> Int {
        config.features.reduce(1) { product, feature in
            let next = product.multipliedReportingOverflow(by: feature.outputCount)
            return next.overflow ? Int.max : next.partialValue
        }
    }

    private struct Recipe: Hashable {
        var pixelSteps: [PlanStep]
        var encoding: EncodeSettings
    }

    /// Every combination of output choices, the first feature varying slowest.
    private static func allChoices(counts: [Int]) -> [[Int]] {
        var result: [[Int]] = [[]]
        for count in counts {
            result = result.flatMap { prefix in (0..<count).map { prefix + [$0] } }
        }
        return result
    }

    private static func makeLeaf(_ config: PipelineConfig, choices: [Int], order: [Int], source: SourceDescription?) -> PlannedLeaf {
        var size = source?.size
        var steps: [PlanStep] = []
        var encoding = EncodeSettings(format: config.output.format)
        for featureIndex in order {
            let choice = choices[featureIndex]
            switch config.features[featureIndex].kind {
            case .resize(let outputs):
                if let current = size {
                    let geometry = ResizeGeometry.resolve(outputs[choice], input: current)
                    steps.append(.resize(geometry))
                    size = geometry.output
                } else {
                    steps.append(.resizeUnresolved(outputs[choice]))
                }
            case .grayscale:
                steps.append(.grayscale)
            case .compress(let outputs):
                steps.append(.compress(outputs[choice].setting))
                switch outputs[choice].setting {
                case .quality(let quality): encoding.quality = quality
                case .lossless: encoding.lossless = true
                }
            case .convert(let outputs):
                steps.append(.convert(outputs[choice].format))
                encoding.format = outputs[choice].format
            }
        }
        if encoding.format == .original, let format = source?.format {
            encoding.format = format
        }
        let labels = choices.enumerated().map { config.features[$0.offset].label(ofOutput: $0.element) }
        return PlannedLeaf(labels: labels, choices: choices, steps: steps, encoding: encoding, size: size, aliasOf: nil)
    }

    /// Distinct step prefixes among the computed leaves: the images really made.
    private static func uniqueWork(_ leaves: [PlannedLeaf]) -> Int {
        var prefixes = Set<[PlanStep]>()
        for leaf in leaves where leaf.aliasOf == nil {
            for length in 1...max(1, leaf.steps.count) where length <= leaf.steps.count {
                prefixes.insert(Array(leaf.steps.prefix(length)))
            }
        }
        return prefixes.count
    }

    /// The smallest aspect-preserving size, no larger than the source, from which every
    /// computed leaf's first resize can be made without enlarging.
    private static func decodeSize(_ leaves: [PlannedLeaf], source: PixelSize) -> PixelSize {
        var needed = PixelSize(width: 0, height: 0)
        for leaf in leaves where leaf.aliasOf == nil {
            guard let first = leaf.pixelSteps.first(where: { if case .resize = $0 { true } else { false } }),
                  case .resize(let geometry) = first, !geometry.isIdentity
            else {
                return source // some leaf needs the full-size image
            }
            needed.width = max(needed.width, geometry.resample.width)
            needed.height = max(needed.height, geometry.resample.height)
        }
        // The scale of one side may exceed the other's only by rounding; try the smaller first
        // so that the largest output is made at exactly the decoded size when it can be.
        let scales = [Double(needed.width) / Double(source.width), Double(needed.height) / Double(source.height)].sorted()
        for scale in scales where scale < 1 {
            let size = PixelSize(width: ResizeGeometry.scaled(source.width, scale), height: ResizeGeometry.scaled(source.height, scale))
            if size.width >= needed.width, size.height >= needed.height { return size }
        }
        return source
    }
}
