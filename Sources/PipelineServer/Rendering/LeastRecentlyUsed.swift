/// Keys by the tick of their last use, least recent first (a binary min-heap; a key used again
/// is pushed again and its older entries are skipped when popped).
struct LeastRecentlyUsed {
    private var heap: [(tick: UInt64, key: String)] = []

    var count: Int { heap.count }

    mutating func push(_ key: String, tick: UInt64) {
        heap.append((tick, key))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].tick < heap[parent].tick else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (String, UInt64)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].tick < heap[smallest].tick { smallest = left }
                if right < heap.count, heap[right].tick < heap[smallest].tick { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (first.key, first.tick)
    }

    /// Keeps only the live entries.
    mutating func compact(keeping live: [String: UInt64]) {
        heap = []
        for (key, tick) in live.sorted(by: { $0.value < $1.value }) { push(key, tick: tick) }
    }
}
