import Foundation
import Logging
import PipelineStore
import PostgresNIO

extension PostgresStore {
    /// `LISTEN pipeline_work` on a connection of its own, reconnecting after a second when it
    /// drops, until cancelled. A missed notification costs at most the workers' slow poll.
    public func watchForWork(_ signal: @escaping @Sendable (WorkSignal) -> Void) async throws {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        for try await notification in notifications {
                            if let work = WorkSignal(rawValue: notification.payload) { signal(work) }
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for work stopped; listening again in 1 s", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
