import Foundation

/// When a failed postback is tried again: exponential backoff with bounded jitter.
///
/// The delay after attempt n is `min(maximumDelay, initialDelay × multiplier^(n−1))`, capped
/// before jitter, then moved by at most ±`jitter` of itself. A `Retry-After` from a 429 or 503
/// replaces the computed delay (capped the same way, without jitter). With the defaults:
///
/// | after attempt | delay | next attempt at (from the first) |
/// |---|---|---|
/// | 1 | 10 s | 10 s |
/// | 2 | 30 s | 40 s |
/// | 3 | 1 min 30 s | 2 min 10 s |
/// | 4 | 4 min 30 s | 6 min 40 s |
/// | 5 | 13 min 30 s | 20 min 10 s |
/// | 6 | 40 min 30 s | 1 h 0 min 40 s |
/// | 7 | 2 h 1 min 30 s | 3 h 2 min 10 s |
/// | 8 | 6 h (cap) | 9 h 2 min 10 s |
/// | 9 | 6 h | 15 h 2 min 10 s |
/// | 10 | 6 h | 21 h 2 min 10 s |
/// | 11 | 6 h | 27 h 2 min 10 s |
/// | 12 | — gives up | |
///
/// Twelve attempts over about 27 hours (each ±20 %), so a receiver down for a day still gets it.
public struct RetryPolicy: Sendable, Hashable {
    public var initialDelay: Double = 10
    public var multiplier: Double = 3
    public var maximumDelay: Double = 6 * 3600
    /// Attempts in all, the first included.
    public var maximumAttempts: Int = 12
    /// The largest fraction by which a delay is moved either way.
    public var jitter: Double = 0.2

    public init() {}

    /// The delay before the next attempt after `attempt` attempts have failed, or nil when
    /// there is to be none. `unit` is a random number in 0..<1 (passed in to keep this pure).
    public func delay(afterAttempt attempt: Int, retryAfter: Double? = nil, unit: Double) -> Double? {
        guard attempt >= 1, attempt < maximumAttempts else { return nil }
        if let retryAfter { return min(maximumDelay, max(0, retryAfter)) }
        let nominal = nominalDelay(afterAttempt: attempt)
        let moved = nominal * (1 + jitter * (2 * min(max(unit, 0), 1) - 1))
        return min(max(moved, nominal * (1 - jitter)), nominal * (1 + jitter))
    }

    /// The delay before jitter, capped.
    public func nominalDelay(afterAttempt attempt: Int) -> Double {
        // Compare exponents rather than computing a huge power and then capping it.
        let exponent = Double(max(0, attempt - 1))
        let steps = (maximumDelay / initialDelay).logBase(multiplier)
        return exponent >= steps ? maximumDelay : min(maximumDelay, initialDelay * pow(multiplier, exponent))
    }

    /// Every nominal delay, in order: the schedule tabulated above.
    public var schedule: [Double] { (1..<maximumAttempts).map(nominalDelay(afterAttempt:)) }
}

private extension Double {
    func logBase(_ base: Double) -> Double { log(self) / log(base) }
}
