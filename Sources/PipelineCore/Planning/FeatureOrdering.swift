/// Chooses the order of features that makes the fewest intermediate images.
///
/// The work of an order with output counts c1, c2, … is c1 + c1·c2 + c1·c2·c3 + … (SPEC §3).
/// Which features may be swapped is given by a commutation rule: a feature must stay after
/// every earlier declared feature it does not commute with. The work of the rest of an order
/// depends only on the set of features already placed (their product), so a dynamic programme
/// over the sets that respect the rule finds the exact minimum; among equal orders it takes
/// the one that keeps declared positions earliest (stable on ties). Configurations have at
/// most 20 features and few free ones, so the sets are few; past `stateBudget` it falls back to
/// keeping the non-free features in declared order and placing the free ones by Sidney's ratio
/// rule (exact for that restriction).
public enum FeatureOrdering {
    /// The most sets of placed features the exact search visits.
    static let stateBudget = 20_000

    /// A minimal-work order of indices `0..<counts.count` in which `i` stays before a later
    /// declared `j` unless `commutes(i, j)`.
    public static func minimalWork(counts: [Int], commutes: (Int, Int) -> Bool) -> [Int] {
        let n = counts.count
        precondition(n <= 30)
        var before = [UInt32](repeating: 0, count: n)
        var free = [Bool](repeating: true, count: n)
        for j in 0..<n {
            for i in 0..<j where !commutes(i, j) {
                before[j] |= 1 << UInt32(i)
                free[i] = false
                free[j] = false
            }
        }
        var search = Search(counts: counts, before: before)
        if search.best(0) != nil {
            return search.order()
        }
        return minimalWork(counts: counts, movable: free)
    }

    /// The exact search: `remaining[set]` is the least work of placing the features not in `set`.
    private struct Search {
        let counts: [Int]
        let before: [UInt32]
        var remaining: [UInt32: Int] = [:]
        var all: UInt32 { counts.isEmpty ? 0 : UInt32.max >> UInt32(32 - counts.count) }

        init(counts: [Int], before: [UInt32]) {
            self.counts = counts
            self.before = before
        }

        func product(_ set: UInt32) -> Int {
            var product = 1
            for index in counts.indices where set & (1 << UInt32(index)) != 0 {
                product = saturating(product, counts[index])
            }
            return product
        }

        func available(_ set: UInt32) -> [Int] {
            counts.indices.filter { set & (1 << UInt32($0)) == 0 && before[$0] & ~set == 0 }
        }

        /// Nil when the budget ran out.
        mutating func best(_ set: UInt32) -> Int? {
            if set == all { return 0 }
            if let known = remaining[set] { return known }
            guard remaining.count < FeatureOrdering.stateBudget else { return nil }
            let base = product(set)
            var least = Int.max
            for index in available(set) {
                guard let rest = best(set | 1 << UInt32(index)) else { return nil }
                least = min(least, min(Int.max / 4, saturating(base, counts[index]) + rest))
            }
            remaining[set] = least
            return least
        }

        /// The order that achieves the least work, taking the lowest index on ties.
        mutating func order() -> [Int] {
            var set: UInt32 = 0
            var result: [Int] = []
            while set != all {
                let base = product(set)
                let target = remaining[set] ?? 0
                let next = available(set).first { index in
                    let rest = best(set | 1 << UInt32(index)) ?? Int.max / 4
                    return min(Int.max / 4, saturating(base, counts[index]) + rest) == target
                }!
                result.append(next)
                set |= 1 << UInt32(next)
            }
            return result
        }

        private func saturating(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? Int.max / 4 : min(value, Int.max / 4)
        }
    }

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
