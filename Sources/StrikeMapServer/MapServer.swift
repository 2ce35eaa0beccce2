import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// The service as a program runs it: its data read at start (a service with unreadable data does
/// not start), then HTTP on an address until SIGTERM or SIGINT, which stop new connections and
/// let the requests in progress finish (swift-service-lifecycle).
public struct MapServer: Sendable {
    let service: MapService

    /// Loads the geodata and reads the events; throws the library's typed errors.
    public init(settings: ServiceSettings, vocabulary: ServiceVocabulary) throws {
        service = try MapService(settings: settings, vocabulary: vocabulary, metrics: ServiceMetrics())
        try service.preload()
    }

    /// Serves on `host`:`port` (0: any free port); `onRunning` is given the port once listening.
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "strikemap")
        logger.logLevel = .info
        // Connections cost the service a file descriptor and no thread, so slow ones starve no one;
        // silent ones are closed after the idle timeout, and past the cap new ones are answered
        // 503 at once (ConnectionLimit).
        let idle = service.settings.idleTimeout
        let count = service.connections
        let server = HTTPServerBuilder { responder in
            CountedHTTP1Channel(inner: HTTP1Channel(responder: responder,
                                                    configuration: .init(idleTimeout: .milliseconds(Int64(idle * 1000)))),
                                count: count, drainSeconds: service.settings.drainSeconds)
        }
        let app = Application(router: ServiceRoutes(service: service).router(),
                              server: server,
                              configuration: .init(address: .hostname(host, port: port), serverName: "strikemap"),
                              onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
                              logger: logger)
        try await app.runService()
        // The server has stopped: every handler has finished and handed its answer to its
        // connection, but a large map may still be on its way to a slow client (8.8 MB were cut
        // at 3.3 MB when the process ended here). Wait for the connections to close.
        let left = await count.drained(within: service.settings.drainSeconds)
        if left > 0 { logger.warning("\(left) connections still open after the drain timeout; closing them") }
    }
}
