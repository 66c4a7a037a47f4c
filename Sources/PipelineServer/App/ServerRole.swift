/// What one `pipeline serve` process does (`--role`): with PostgreSQL, API processes and
/// worker processes scale apart.
public enum ServerRole: String, Sendable, CaseIterable {
    /// Accepts uploads and answers status: the HTTP API, no job workers or deliverer.
    case api
    /// Claims jobs and deliveries: no HTTP server.
    case worker
    /// Both (the default, and the only sensible role with SQLite).
    case all

    var servesHTTP: Bool { self != .worker }
    var works: Bool { self != .api }
}
