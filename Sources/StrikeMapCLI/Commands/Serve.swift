@preconcurrency import Glibc
import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapRender
import StrikeMapServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve maps over HTTP: a static-map API and a preview page.",
        discussion: """
        Answers GET /map.png, /map.svg and /map.pdf with a map of the data given with --events (event files or a store; default: the shipped sample). The query parameters are the flags of `strikemap render`, with the same names and meanings: /map.png?region=iraq&from=2023-11-01&to=2023-11-15&view=hexbin&theme=dark is `strikemap render --region iraq --from 2023-11-01 --to 2023-11-15 --view hexbin --theme dark`. A flag without a value is given as name=true (graticule=true) or name=false (inset=false). Parameters that would write files, or choose data other than the service's (events, spec, style, out, ...), are refused.

        Files on the server: a request (its query or a posted document) may name a file for a layer to draw (layer=, highlight-layer=, a document's file source), a choropleth's areas (by-layer=, a choropleth's file) or terrain (a raster layer=, a relief's raster) only when it is a regular file under a folder given with --data-dir; a relative path is taken under the first such folder. Any other path is refused with 400 before anything is opened, in words that do not tell whether the path exists. Without --data-dir no request names a file.

        Routes (GET routes answer HEAD too):
        \(ServiceRouteTable.helpText)

        POST /map takes a map document (JSON) as the body; /events.* and /stats.json take the map routes' parameters and answer as `strikemap events` and `strikemap events --stats` would.

        Maps carry a strong ETag made from the document and the data's version, so If-None-Match gives 304 and every instance gives the same ETag for the same request; rendered maps are kept in memory (--cache-mb), and so are drawn basemaps (--base-cache-mb), so a map of the same extent and style at other dates or of other kinds draws only its events, labels and furniture, to the same bytes. Headers X-StrikeMap-Events-Drawn and -Read give the counts; X-StrikeMap-Summary (the CLI's counts line) and X-StrikeMap-Caption (the alt-text paragraph) are UTF-8, percent-encoded. The data's version is looked at, at most, every --recheck seconds: a changed file or a new import into the store gives new maps.

        Errors are JSON ({"status": 400, "error": "...", "parameter": "width"}). At most --max-renders maps are drawn at once and --queue more wait; past that the answer is 503 with Retry-After. A posted document larger than --max-body is 413; headers past 80 KiB are refused; a connection silent for --idle-timeout is closed; past --max-connections open at once a new connection gets 503 with Retry-After and is closed (so do /health's: a balancer should send elsewhere), and /health gives the open count. SIGTERM or Ctrl-C stops accepting connections, lets the requests in progress finish and their answers reach their clients (up to --drain-timeout), and exits 0.

        Examples:
          strikemap serve
          strikemap serve --data-dir /srv/strikemap/layers      # then ?by-layer=governorates.geojson:name
          strikemap serve --events conflict.gpkg --port 8080
          curl -o m.png 'http://127.0.0.1:8080/map.png?region=syria&last=14d'
        """)

    @Option(name: .long, help: ArgumentHelp("The address to listen on. Default: loopback only; 0.0.0.0 for every interface (behind a proxy).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port (0: any free port, printed at start).", valueName: "port"))
    var port = 8080

    @Option(name: .long, help: ArgumentHelp("An event file or store to serve (as --events takes them); repeatable. Default: the shipped sample.", valueName: "file"))
    var events: [String] = []

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("A folder whose regular files requests may name for layers, choropleth areas and terrain (relative paths are under the first); repeatable. Default: none, and a request that names a file is refused.", valueName: "folder"))
    var dataDirs: [String] = []

    @Option(name: .customLong("max-renders"), help: ArgumentHelp("Maps drawn at once (default: the number of cores).", valueName: "n"))
    var maxRendersAsked: Int?

    @Option(name: .customLong("queue"), help: ArgumentHelp("Requests that may wait for a render slot before 503 (default: twice the cores).", valueName: "n"))
    var queueAsked: Int?

    @Option(name: .customLong("cache-mb"), help: ArgumentHelp("Memory for rendered maps, in MiB.", valueName: "MiB"))
    var cacheMB = 256

    @Option(name: .customLong("base-cache-mb"), help: ArgumentHelp("Memory for drawn basemaps, in MiB: maps of one extent and style at other dates draw only their events.", valueName: "MiB"))
    var baseCacheMB = 64

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Cache-Control max-age of maps, in seconds.", valueName: "seconds"))
    var maxAge = 60

    @Option(name: .customLong("render-timeout"), help: ArgumentHelp("Answer 504 when a map takes longer than this, in seconds.", valueName: "seconds"))
    var renderTimeout = 30.0

    @Option(name: .long, help: ArgumentHelp("Look for changed data at most this often, in seconds.", valueName: "seconds"))
    var recheck = 5.0

    @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest map document POST /map takes, in KiB; larger ones get 413.", valueName: "KiB"))
    var maxBody = 1024

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Close a connection that sends nothing for this long, in seconds.", valueName: "seconds"))
    var idleTimeout = 60.0

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Connections held open at once; past them a new connection is answered 503 with Retry-After and closed (default: as many as the process may open files, less 128 kept for data, fonts and the store, at most 10000; the soft limit is raised to the hard one at start).", valueName: "n"))
    var maxConnections: Int?

    @Option(name: .customLong("max-megapixels"), help: ArgumentHelp("Canvas megapixels drawn at once, whatever --max-renders allows (a map's memory follows its pixels; one larger than this is drawn alone).", valueName: "n"))
    var maxMegapixels = 160

    @Option(name: .customLong("drain-timeout"), help: ArgumentHelp("After SIGTERM or Ctrl-C, how long answers already begun may take to reach slow clients before the process ends, in seconds.", valueName: "seconds"))
    var drainTimeout = 30.0

    /// The cores, unless asked otherwise (the help names the rule, not this machine's number).
    var maxRenders: Int { maxRendersAsked ?? ProcessInfo.processInfo.activeProcessorCount }
    var queue: Int { queueAsked ?? 2 * ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        // Upper bounds too: the values become milliseconds and bytes, where 1e300 s or 10^13 MiB
        // would overflow (and crash at start) rather than mean anything.
        guard idleTimeout > 0, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout must be more than 0 and at most 86400 (seconds)") }
        guard maxBody >= 1, maxBody <= 1 << 20 else { throw ValidationError("--max-body must be 1 to 1048576 (KiB)") }
        guard cacheMB <= 1 << 20, baseCacheMB <= 1 << 20 else { throw ValidationError("--cache-mb and --base-cache-mb are at most 1048576 (MiB)") }
        guard renderTimeout <= 86_400, recheck <= 86_400, maxAge <= 31_536_000 else {
            throw ValidationError("--render-timeout and --recheck are at most 86400 seconds, --max-age at most 31536000")
        }
        guard maxRenders <= 4096, queue <= 1 << 20 else { throw ValidationError("--max-renders is at most 4096 and --queue at most 1048576") }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): use 0 to 65535") }
        guard maxRenders >= 1 else { throw ValidationError("--max-renders must be at least 1") }
        guard drainTimeout >= 0, drainTimeout <= 86_400 else { throw ValidationError("--drain-timeout must be 0 to 86400 (seconds)") }
        guard (1...100_000).contains(maxMegapixels) else { throw ValidationError("--max-megapixels must be 1 to 100000") }
        if let maxConnections, maxConnections < 1 { throw ValidationError("--max-connections must be at least 1") }
        guard queue >= 0 else { throw ValidationError("--queue must be 0 or more") }
        guard cacheMB >= 0 else { throw ValidationError("--cache-mb must be 0 or more") }
        guard baseCacheMB >= 0 else { throw ValidationError("--base-cache-mb must be 0 or more") }
        guard maxAge >= 0 else { throw ValidationError("--max-age must be 0 or more") }
        guard renderTimeout > 0, renderTimeout.isFinite else { throw ValidationError("--render-timeout must be more than 0") }
        guard recheck >= 0, recheck.isFinite else { throw ValidationError("--recheck must be 0 or more") }
        if events.contains("-") { throw ValidationError("--events -: a service cannot serve standard input; give a file or a store") }
        do { _ = try FileAccess(folders: dataDirs) } catch { throw ValidationError(error.description) }
    }

    var settings: ServiceSettings {
        var s = ServiceSettings()
        s.events = events
        s.maxRenders = maxRenders
        s.queue = queue
        s.cacheBytes = cacheMB << 20
        s.baseCacheBytes = baseCacheMB << 20
        s.maxAge = maxAge
        s.renderTimeout = renderTimeout
        s.recheckSeconds = recheck
        s.maxBodyBytes = maxBody << 10
        s.idleTimeout = idleTimeout
        s.maxConnections = maxConnections
        s.drainSeconds = drainTimeout
        s.pixelBudget = maxMegapixels * 1_000_000
        s.fileAccess = (try? FileAccess(folders: dataDirs)) ?? .none
        return s
    }

    func run() async throws {
        let server: MapServer
        do {
            server = try MapServer(settings: settings, vocabulary: .renderCommand)
        } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
        // SIGTERM and SIGINT drain the requests in progress (swift-service-lifecycle) instead of
        // the CLI's cleanup-and-die.
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_IGN) }
        let host = host
        do {
            try await server.run(host: host, port: port) { port in
                Console.error("strikemap: serving on http://\(host):\(port)/ (Ctrl-C to stop)")
            }
        } catch { throw CLIFailure.exit(for: error) }
    }
}
