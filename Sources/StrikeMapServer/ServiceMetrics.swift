import Foundation
import Prometheus

/// The service's Prometheus metrics (`GET /metrics`): requests by route and status, latency,
/// cache hits and misses, renders in flight.
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let hits: Counter
    private let misses: Counter
    private let latency: DurationHistogram
    let rendersInFlight: Gauge
    /// Maps drawn, and requests that waited for a render of the same map already in progress.
    let renders: Counter
    let coalesced: Counter
    /// Renders not begun, or stopped part way, because their clients had gone.
    let abandoned: Counter
    /// Bytes held by the response cache and the basemap cache (each within its bound).
    let cacheBytes: Gauge
    let baseCacheBytes: Gauge
    /// Connections open now, and those refused at the cap (`--max-connections`).
    let connectionsOpen: Gauge
    let connectionsRefused: Counter

    init() {
        hits = registry.makeCounter(name: "strikemap_cache_hits_total", help: "Maps answered from the response cache (304s included).")
        misses = registry.makeCounter(name: "strikemap_cache_misses_total", help: "Maps that had to be rendered.")
        latency = registry.makeDurationHistogram(
            name: "strikemap_request_duration_seconds",
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                      .seconds(1), .seconds(2), .seconds(5), .seconds(10)],
            help: "Time to answer a request, whatever its route.")
        rendersInFlight = registry.makeGauge(name: "strikemap_renders_in_flight", help: "Renders running now.")
        renders = registry.makeCounter(name: "strikemap_renders_total", help: "Maps drawn.")
        coalesced = registry.makeCounter(name: "strikemap_renders_shared_total", help: "Requests answered by a render of the same map already in progress.")
        abandoned = registry.makeCounter(name: "strikemap_renders_abandoned_total", help: "Renders dropped unrun or stopped part way: their clients had closed the connection.")
        cacheBytes = registry.makeGauge(name: "strikemap_cache_bytes", help: "Bytes of maps held by the response cache (--cache-mb).")
        baseCacheBytes = registry.makeGauge(name: "strikemap_base_cache_bytes", help: "Bytes of drawn basemaps held (--base-cache-mb).")
        connectionsOpen = registry.makeGauge(name: "strikemap_connections_open", help: "Connections open now.")
        connectionsRefused = registry.makeCounter(name: "strikemap_connections_refused_total",
                                                  help: "Connections answered 503 and closed at once: the service held --max-connections.")
    }

    func cacheHit() { hits.increment() }
    func cacheMiss() { misses.increment() }

    func request(route: String, status: Int, seconds: Duration) {
        registry.makeCounter(name: "strikemap_requests_total", labels: [("route", route), ("status", String(status))],
                             help: "Requests answered, by route and status.").increment()
        latency.record(seconds)
    }

    var text: String { registry.emitToString() }
}
