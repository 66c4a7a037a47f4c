import Synchronization

/// What the renders of this process came to, for `/metrics`.
final class RenderCounters: Sendable {
    struct Values {
        var hits = 0, misses = 0, coalesced = 0, busy = 0, timeouts = 0
        var seconds = 0.0
    }

    private let values = Mutex(Values())

    func add(_ change: (inout Values) -> Void) { values.withLock { change(&$0) } }

    var current: Values { values.withLock { $0 } }
}
