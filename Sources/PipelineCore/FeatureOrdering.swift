/// Chooses the order of features that makes the fewest intermediate images.
///
/// The work of an order with output counts c1, c2, … is c1 + c1·c2 + c1·c2·c3 + … (SPEC §3).
/// Two adjacent blocks A, B (a block's work w and product p) are better as A, B exactly when
/// (p(A) − 1) / w(A) < (p(B) − 1) / w(B), so the optimum sorts blocks by that ratio. Movable
/// features are blocks of their own; the geometric features form one chain that must keep its
/// order, which Sidney's decomposition splits into blocks of non-decreasing ratio (repeatedly
/// taking the prefix with the smallest ratio). Sorting all blocks by ratio, stable by declared
/// position, gives a minimal-work order that keeps the chain's order. For single features the
/// ratio (c − 1) / c grows with c, so this is "fewest outputs first".
public enum FeatureOrdering {
    /// A minimal-work order of indices `0..<counts.count`; `movable[i]` false keeps feature
    /// `i` in its declared order relative to the other unmovable ones.
    public static func minimalWork(counts: [Int], movable: [Bool]) -> [Int] {
        precondition(counts.count == movable.count)
        var blocks: [Block] = counts.indices.filter { movable[$0] }.map { Block(members: [$0], counts: counts) }
        var chain = counts.indices.filter { !movable[$0] }
        while !chain.isEmpty {
            var best = Block(members: [chain[0]], counts: counts)
            for length in 1...chain.count {
                let candidate = Block(members: Array(chain.prefix(length)), counts: counts)
                if candidate.isBetter(than: best) { best = candidate }
            }
            blocks.append(best)
            chain.removeFirst(best.members.count)
        }
        blocks.sort { lhs, rhs in
            if lhs.isBetter(than: rhs) { return true }
            if rhs.isBetter(than: lhs) { return false }
            return lhs.members[0] < rhs.members[0]
        }
        return blocks.flatMap(\.members)
    }

    /// The work of running features with these output counts in this order.
    public static func work(counts: [Int], order: [Int]) -> Int {
        var product = 1, total = 0
        for index in order {
            product = product.multipliedReportingOverflow(by: counts[index]).overflow ? Int.max / 2 : product * counts[index]
            total = min(Int.max / 2, total + product)
        }
        return total
    }

    private struct Block {
        var members: [Int]
        /// Work and product as exact integers, so ratios compare without rounding.
        var work: Int
        var product: Int

        init(members: [Int], counts: [Int]) {
            self.members = members
            work = FeatureOrdering.work(counts: counts, order: members)
            product = members.reduce(1) { $0 * counts[$1] }
        }

        /// (p − 1) / w strictly smaller than the other's, by cross-multiplication.
        func isBetter(than other: Block) -> Bool {
            (product - 1) * other.work < (other.product - 1) * work
        }
    }
}
