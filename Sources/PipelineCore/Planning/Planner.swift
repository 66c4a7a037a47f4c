/// Makes an `ExecutionPlan` from a validated configuration. A pure function (SPEC §3).
public enum Planner {
    /// The most leaves one source may produce; more is almost certainly a mistake.
    public static let maximumLeaves = 2000

    /// Plans `config`, resolving sizes and `original` formats when `source` is given.
    public static func plan(_ config: PipelineConfig, source: SourceDescription? = nil) -> ExecutionPlan {
        let features = config.features
        let counts = imageCounts(config, source: source)
        let declared = Array(features.indices)
        let planned = config.order == .auto
            ? FeatureOrdering.minimalWork(counts: counts) { FeatureCommutation.commute(features[$0], features[$1], output: config.output) }
            : declared

        var leaves: [PlannedLeaf] = []
        var firstWithRecipe: [Recipe: Int] = [:]
        for choices in allChoices(counts: features.map(\.outputCount)) {
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

    /// How many images each feature makes of each image that reaches it, for the work
    /// estimate: its outputs; for a slice the tiles it would cut, estimated from the source's
    /// size taken through the geometric features before it (their first outputs), 1 when the
    /// source is unknown; for a grid its columns × rows.
    public static func imageCounts(_ config: PipelineConfig, source: SourceDescription?) -> [Int] {
        var size = source?.size
        var counts: [Int] = []
        for feature in config.features {
            switch feature.kind {
            case .tiles(_, let outputs):
                counts.append(outputs.reduce(0) { total, output in
                    if case .slice = output, size == nil { return total + 1 }
                    return total + Tile.count(output, input: size ?? PixelSize(width: 1, height: 1))
                })
                size = size.flatMap { Tile.layout(outputs[0], input: $0).first?.size }
            case .resize(let outputs):
                counts.append(outputs.count)
                size = size.map { ResizeGeometry.resolve(outputs[0], input: $0).output }
            case .crop(let outputs):
                counts.append(outputs.count)
                size = size.map { size in (try? CropPlacement.resolve(outputs[0], input: size).get())?.size ?? size }
            case .rotate(let outputs):
                counts.append(outputs.count)
                size = size.map(outputs[0].output(for:))
            default:
                counts.append(feature.outputCount)
            }
        }
        return counts
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
        // The sizes of the images the leaf is made of at this point: one, or one per tile.
        var sizes: [PixelSize]? = source.map { [$0.size] }
        var steps: [PlanStep] = []
        var problem: String?
        var tooManyTiles: Int?
        var encoding = EncodeSettings(format: config.output.format)
        var largest = sizes?.first
        for featureIndex in order {
            defer {
                if let biggest = sizes?.max(by: { $0.pixelCount < $1.pixelCount }), biggest.pixelCount > largest?.pixelCount ?? 0 {
                    largest = biggest
                }
            }
            let choice = choices[featureIndex]
            let feature = config.features[featureIndex]
            let location = "features[\(featureIndex)] (\(feature.type.rawValue) \(feature.label(ofOutput: choice)))"
            switch feature.kind {
            case .resize(let outputs):
                var output = outputs[choice]
                output.name = nil
                if let current = sizes, current.count == 1 {
                    let geometry = ResizeGeometry.resolve(output, input: current[0])
                    steps.append(.resize(geometry))
                    sizes = [geometry.output]
                } else {
                    steps.append(.resizeUnresolved(output))
                    sizes = sizes?.map { ResizeGeometry.resolve(output, input: $0).output }
                }
            case .crop(let outputs):
                var output = outputs[choice]
                output.name = nil
                steps.append(.crop(output))
                sizes = sizes?.map { size in
                    switch CropPlacement.resolve(output, input: size) {
                    case .success(let placement): return placement.size
                    case .failure(let error):
                        problem = problem ?? "\(location): \(error.message)"
                        return size
                    }
                }
            case .rotate(let outputs):
                let output = outputs[choice].unnamed
                steps.append(.rotate(output))
                sizes = sizes?.map(output.output(for:))
            case .watermark(let outputs):
                var output = outputs[choice]
                output.name = nil
                steps.append(.watermark(output))
            case .tiles(_, let outputs):
                let output = outputs[choice].unnamed
                steps.append(.tiles(output))
                if let current = sizes {
                    // Counted before any layout is made: a tiny slice of a huge image must
                    // not make millions of sizes here.
                    let tiles = current.reduce(0) { $0 + Tile.count(output, input: $1) }
                    if tiles > maximumLeaves {
                        problem = problem ?? "\(location): would cut \(tiles) tiles; a source may give at most \(maximumLeaves) files, so cut larger tiles"
                        tooManyTiles = tiles
                    } else {
                        sizes = current.flatMap { size -> [PixelSize] in
                            if let reason = Tile.problem(output, input: size) {
                                problem = problem ?? "\(location): \(reason)"
                                return [size]
                            }
                            return Tile.layout(output, input: size).map(\.size)
                        }
                    }
                }
            case .grayscale:
                steps.append(.grayscale)
            case .blur(let outputs):
                var output = outputs[choice]
                output.name = nil
                steps.append(.blur(output))
            case .sharpen(let outputs):
                var output = outputs[choice]
                output.name = nil
                steps.append(.sharpen(output))
            case .compress(let outputs):
                steps.append(.compress(outputs[choice].setting))
                switch outputs[choice].setting {
                case .quality(let quality): encoding.quality = quality
                case .lossless: encoding.lossless = true
                case .fitting(let maxBytes, let highest):
                    encoding.quality = highest
                    encoding.maxBytes = maxBytes
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
        return PlannedLeaf(labels: labels, choices: choices, steps: steps, encoding: encoding,
                           size: sizes?.count == 1 && tooManyTiles == nil ? sizes?[0] : nil, fileCount: tooManyTiles ?? sizes?.count,
                           largestImage: largest, problem: problem, aliasOf: nil)
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
    /// computed leaf's first resize can be made without enlarging, when that resize is the
    /// leaf's first step that is not pointwise.
    private static func decodeSize(_ leaves: [PlannedLeaf], source: PixelSize) -> PixelSize {
        var needed = PixelSize(width: 0, height: 0)
        for leaf in leaves where leaf.aliasOf == nil {
            // Steps that treat pixels one by one do the same on a shrunk image; anything else
            // before the first resize (a crop, a blur, …) needs the full-size image.
            guard let first = leaf.pixelSteps.first(where: { !$0.isPointwise }),
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
