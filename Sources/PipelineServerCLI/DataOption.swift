import ArgumentParser
import Foundation
import Logging
import PipelineStore
import PipelineStoreSQLite
import PipelineStorePostgres

/// Where the server's state is: the data folder (blobs, and `pipeline.sqlite` by default) and,
/// for several processes, a PostgreSQL database (`--database` or `PIPELINE_DATABASE_URL`).
struct DataOption: ParsableArguments {
    @Option(help: "The data folder: blobs/ (shared by every process) and, without --database, pipeline.sqlite.")
    var data = "./pipeline-data"
    @Option(help: "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE for several processes (default: PIPELINE_DATABASE_URL, else SQLite in --data).")
    var database: String?

    /// The PostgreSQL database given, if any.
    func databaseURL() throws -> DatabaseURL? {
        guard let text = database ?? ProcessInfo.processInfo.environment["PIPELINE_DATABASE_URL"], !text.isEmpty else { return nil }
        do {
            return try DatabaseURL(text)
        } catch {
            throw ValidationError("--database: \(error)")
        }
    }

    /// The store, made if new.
    func store() async throws -> any PipelineStore {
        if let url = try databaseURL() {
            // The commands print their own results; only the driver's errors are worth a line.
            var logger = Logger(label: "pipeline.store.postgres")
            logger.logLevel = .error
            return try await PostgresStore(url: url, maximumConnections: 2, logger: logger)
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        return try SQLiteStore(path: "\(data)/pipeline.sqlite")
    }

    /// The store of a data folder that must already exist: listing or revoking in a mistyped
    /// folder must not quietly make an empty one.
    func existingStore() async throws -> any PipelineStore {
        if try databaseURL() == nil, !FileManager.default.fileExists(atPath: "\(data)/pipeline.sqlite") {
            FileHandle.standardError.write(Data("error: \(data) holds no pipeline.sqlite; give the --data folder pipeline serve uses (pipeline keys create makes one)\n".utf8))
            throw ExitCode(2)
        }
        return try await store()
    }
}
