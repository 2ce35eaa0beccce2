import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore
import StrikeMapRender

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import event files into an event store (a GeoPackage file, or PostGIS).",
        discussion: """
        Reads each file as --events would (StrikeMap CSV, ACLED exports, the Yemen Data Project's log, any CSV with a date and coordinates, GeoJSON) and writes its events into the store's `events` table, with the file's name and the import time on every row. The store is made when it does not exist: a path ending in .gpkg (a GeoPackage: one file that QGIS, ogr2ogr, pandas and SQLite read as it is) or, for a team, a PostGIS database given as PG:"host=... dbname=... user=...".

        Events are matched by id: a re-import of an updated export inserts the new events, updates the changed ones and leaves the rest, and says how many of each (with the rows skipped as bad, the four add up to the rows read). The whole import is one transaction: a failure or Ctrl-C leaves the store as it was.

        Maps and lists then read the store with --events STORE; their date range, given extent, kind, type, actor, country, site and confidence filters are done by the database, with its indexes, and `events --stats` is counted by it. Maps may read the store while an import runs: they see it as it was until the import commits. Each import is logged per file, with its counts, in the table event_imports.

        PostGIS: the database must have PostGIS (a superuser runs CREATE EXTENSION postgis once; the import adds it when its user may). The PG: string takes libpq's keywords (host, port, dbname, user, password, sslmode); keep a password in ~/.pgpass or PGPASSWORD rather than on the command line.

        Examples:
          strikemap import acled-2023.csv acled-2024.csv --into conflict.gpkg
          strikemap render --events conflict.gpkg --month 2024-03 --country Sudan
          strikemap events --events conflict.gpkg --stats
          strikemap import acled-2024-w12.csv --into PG:"host=db.example.org dbname=conflict user=desk"
        """)

    @Argument(help: ArgumentHelp("Event files to import (any format --events reads).", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("The store: a .gpkg path (made if missing) or a PostGIS connection PG:\"host=... dbname=...\".",
                                            valueName: "store"))
    var into: String

    @Flag(name: .long, help: "Stop at the first bad row instead of skipping and reporting it.")
    var strict = false

    @Flag(name: .long, help: "Say nothing on success.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give one or more event files to import, e.g. strikemap import events.csv --into events.gpkg") }
        guard EventStore.isStore(into) else {
            throw ValidationError("--into '\(into)': give a GeoPackage path ending in .gpkg, or a PostGIS connection PG:\"host=... dbname=...\"")
        }
        if files.contains("-") { throw ValidationError("import reads files, not standard input: save it to a file first") }
    }

    func run() throws {
        do { try importFiles() } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }

    private func importFiles() throws {
        let catalog = try GeoCatalog.load()
        let loader = EventLoader(gazetteer: catalog.gazetteer, strict: strict)
        var batches: [(events: [Event], source: String, publisher: String?, skipped: Int)] = []
        var skipped = 0, read = 0
        // Every file is read before the store is touched: a file that cannot be read stops the
        // import with the store unchanged.
        for path in files {
            let report = try loader.read(path: path)
            if !quiet { EventInputOptions.reportIssues(report) }
            batches.append((report.events, (path as NSString).lastPathComponent, report.publishers[path],
                            report.skippedTotal + report.duplicatesTotal))
            skipped += report.skippedTotal + report.duplicatesTotal
            read += report.events.count + report.skippedTotal + report.duplicatesTotal
        }
        let store = try EventStore(location: into, create: true)
        let counts = try store.upsert(batches)
        if !quiet {
            Console.error("strikemap: import: \(MapText.number(read)) rows read from \(MapText.plural(files.count, "file")): "
                + "\(MapText.number(counts.inserted)) inserted, \(MapText.number(counts.updated)) updated, "
                + "\(MapText.number(counts.unchanged)) unchanged, \(MapText.number(counts.skipped)) skipped; "
                + "\(MapText.number(store.count)) events in \(StoreError.name(into))")
        }
    }
}
