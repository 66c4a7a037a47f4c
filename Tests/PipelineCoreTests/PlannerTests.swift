import Foundation
import PipelineCore
import Testing

/// A small deterministic random number generator, so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random valid configuration of 1–`maxFeatures` features of every type.
func randomConfiguration(_ rng: inout SplitMix64, maxFeatures: Int) throws -> PipelineConfig {
    var features: [String] = []
    var usedCompress = false, usedConvert = false
    let count = Int.random(in: 1...maxFeatures, using: &rng)
    func some(_ count: ClosedRange<Int>, _ make: (Int) -> String) -> String {
        (0..<Int.random(in: count, using: &rng)).map(make).joined(separator: ",")
    }
    while features.count < count {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0:
            let outputs = (0..<Int.random(in: 1...5, using: &rng)).map { index in
                Bool.random(using: &rng) ? #"{"width": \#(100 * (index + 1))}"# : #"{"percent": \#(10 * (index + 1))}"#
            }
            let fit = ["inside", "cover", "contain"].randomElement(using: &rng)!
            let gravity = ["center", "attention"].randomElement(using: &rng)!
            features.append(#"{"type": "resize", "fit": "\#(fit)", "gravity": "\#(gravity)", "outputs": [\#(outputs.joined(separator: ","))]}"#)
        case 1 where !usedCompress:
            usedCompress = true
            features.append(#"{"type": "compress", "outputs": [\#(some(1...4) { #"{"quality": \#(50 + $0 * 10)}"# })]}"#)
        case 2 where !usedConvert:
            usedConvert = true
            let formats = ["jpeg", "png", "webp", "gif"].shuffled(using: &rng).prefix(Int.random(in: 1...4, using: &rng))
            features.append(#"{"type": "convert", "outputs": [\#(formats.map { #"{"format": "\#($0)"}"# }.joined(separator: ","))]}"#)
        case 3:
            features.append(#"{"type": "crop", "outputs": [\#(some(1...3) { #"{"width": \#(50 + $0), "height": 40}"# })]}"#)
        case 4:
            features.append(#"{"type": "rotate", "outputs": [\#(some(1...3) { #"{"angle": \#(90 * ($0 + 1))}"# })]}"#)
        case 5:
            features.append(#"{"type": "watermark", "outputs": [{"text": "x"}]}"#)
        case 6:
            features.append(#"{"type": "blur", "outputs": [\#(some(1...3) { #"{"sigma": \#($0 + 1)}"# })]}"#)
        case 7:
            features.append(#"{"type": "sharpen", "outputs": [{"sigma": 1}]}"#)
        case 8:
            features.append(#"{"type": "grid", "outputs": [{"columns": \#(Int.random(in: 1...3, using: &rng)), "rows": 2}]}"#)
        case 9:
            features.append(#"{"type": "slice", "outputs": [{"direction": "vertical", "size": 100}]}"#)
        default:
            features.append(#"{"type": "grayscale"}"#)
        }
    }
    return try parse(#"{"features": [\#(features.joined(separator: ","))]}"#)
}

/// Every order of `0..<n` in which each feature stays after every earlier declared feature
/// it does not commute with.
func validOrders(_ config: PipelineConfig) -> [[Int]] {
    func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[Int]] in
            var rest = items
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }
    let features = config.features
    return permutations(Array(features.indices)).filter { order in
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for j in features.indices {
            for i in 0..<j where !FeatureCommutation.commute(features[i], features[j], output: config.output) {
                if position[i]! > position[j]! { return false }
            }
        }
        return true
    }
}

@Suite struct PlannerTests {
    @Test func featuresWith20And1And3OutputsArePlannedFewestFirst() throws {
        let sizes = (1...20).map { #"{"width": \#($0 * 100)}"# }.joined(separator: ",")
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [\#(sizes)]}, {"type": "grayscale"}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "webp"}, {"format": "png"}]}]}"#)
        let plan = Planner.plan(config)
        #expect(plan.declaredWork == 20 + 20 + 60)
        #expect(plan.plannedOrder == [1, 2, 0])
        #expect(plan.plannedWork == 1 + 3 + 60)
        #expect(plan.leaves.count == 60)
        #expect(plan.leaves[0].labels == ["100w", "gray", "jpeg"])
        #expect(plan.leaves[59].labels == ["2000w", "gray", "png"])
    }

    @Test func declaredOrderIsKeptWhenAsked() throws {
        let config = try parse(#"{"order": "declared", "features": [{"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "png"}]}, {"type": "grayscale"}]}"#)
        let plan = Planner.plan(config)
        #expect(plan.plannedOrder == [0, 1])
        #expect(plan.plannedWork == plan.declaredWork)
    }

    @Test func geometricFeaturesKeepTheirOrderEvenWhenALaterOneHasFewerOutputs() {
        // A chain [5, 1] that must stay in order, and a movable 3: running the chain first
        // costs 5 + 5 + 15 = 25, less than 3 first (3 + 15 + 15 = 33).
        let order = FeatureOrdering.minimalWork(counts: [5, 1, 3], movable: [false, false, true])
        #expect(order == [0, 1, 2])
        #expect(FeatureOrdering.work(counts: [5, 1, 3], order: order) == 25)
        #expect(FeatureOrdering.minimalWork(counts: [4, 2, 1], movable: [true, true, true]) == [2, 1, 0])
        #expect(FeatureOrdering.minimalWork(counts: [2, 2, 2], movable: [true, true, true]) == [0, 1, 2])
    }

    @Test(arguments: 0..<200)
    func planInvariantsHoldForRandomConfigurations(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919 &+ 17)
        let config = try randomConfiguration(&rng, maxFeatures: 6)
        let plan = Planner.plan(config)
        let counts = Planner.imageCounts(config, source: nil)

        // Every declared leaf appears exactly once.
        #expect(plan.leaves.count == config.features.map(\.outputCount).reduce(1, *))
        #expect(Set(plan.leaves.map(\.labels)).count == plan.leaves.count)
        #expect(Set(plan.leaves.map(\.choices)).count == plan.leaves.count)
        for leaf in plan.leaves {
            #expect(leaf.labels == leaf.choices.enumerated().map { config.features[$0.offset].label(ofOutput: $0.element) })
        }
        // The planned order is a permutation that keeps the geometric order, and swaps only
        // features that commute.
        #expect(plan.plannedOrder.sorted() == Array(config.features.indices))
        let geometric = config.features.indices.filter { config.features[$0].type.isGeometric }
        #expect(plan.plannedOrder.filter(geometric.contains) == geometric)
        #expect(validOrders(config).contains(plan.plannedOrder))
        // Planned work is never more than declared, and is the least any valid order gives.
        #expect(plan.plannedWork <= plan.declaredWork)
        let best = validOrders(config).map { FeatureOrdering.work(counts: counts, order: $0) }.min()
        #expect(plan.plannedWork == best)
        #expect(plan.uniqueWork <= plan.plannedWork)
        // The same input gives the same plan.
        #expect(Planner.plan(config) == plan)
        let source = SourceDescription(size: PixelSize(width: 640 + seed, height: 480), format: .jpeg)
        #expect(Planner.plan(config, source: source) == Planner.plan(config, source: source))
    }

    @Test(arguments: 0..<100)
    func aliasesPointToEarlierIdenticalLeaves(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &+ 1000)
        let config = try randomConfiguration(&rng, maxFeatures: 4)
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 300, height: 200), format: .png))
        for (index, leaf) in plan.leaves.enumerated() {
            guard let alias = leaf.aliasOf else { continue }
            #expect(alias < index)
            let target = plan.leaves[alias]
            #expect(target.aliasOf == nil)
            #expect(target.pixelSteps == leaf.pixelSteps)
            #expect(target.encoding == leaf.encoding)
            #expect(target.size == leaf.size)
        }
        // The decoded image is never larger than the source nor smaller than any first resize needs.
        let decode = try #require(plan.decodeSize)
        #expect(decode.width <= 300 && decode.height <= 200)
        for (_, leaf) in plan.computedLeaves {
            for step in leaf.pixelSteps {
                guard case .resize(let geometry) = step else { continue }
                if !geometry.isIdentity {
                    #expect(geometry.resample.width <= decode.width || decode == PixelSize(width: 300, height: 200))
                    #expect(geometry.resample.height <= decode.height || decode == PixelSize(width: 300, height: 200))
                }
                break
            }
        }
    }

    @Test func downOnlySizesLargerThanTheSourceAreComputedOnce() throws {
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [{"width": 100}, {"width": 3000}, {"width": 4000}, {"width": 5000, "scaling": "both"}]}]}"#)
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 2000, height: 1000), format: .jpeg))
        #expect(plan.leaves.map(\.size) == [PixelSize(width: 100, height: 50), PixelSize(width: 2000, height: 1000),
                                             PixelSize(width: 2000, height: 1000), PixelSize(width: 5000, height: 2500)])
        #expect(plan.leaves.map(\.aliasOf) == [nil, nil, 1, nil])
        #expect(plan.leaves.allSatisfy { $0.encoding.format == .jpeg })
        #expect(plan.computedLeaves.count == 3)
        // 3000w needs the full-size image, so the source is decoded at full size.
        #expect(plan.decodeSize == PixelSize(width: 2000, height: 1000))
    }

    @Test func theSourceIsDecodedOnceAtTheLargestSizeAnOutputNeeds() throws {
        let config = try parse(#"{"features": [{"type": "grayscale"}, {"type": "resize", "outputs": [{"width": 100}, {"width": 2000}, {"width": 640, "height": 640, "fit": "cover"}]}]}"#)
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 6028, height: 3391)))
        #expect(plan.decodeSize == PixelSize(width: 2000, height: 1125))
        #expect(plan.leaves.map(\.size) == [PixelSize(width: 100, height: 56), PixelSize(width: 2000, height: 1125), PixelSize(width: 640, height: 640)])
    }

    @Test func encodeFeaturesSetTheLeafEncoding() throws {
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [{"width": 10}]}, {"type": "compress", "outputs": [{"quality": 40}, {"lossless": true}]}, {"type": "convert", "outputs": [{"format": "webp"}, {"format": "original"}]}], "output": {"format": "png"}}"#)
        let unresolved = Planner.plan(config)
        #expect(unresolved.leaves.map(\.encoding) == [
            EncodeSettings(format: .webp, quality: 40), EncodeSettings(format: .original, quality: 40),
            EncodeSettings(format: .webp, lossless: true), EncodeSettings(format: .original, lossless: true),
        ])
        let resolved = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 50, height: 50), format: .gif))
        #expect(resolved.leaves[1].encoding.format == .gif)
        // Encode choices are not pixel work: all four leaves share the one resize.
        #expect(Set(resolved.leaves.map(\.pixelSteps)).count == 1)
    }

    @Test func colourFeaturesMoveOnlyPastWhatTheyCommuteWithAndGeometricOrderIsKept() throws {
        let config = try parse(#"""
            {"features": [
              {"type": "resize", "outputs": [{"width": 100}, {"width": 200}, {"width": 300}, {"width": 400}]},
              {"type": "crop", "outputs": [{"width": 80, "height": 80}, {"shape": "circle", "radius": 40}]},
              {"type": "grayscale"},
              {"type": "watermark", "outputs": [{"text": "a"}]},
              {"type": "blur", "outputs": [{"sigma": 1}, {"sigma": 2}]},
              {"type": "sharpen", "outputs": [{"sigma": 1}]},
              {"type": "compress", "outputs": [{"quality": 80}]}
            ]}
            """#)
        let plan = Planner.plan(config)
        // grayscale commutes with the crop and the resize, so it runs first; compress (encode
        // stage) is free; the watermark, blur and sharpen keep their places after the geometry.
        #expect(plan.plannedOrder == [2, 6, 0, 1, 3, 4, 5])
        #expect(plan.plannedWork < plan.declaredWork)
        #expect(plan.plannedOrder.filter { config.features[$0].type.isGeometric } == [0, 1, 3])
        // Sharpen has fewer outputs than blur but does not commute with it: blur stays first.
        let blur = plan.plannedOrder.firstIndex(of: 4)!, sharpen = plan.plannedOrder.firstIndex(of: 5)!
        #expect(blur < sharpen)
    }

    @Test func aSliceAfterAResizeIsEstimatedOnTheResizedSize() throws {
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [{"width": 800}]}, {"type": "slice", "outputs": [{"direction": "vertical", "size": 400}]}]}"#)
        // 6028×3391 resized to 800×450: two tiles, not the nine of the source's own height.
        #expect(Planner.imageCounts(config, source: SourceDescription(size: PixelSize(width: 6028, height: 3391))) == [1, 2])
    }

    @Test func tileCountsComeFromTheSourceAndEnterTheWork() throws {
        let config = try parse(#"{"features": [{"type": "slice", "outputs": [{"direction": "vertical", "size": 500}]}, {"type": "convert", "outputs": [{"format": "png"}, {"format": "webp"}]}]}"#)
        let unknown = Planner.plan(config)
        #expect(unknown.declaredWork == 1 + 2)
        #expect(unknown.leaves.allSatisfy { $0.fileCount == nil })
        let known = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 800, height: 2100), format: .jpeg))
        #expect(known.declaredWork == 5 + 10)
        #expect(known.leaves.map(\.fileCount) == [5, 5])
        #expect(known.leaves.allSatisfy { $0.size == nil })
        // With the source known the convert goes first: 2 + 10 beats 5 + 10.
        #expect(known.plannedOrder == [1, 0])
    }

    @Test func aGridFinerThanTheImageAndACropOutsideItAreProblemsOfTheirLeaves() throws {
        let config = try parse(#"{"features": [{"type": "crop", "outputs": [{"width": 10, "height": 10}, {"name": "away", "width": 10, "height": 10, "offsetX": 900}]}, {"type": "grid", "outputs": [{"columns": 8, "rows": 1}]}]}"#)
        // The first leaf's 10×10 crop takes an 8×1 grid.
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 100, height: 100), format: .png))
        #expect(plan.leaves[0].problem == nil)
        #expect(plan.leaves[0].fileCount == 8)
        #expect(plan.leaves[1].problem == "features[0] (crop away): a 10×10 box at x 945, y 45 lies wholly outside the 100×100 image, so nothing would be left; reduce the offsets")
        let fine = try parse(#"{"features": [{"type": "grid", "outputs": [{"columns": 20, "rows": 2}]}]}"#)
        #expect(Planner.plan(fine, source: SourceDescription(size: PixelSize(width: 12, height: 50))).leaves[0].problem
            == "features[0] (grid grid-20x2): a 20×2 grid needs an image at least 20×2 pixels; this one is 12×50")
    }

    @Test func manyMutuallyCommutingFeaturesFallBackToTheRatioRuleQuickly() throws {
        // 19 grayscale features and a resize commute pairwise: too many sets for the exact
        // search, so the ratio rule places them; the order is still valid and minimal here.
        let features = (0..<19).map { _ in #"{"type": "grayscale"}"# } + [#"{"type": "resize", "outputs": [{"width": 10}, {"width": 20}]}"#]
        let config = try parse(#"{"features": [\#(features.joined(separator: ","))]}"#)
        let plan = Planner.plan(config)
        #expect(plan.plannedOrder == Array(0..<20))
        #expect(plan.plannedWork == 19 + 2)
    }

    @Test func aSliceIntoTooManyTilesIsAProblemFoundWithoutMakingThem() throws {
        let widths = (1...20).map { #"{"width": \#(100 + $0)}"# }.joined(separator: ",")
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [\#(widths)], "scaling": "both"}, {"type": "slice", "outputs": [{"direction": "vertical", "size": 1}]}]}"#)
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 16000, height: 16000)))
        #expect(plan.leaves.count == 20)
        // Each leaf alone is fine (101…120 tiles); together they are over the limit, which
        // the renderer refuses before making anything.
        #expect(plan.leaves[0].problem == nil && plan.leaves[0].fileCount == 101)
        #expect(plan.leaves.reduce(0) { $0 + $1.fileCount! } == (101...120).reduce(0, +))
        let huge = try parse(#"{"features": [{"type": "slice", "outputs": [{"direction": "vertical", "size": 1}]}]}"#)
        let hugePlan = Planner.plan(huge, source: SourceDescription(size: PixelSize(width: 100, height: 16000)))
        #expect(hugePlan.leaves[0].problem == "features[0] (slice slice-v1): would cut 16000 tiles; a source may give at most 2000 files, so cut larger tiles")
        #expect(hugePlan.leaves[0].fileCount == 16000)
    }
}
