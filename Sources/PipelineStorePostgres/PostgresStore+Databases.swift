import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    /// Makes an empty database `name` on the server of `url` (tests make one each). `name` must
    /// be lower-case letters, digits and `_`: identifiers cannot be bound as parameters.
    public static func createDatabase(_ name: String, on url: DatabaseURL) async throws {
        guard name.range(of: #"^[a-z_][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
            throw DatabaseURLError("database name \(name) must be lower-case letters, digits and _")
        }
        let logger = Logger(label: "pipeline.store.postgres.admin")
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: url.host, port: url.port, username: url.username, password: url.password,
                                 database: url.database, tls: .disable),
            id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
    }
}
