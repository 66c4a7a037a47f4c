import Foundation

/// `postgres://user:password@host:port/database` (or `postgresql://`), with `?host=/socket/dir`
/// for a Unix socket, as `--database` and `PIPELINE_DATABASE_URL` take it.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// A folder holding the server's socket (`.s.PGSQL.PORT`), when given as `?host=/dir`.
    public var socketFolder: String?

    /// Parses the URL; the error names what is wrong and the form expected.
    public init(_ text: String) throws {
        let form = "use postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? "") else {
            throw DatabaseURLError("\(DatabaseURL.redacted(text)) is not a PostgreSQL URL; \(form)")
        }
        guard let user = components.user, !user.isEmpty else { throw DatabaseURLError("\(DatabaseURL.redacted(text)) names no user; \(form)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw DatabaseURLError("\(DatabaseURL.redacted(text)) names no database; \(form)") }
        let socket = components.queryItems?.first { $0.name == "host" }?.value
        guard let host = components.host.flatMap({ $0.isEmpty ? nil : $0 }) ?? (socket != nil ? "localhost" : nil) else {
            throw DatabaseURLError("\(DatabaseURL.redacted(text)) names no host; \(form)")
        }
        self.host = host
        port = components.port ?? 5432
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        socketFolder = socket
    }

    /// The same server, another database (tests make one each).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without its password, for logs and errors.
    public var description: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)\(socketFolder.map { "?host=\($0)" } ?? "")"
    }

    static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
    }
}

/// A `--database` URL that cannot be used.
public struct DatabaseURLError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
