import CoreMetrics
import Foundation
import Prometheus
import PipelineStore

/// The server's metrics, through swift-metrics into a Prometheus registry of its own (no
/// process-wide bootstrap): HTTP requests by route and status, refusals by code, source seconds, deliveries by
/// outcome; jobs by status and the queue depth are read from the store when scraped.
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["pipeline_source_seconds"] =
            [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60].map { Duration.milliseconds(Int($0 * 1000)) }
        self.factory = factory
    }

    /// One answered request; `route` is the pattern (`/v1/jobs/{jobId}`), never the raw path.
    func request(method: String, route: String, status: Int) {
        Counter(label: "http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))],
                factory: factory).increment()
    }

    /// One request refused by a plan's limit or an account check (402, 403, 429), by its code.
    func refused(code: String) {
        Counter(label: "pipeline_refusals_total", dimensions: [("code", code)], factory: factory).increment()
    }

    /// One source worked on by the engine.
    func sourceFinished(seconds: Double) {
        Timer(label: "pipeline_source_seconds", factory: factory).recordNanoseconds(Int64(seconds * 1e9))
    }

    /// One delivery attempt: `delivered`, `retry` or `failed`.
    func deliveryAttempt(outcome: String) {
        Counter(label: "pipeline_delivery_attempts_total", dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    /// The Prometheus text, with the job gauges read from `store` now.
    func render(store: any PipelineStore, renders: RenderService? = nil) async throws -> String {
        let counts = try await store.jobCounts(account: nil)
        for state in JobState.allCases {
            Gauge(label: "pipeline_jobs", dimensions: [("status", state.rawValue)], factory: factory).record(counts[state] ?? 0)
        }
        Gauge(label: "pipeline_queue_depth", factory: factory).record(try await store.queueDepth())
        return registry.emitToString() + (renders?.metricsText ?? "")
    }
}
