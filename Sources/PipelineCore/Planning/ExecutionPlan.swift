/// The pure result of planning a configuration (for one source, when its size is known).
public struct ExecutionPlan: Sendable, Hashable {
    /// Feature indices in declared order (0, 1, 2, …).
    public var declaredOrder: [Int]
    /// Feature indices in the order they run.
    public var plannedOrder: [Int]
    /// Images made if the features ran as declared (c1 + c1·c2 + …).
    public var declaredWork: Int
    /// Images made in the planned order.
    public var plannedWork: Int
    /// Images really made once identical outputs are computed only once.
    public var uniqueWork: Int
    /// Every declared leaf, in declared order.
    public var leaves: [PlannedLeaf]
    /// What the planner knew of the source.
    public var source: SourceDescription?
    /// The size the source is decoded to (shrink-on-load target), when its size was known:
    /// the smallest upright size that every leaf's first resize can be made from.
    public var decodeSize: PixelSize?

    /// The leaves that are computed (not aliases), with their indices.
    public var computedLeaves: [(index: Int, leaf: PlannedLeaf)] {
        leaves.enumerated().filter { $0.element.aliasOf == nil }.map { ($0.offset, $0.element) }
    }
}
