import Foundation
import PipelineStore
import Synchronization

/// Requests per minute per API key: a token bucket per key holding up to a minute's requests,
/// refilled evenly. In memory, for one process over SQLite; with PostgreSQL the buckets are in
/// the database (`PostgresStore`'s `RequestRateLimits`), shared by every API process.
final class RateLimiter: RequestRateLimits {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    func takeRequest(key: String, perMinute: Int) -> Double? {
        take(key, perMinute: perMinute, now: ProcessInfo.processInfo.systemUptime)
    }

    /// Takes one request of `key` at `now` (seconds); nil when it may go, else the seconds
    /// until it may.
    func take(_ key: String, perMinute: Int, now: Double) -> Double? {
        let capacity = Double(max(1, perMinute)), rate = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            defer {
                buckets[key] = bucket
                // Full buckets hold nothing a new one would not: forget them now and then.
                if buckets.count > 10_000 { buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < capacity } }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }
}
