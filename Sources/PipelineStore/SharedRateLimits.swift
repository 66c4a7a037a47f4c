/// Requests per minute per key, counted in the database, so that every API process draws on the
/// same bucket for a key (with several processes behind a load balancer, one bucket per process
/// would let a key through at the plan's rate times the processes). A store that has it is used
/// for rate limits; SQLite has one process, which keeps its buckets in memory instead.
public protocol SharedRateLimits: Sendable {
    /// Takes one request from the bucket of `key` (holding up to `perMinute` requests, refilled
    /// evenly, by the database's clock); nil when it may go, else the seconds until it may.
    func takeRequest(key: String, perMinute: Int) async throws -> Double?
}
