import Delivery
import Foundation
import Imaging
import PipelineCore
import PipelineRuntime

/// Makes rendered results (SPEC §10): from the cache, or by one render per key at a time
/// (`RenderFlights`), in a bounded number of slots (`RenderSlots`), each within the time limit.
final class RenderService: Sendable {
    /// How a result was had: `X-Render`.
    enum Source: String, Sendable {
        case hit, miss, coalesced
    }

    /// What one render asks for.
    struct Order: Sendable {
        var key: String
        var render: SingleOutputRender
        var sourcePath: String
        var sourceName: String
        /// Takes the render's credits and counts it against the plan (throws the refusal);
        /// called once per render, not for requests that wait for it or hit the cache.
        var admit: @Sendable () async throws -> Void = {}
        /// Gives them back when the render fails.
        var giveBack: @Sendable () async -> Void = {}
    }

    let cache: RenderCache
    /// Plans by name, read again every few seconds.
    let plans = PlanMemo()
    /// Ad-hoc options, read and planned once.
    let options = PreparedOptions()
    /// Saved configurations, parsed once per version.
    let configurations = PreparedConfigurations()
    /// The watermark images of `DATA/assets`, loaded once.
    let watermarks: WatermarkAssets
    let slots: RenderSlots
    let timeout: TimeInterval
    private let flights = RenderFlights<RenderCache.Entry>()
    private let counters = RenderCounters()

    init(settings: ServerSettings) {
        cache = RenderCache(folder: settings.renderCacheFolder, limit: settings.renderCacheBytes)
        slots = RenderSlots(concurrency: settings.renderConcurrency, queue: settings.renderQueue)
        timeout = settings.renderTimeoutSeconds
        watermarks = WatermarkAssets(directory: settings.assetFolder)
    }

    /// What the engine changes when it changes: part of every cache key. The executable's
    /// build ID changes with every rebuild: an engine change that moves an output's bytes (an
    /// encoder's settings, a reduce's weights) leaves the product version alone, and a result
    /// cached by the earlier build would then differ from the ZIP's file.
    static let engineVersion = "\(ProductInfo.version)/\(Libvips.executableBuildID)/libvips-\(Libvips.version)"

    /// Sorted keys: one text per document, for cache keys.
    static let canonicalJSON: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The cache key of `identity` (its parts, joined).
    static func key(_ identity: [String]) -> String {
        Digest.sha256(([engineVersion] + identity).joined(separator: "\n"))
    }

    /// The cached result under `key`, if any (counted as a hit).
    func cached(_ key: String) -> RenderCache.Entry? {
        guard let entry = cache.read(key) else { return nil }
        counters.add { $0.hits += 1 }
        return entry
    }

    /// Renders `order` (or waits for the render of the same key already running).
    func render(_ order: Order) async throws -> (RenderCache.Entry, Source) {
        let cache = self.cache, slots = self.slots, timeout = self.timeout, counters = self.counters
        let (entry, coalesced) = try await flights.value(for: order.key) {
            // Another process (or a flight that just ended) may have made it meanwhile.
            if let entry = cache.read(order.key) { return entry }
            let started = Date()
            let image: EncodedImage
            try await order.admit()
            do {
                image = try await slots.run { try await order.render.run(path: order.sourcePath, name: order.sourceName, timeout: timeout) }
            } catch {
                await order.giveBack()
                if error is RenderSlots.Busy { counters.add { $0.busy += 1 } }
                if let failure = error as? SingleOutputRender.Failure, failure.timedOut { counters.add { $0.timeouts += 1 } }
                throw error
            }
            let entry = RenderCache.Entry(format: image.format.rawValue, sha256: image.sha256, bytes: image.bytes)
            cache.write(order.key, entry)
            counters.add {
                $0.misses += 1
                $0.seconds += Date().timeIntervalSince(started)
            }
            return entry
        }
        if coalesced { counters.add { $0.coalesced += 1 } }
        return (entry, coalesced ? .coalesced : .miss)
    }

    /// The Prometheus lines of the renders so far.
    var metricsText: String {
        let c = counters.current
        let load = slots.load
        return """
            # TYPE pipeline_render_hits_total counter
            pipeline_render_hits_total \(c.hits)
            # TYPE pipeline_render_misses_total counter
            pipeline_render_misses_total \(c.misses)
            # TYPE pipeline_render_coalesced_total counter
            pipeline_render_coalesced_total \(c.coalesced)
            # TYPE pipeline_render_refused_busy_total counter
            pipeline_render_refused_busy_total \(c.busy)
            # TYPE pipeline_render_timeouts_total counter
            pipeline_render_timeouts_total \(c.timeouts)
            # TYPE pipeline_render_seconds_total counter
            pipeline_render_seconds_total \(c.seconds)
            # TYPE pipeline_render_cache_evictions_total counter
            pipeline_render_cache_evictions_total \(cache.evictions)
            # TYPE pipeline_render_cache_bytes gauge
            pipeline_render_cache_bytes \(cache.bytes)
            # TYPE pipeline_renders_running gauge
            pipeline_renders_running \(load.running)
            # TYPE pipeline_renders_waiting gauge
            pipeline_renders_waiting \(load.waiting)

            """
    }
}
