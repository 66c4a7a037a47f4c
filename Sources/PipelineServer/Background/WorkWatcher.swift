import Logging
import PipelineStore
import ServiceLifecycle

/// Rings the workers' and the deliverer's doorbells when another process announces work (the
/// store's `watchForWork`: PostgreSQL's LISTEN/NOTIFY). With SQLite there is nothing to watch
/// and it just waits for shutdown.
struct WorkWatcher: Service {
    var env: ServerEnvironment

    func run() async throws {
        let jobs = env.jobsQueued, deliveries = env.deliveriesDue, store = env.store
        try? await cancelWhenGracefulShutdown {
            try await store.watchForWork { signal in
                switch signal {
                case .job: jobs.ring()
                case .delivery: deliveries.ring()
                }
            }
            try await gracefulShutdown()
        }
    }
}
