/// Requests per minute per API key: a bucket per key holding up to a minute's requests,
/// refilled evenly. Chosen when the store is opened: with SQLite (one process) the buckets are in
/// the process's memory; with PostgreSQL they are in the database, so that every API process
/// draws on the same bucket for a key (one bucket per process behind a load balancer would let a
/// key through at the plan's rate times the processes).
public protocol RequestRateLimits: Sendable {
    /// Takes one request from the bucket of `key` (holding up to `perMinute` requests); nil when
    /// it may go, else the seconds until it may.
    func takeRequest(key: String, perMinute: Int) async throws -> Double?
}
