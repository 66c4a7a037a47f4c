/// One declared output path of a source and how it is made.
public struct PlannedLeaf: Sendable, Hashable {
    /// Folder labels in declared feature order (the path below `output/`).
    public var labels: [String]
    /// The chosen output of each feature, in declared order.
    public var choices: [Int]
    /// The steps in planned order.
    public var steps: [PlanStep]
    public var encoding: EncodeSettings
    /// The final size, when the source's size was known and the leaf is one image.
    public var size: PixelSize?
    /// How many files the leaf gives (more than 1 after a slice or grid), when the source's
    /// size was known.
    public var fileCount: Int?
    /// The largest image (or tile) any of its steps makes, when the source's size was known.
    /// A cover crop's enlarged intermediate is not counted: only its window is ever computed.
    public var largestImage: PixelSize?
    /// Why this leaf cannot be made from the source (a crop that leaves nothing, a grid
    /// finer than the image), naming the feature.
    public var problem: String?
    /// The index of an earlier leaf that gives the identical file; this one is not computed again.
    public var aliasOf: Int?

    /// The steps that change pixels, in planned order.
    public var pixelSteps: [PlanStep] { steps.filter(\.isPixelWork) }
}
