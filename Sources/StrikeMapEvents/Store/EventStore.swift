import CGDAL
import Foundation
import StrikeMapCore
import StrikeMapGeo

/// A store of events in a real database, through GDAL (loaded on demand): a GeoPackage file
/// (SQLite, the embedded default) or a PostGIS database (`PG:host=... dbname=...`). One table,
/// `events`, holds the whole event model with each row's source file and import time, a
/// spatial index on its point and indexes on date and kind, so a month or a province of ten
/// million events is read by the database, not by re-parsing CSV. QGIS, ogr2ogr, pandas and
/// SQL read it as it is (the README gives the schema).
///
/// Owns its GDAL dataset; not thread-safe (one store per thread, as GDAL wants).
public final class EventStore {
    public let location: String
    private let gdal: GDALLibrary
    private let ds: UnsafeMutableRawPointer
    private let layer: UnsafeMutableRawPointer
    /// Field index by column name, looked up once.
    private let field: [String: Int32]

    public static let tableName = "events"
    /// A PostGIS database rather than a GeoPackage file (the SQL differs in its spatial part).
    public var isPostgres: Bool { location.hasPrefix("PG:") }

    /// Whether `location` names a store rather than an event file: a `.gpkg` path or a `PG:`
    /// connection string.
    public static func isStore(_ location: String) -> Bool {
        location.hasPrefix("PG:") || (location as NSString).pathExtension.lowercased() == "gpkg"
    }

    /// Opens a store; `create` makes it (file and table) when it does not exist yet.
    public init(location: String, create: Bool) throws(StoreError) {
        guard case .success(let g) = GDALLibrary.shared else {
            if case .failure(let e) = GDALLibrary.shared { throw .open(location, e.description) }
            throw .open(location, "GDAL is not available")
        }
        gdal = g
        _ = VectorDataset.registered
        self.location = location
        let isPG = location.hasPrefix("PG:")
        let exists = isPG || FileManager.default.fileExists(atPath: location)
        // Every open waits a while for a lock rather than fail with "database is locked".
        if !isPG { g.CPLSetConfigOption("OGR_SQLITE_PRAGMA", "busy_timeout=60000") }
        var handle: UnsafeMutableRawPointer?
        gdal.CPLErrorReset()
        if exists {
            // Read-only unless importing: a store the user may read but not write is read (it
            // was refused), and reading never changes the file. An existing file's journal mode
            // is left as it is: a refused import once switched someone else's SQLite file to WAL.
            let mode = create ? GDAL_OF_UPDATE : GDAL_OF_READONLY
            handle = gdal.GDALOpenEx(location, UInt32(GDAL_OF_VECTOR | mode), nil, nil, nil)
            guard handle != nil else {
                if isPG {
                    throw .unreachable(location, Self.lastError(g, or: "cannot connect")
                        + " (check host, port, dbname, user and password in the PG: string; psql takes the same keywords)")
                }
                throw .open(location, Self.lastError(g, or: "not a GeoPackage GDAL can open"))
            }
        } else {
            guard create else { throw .open(location, "no such store; make one with: strikemap import FILE --into \(Self.quoted(location))") }
            // GDALCreate replaces an existing GeoPackage without a word: only ever called when
            // there is no file (checked just above).
            guard let driver = gdal.GDALGetDriverByName("GPKG") else { throw .open(location, "this GDAL has no GeoPackage driver") }
            // A new store is written in SQLite's write-ahead-log mode, so that maps read it while
            // an import runs (they see the store as it was until the import commits). The
            // option is the process's: set for this creation only.
            g.CPLSetConfigOption("OGR_SQLITE_JOURNAL", "WAL")
            handle = gdal.GDALCreate(driver, location, 0, 0, 0, GDT_Unknown, nil)
            g.CPLSetConfigOption("OGR_SQLITE_JOURNAL", nil)
            guard handle != nil else { throw .open(location, Self.lastError(g, or: "cannot create the file")) }
        }
        ds = handle!
        var l = gdal.GDALDatasetGetLayerByName(ds, Self.tableName)
        if l == nil {
            guard create else {
                gdal.GDALClose(ds)
                throw .open(location, "it has no '\(Self.tableName)' table; import events into it with: strikemap import FILE --into \(Self.quoted(location))")
            }
            do {
                if isPG { try Self.requirePostGIS(gdal, ds, location: location) }
                l = try Self.createTable(gdal, ds, location: location)
            } catch { gdal.GDALClose(ds); throw error }
        }
        layer = l!
        var defn = gdal.OGR_L_GetLayerDefn(layer)
        for c in StoreSchema.columns where !c.later && gdal.OGR_FD_GetFieldIndex(defn, c.name) < 0 {
            gdal.GDALClose(ds)
            throw .open(location, "its '\(Self.tableName)' table has no column '\(c.name)'; it was not made by strikemap import")
        }
        // A store made before a later column: an import adds it (reading goes without it). The
        // columns are nullable and empty for every row already there, so adding them changes no
        // event; where they cannot be added (a PostGIS user who may insert but not alter the
        // table, another import adding them at the same moment) the import goes on without them.
        if create {
            Self.addLaterColumns(gdal, layer, defn)
            defn = gdal.OGR_L_GetLayerDefn(layer)
        }
        var f: [String: Int32] = [:]
        for c in StoreSchema.columns {
            let i = gdal.OGR_FD_GetFieldIndex(defn, c.name)
            if i >= 0 { f[c.name] = i }
        }
        field = f
    }

    deinit { gdal.GDALClose(ds) }

    /// Adds the columns made after a store was (`StoreSchema.Column.later`), as far as it may.
    private static func addLaterColumns(_ g: GDALLibrary, _ layer: UnsafeMutableRawPointer, _ defn: UnsafeMutableRawPointer?) {
        for c in StoreSchema.columns where c.later && g.OGR_FD_GetFieldIndex(defn, c.name) < 0 {
            guard let fd = g.OGR_Fld_Create(c.name, c.type.ogr) else { continue }
            defer { g.OGR_Fld_Destroy(fd) }
            if g.OGR_L_CreateField(layer, fd, 1) != OGRERR_NONE { g.CPLErrorReset() }
        }
    }

    /// GDAL's last message on one line (libpq's span several and start with "PQconnectdb failed.").
    static func lastError(_ g: GDALLibrary, or fallback: String) -> String {
        let m = (g.CPLGetLastErrorMsg().map { String(cString: $0) } ?? "")
            .replacingOccurrences(of: "PQconnectdb failed.", with: "")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
            .replacingOccurrences(of: #"\s{2,}"#, with: " ", options: .regularExpression)
        return m.isEmpty ? fallback : m
    }

    /// The store as a command line gives it (a PG: string quoted, for the shell).
    static func quoted(_ location: String) -> String {
        location.hasPrefix("PG:") ? "\"" + StoreError.name(location) + "\"" : location
    }

    /// A PostgreSQL database must have PostGIS before the table is made: without it GDAL stores
    /// the point as bytes, with no spatial index and no spatial query. It is added when the user
    /// may; otherwise the error says who must.
    private static func requirePostGIS(_ g: GDALLibrary, _ ds: UnsafeMutableRawPointer, location: String) throws(StoreError) {
        func has() -> Bool {
            guard let rs = g.GDALDatasetExecuteSQL(ds, "SELECT extversion FROM pg_extension WHERE extname = 'postgis'", nil, nil) else { return false }
            defer { g.GDALDatasetReleaseResultSet(ds, rs) }
            guard let f = g.OGR_L_GetNextFeature(rs) else { return false }
            g.OGR_F_Destroy(f)
            return true
        }
        if has() { return }
        g.CPLErrorReset()
        if let rs = g.GDALDatasetExecuteSQL(ds, "CREATE EXTENSION IF NOT EXISTS postgis", nil, nil) { g.GDALDatasetReleaseResultSet(ds, rs) }
        guard has() else {
            throw .open(location, "the database has no PostGIS, and this user cannot add it (\(lastError(g, or: "permission denied"))); "
                + "a superuser must run CREATE EXTENSION postgis; in it (Debian: apt install postgresql-15-postgis-3)")
        }
    }

    private static func createTable(_ g: GDALLibrary, _ ds: UnsafeMutableRawPointer, location: String) throws(StoreError) -> UnsafeMutableRawPointer {
        guard let srs = g.OSRNewSpatialReference(nil) else { throw .open(location, "no spatial reference") }
        defer { g.OSRRelease(srs) }
        _ = g.OSRImportFromEPSG(srs, 4326)
        g.OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        var options: [UnsafeMutablePointer<CChar>?] = [strdup("SPATIAL_INDEX=YES"), strdup("FID=fid"), strdup("GEOMETRY_NAME=geom"), nil]
        defer { for o in options { free(o) } }
        let created = options.withUnsafeMutableBufferPointer { b in
            g.GDALDatasetCreateLayer(ds, tableName, srs, wkbPoint, b.baseAddress)
        }
        guard let layer = created else { throw .open(location, lastError(g, or: "cannot create the events table")) }
        for c in StoreSchema.columns {
            guard let fd = g.OGR_Fld_Create(c.name, c.type.ogr) else { throw .open(location, "cannot define column \(c.name)") }
            defer { g.OGR_Fld_Destroy(fd) }
            if c.name == "event_id" { g.OGR_Fld_SetNullable(fd, 0); g.OGR_Fld_SetUnique(fd, 1) }
            if c.json { g.OGR_Fld_SetSubType(fd, OFSTJSON) }
            guard g.OGR_L_CreateField(layer, fd, 1) == OGRERR_NONE else {
                throw .open(location, lastError(g, or: "cannot create column \(c.name)"))
            }
        }
        // Indexes for the filters a map pushes down (the spatial index comes with the layer).
        for sql in ["CREATE INDEX IF NOT EXISTS events_date_idx ON events(date)",
                    "CREATE INDEX IF NOT EXISTS events_kind_idx ON events(kind)",
                    "CREATE INDEX IF NOT EXISTS events_country_idx ON events(country)"] {
            if let rs = g.GDALDatasetExecuteSQL(ds, sql, nil, nil) { g.GDALDatasetReleaseResultSet(ds, rs) }
        }
        // The R-tree of a new layer is built when the layer is first written to disk: now, while
        // it is empty, so that it exists (and stays in step) whatever happens to the import.
        _ = g.OGR_L_SyncToDisk(layer)
        return layer
    }

    // MARK: Import

    /// What an import did: every event read is in exactly one of the four.
    public struct ImportCounts: Sendable, Equatable {
        public var inserted = 0, updated = 0, unchanged = 0, skipped = 0
        public var total: Int { inserted + updated + unchanged + skipped }
    }

    /// Inserts new events and updates changed ones (by event id), in one transaction: a failure
    /// or an interruption leaves the store as it was. `source` is recorded as each row's file.
    /// Each file's counts go into the import log (`event_imports`), in the same transaction.
    public func upsert(_ batches: [(events: [Event], source: String, publisher: String?, skipped: Int)]) throws(StoreError) -> ImportCounts {
        var counts = ImportCounts()
        let log = try importLog(create: true)!
        let existing = try existingRows()
        var seen: [String: (fid: Int64, hash: String)] = existing
        let now = ISO8601DateFormatter().string(from: Date())
        guard gdal.GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE else {
            throw .write(location, Self.lastError(gdal, or: "cannot start a transaction"))
        }
        do throws(StoreError) {
            let defn = gdal.OGR_L_GetLayerDefn(layer)
            for (events, source, publisher, skipped) in batches {
                let before = counts
                counts.skipped += skipped
                for e in events {
                    let texts = StoreSchema.texts(e)
                    let hash = StoreSchema.hash(e, texts: texts)
                    let old = seen[e.id]
                    if let old, old.hash == hash { counts.unchanged += 1; continue }
                    guard let f = gdal.OGR_F_Create(defn) else { throw .write(location, "out of memory") }
                    defer { gdal.OGR_F_Destroy(f) }
                    fill(f, e, texts: texts, hash: hash, source: source, publisher: publisher, importedAt: now)
                    if let old {
                        _ = gdal.OGR_F_SetFID(f, old.fid)
                        guard gdal.OGR_L_SetFeature(layer, f) == OGRERR_NONE else {
                            throw .write(location, "event \(e.id): " + Self.lastError(gdal, or: "update failed"))
                        }
                        counts.updated += 1
                        seen[e.id] = (old.fid, hash)
                    } else {
                        guard gdal.OGR_L_CreateFeature(layer, f) == OGRERR_NONE else {
                            throw .write(location, "event \(e.id): " + Self.lastError(gdal, or: "insert failed"))
                        }
                        counts.inserted += 1
                        seen[e.id] = (gdal.OGR_F_GetFID(f), hash)
                    }
                }
                try logImport(log, source: source, publisher: publisher, importedAt: now, counts: ImportCounts(
                    inserted: counts.inserted - before.inserted, updated: counts.updated - before.updated,
                    unchanged: counts.unchanged - before.unchanged, skipped: skipped))
            }
            guard gdal.GDALDatasetCommitTransaction(ds) == OGRERR_NONE else {
                throw .write(location, Self.lastError(gdal, or: "the commit failed"))
            }
        } catch {
            _ = gdal.GDALDatasetRollbackTransaction(ds)
            recountFeatures()
            throw error
        }
        recountFeatures()
        return counts
    }

    /// Sets the GeoPackage's stored feature count (`gpkg_ogr_contents`, which ogrinfo, QGIS and
    /// GDAL's own layer count read) to the rows the table holds. GDAL keeps the count in memory
    /// while it inserts and writes it when the store is closed: a rolled-back import still added
    /// its rows (54 rows recorded as 5,390 after a disk-full failure), and of two imports at once
    /// the last to close wrote only its own view (250,000 recorded for 300,000 rows). Written
    /// after GDAL has flushed its own, from a count of the committed rows.
    private func recountFeatures() {
        guard !isPostgres else { return }
        _ = gdal.OGR_L_SyncToDisk(layer)
        let sql = "UPDATE gpkg_ogr_contents SET feature_count = (SELECT COUNT(*) FROM \"\(Self.tableName)\") " +
            "WHERE lower(table_name) = lower('\(Self.tableName)')"
        if let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) { gdal.GDALDatasetReleaseResultSet(ds, rs) }
    }

    public static let importLogName = "event_imports"

    /// The import log: one row per file per import, with its counts. Made when `create` and
    /// missing (stores from before it had none); nil when missing otherwise.
    private func importLog(create: Bool) throws(StoreError) -> UnsafeMutableRawPointer? {
        if let l = gdal.GDALDatasetGetLayerByName(ds, Self.importLogName) { return l }
        guard create else { return nil }
        var options: [UnsafeMutablePointer<CChar>?] = [strdup("FID=fid"), nil]
        defer { for o in options { free(o) } }
        let made = options.withUnsafeMutableBufferPointer { b in
            gdal.GDALDatasetCreateLayer(ds, Self.importLogName, nil, wkbNone, b.baseAddress)
        }
        guard let l = made else { throw .write(location, Self.lastError(gdal, or: "cannot create the import log")) }
        for (name, type) in StoreSchema.importLogColumns {
            guard let fd = gdal.OGR_Fld_Create(name, type.ogr) else { throw .write(location, "cannot define column \(name)") }
            defer { gdal.OGR_Fld_Destroy(fd) }
            guard gdal.OGR_L_CreateField(l, fd, 1) == OGRERR_NONE else {
                throw .write(location, Self.lastError(gdal, or: "cannot create column \(name)"))
            }
        }
        _ = gdal.OGR_L_SyncToDisk(l)
        return l
    }

    private func logImport(_ log: UnsafeMutableRawPointer, source: String, publisher: String?, importedAt: String,
                           counts: ImportCounts) throws(StoreError) {
        let defn = gdal.OGR_L_GetLayerDefn(log)
        guard let f = gdal.OGR_F_Create(defn) else { throw .write(location, "out of memory") }
        defer { gdal.OGR_F_Destroy(f) }
        func i(_ n: String) -> Int32 { gdal.OGR_FD_GetFieldIndex(defn, n) }
        gdal.OGR_F_SetFieldString(f, i("source_file"), source)
        if let publisher { gdal.OGR_F_SetFieldString(f, i("publisher"), publisher) } else { gdal.OGR_F_SetFieldNull(f, i("publisher")) }
        gdal.OGR_F_SetFieldString(f, i("imported_at"), importedAt)
        for (n, v) in [("inserted", counts.inserted), ("updated", counts.updated), ("unchanged", counts.unchanged), ("skipped", counts.skipped)] {
            gdal.OGR_F_SetFieldInteger64(f, i(n), Int64(v))
        }
        guard gdal.OGR_L_CreateFeature(log, f) == OGRERR_NONE else {
            throw .write(location, Self.lastError(gdal, or: "cannot write the import log"))
        }
    }

    /// Every file ever imported, in the order first imported, with its publisher.
    public func importedFiles() throws(StoreError) -> [(file: String, publisher: String?)] {
        let sql = gdal.GDALDatasetGetLayerByName(ds, Self.importLogName) != nil
            ? "SELECT source_file, MAX(publisher) AS publisher FROM \(Self.importLogName) GROUP BY source_file ORDER BY MIN(fid)"
            : "SELECT source_file, MAX(publisher) AS publisher FROM \(Self.tableName) GROUP BY source_file ORDER BY MIN(fid)"
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) else {
            throw .read(location, Self.lastError(gdal, or: "cannot list the imported files"))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        var out: [(file: String, publisher: String?)] = []
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            guard gdal.OGR_F_IsFieldSetAndNotNull(f, 0) != 0, let p = gdal.OGR_F_GetFieldAsString(f, 0) else { continue }
            let publisher = gdal.OGR_F_IsFieldSetAndNotNull(f, 1) != 0 ? gdal.OGR_F_GetFieldAsString(f, 1).map { String(cString: $0) } : nil
            out.append((String(cString: p), publisher))
        }
        return out
    }

    /// Every stored event's id, row id and content hash (to tell new, changed and unchanged apart).
    private func existingRows() throws(StoreError) -> [String: (fid: Int64, hash: String)] {
        var out: [String: (fid: Int64, hash: String)] = [:]
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, "SELECT fid, event_id, row_hash FROM events", nil, nil) else {
            throw .read(location, Self.lastError(gdal, or: "cannot list the stored events"))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        // GeoPackage gives the fid as the row's id, PostgreSQL as a column: found by name.
        let defn = gdal.OGR_L_GetLayerDefn(rs)
        let iFID = gdal.OGR_FD_GetFieldIndex(defn, "fid"), iID = gdal.OGR_FD_GetFieldIndex(defn, "event_id")
        let iHash = gdal.OGR_FD_GetFieldIndex(defn, "row_hash")
        guard iID >= 0, iHash >= 0 else { throw .read(location, "the events table lacks event_id or row_hash") }
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            let id = gdal.OGR_F_GetFieldAsString(f, iID).map { String(cString: $0) } ?? ""
            let fid = iFID >= 0 ? gdal.OGR_F_GetFieldAsInteger64(f, iFID) : gdal.OGR_F_GetFID(f)
            out[id] = (fid, gdal.OGR_F_GetFieldAsString(f, iHash).map { String(cString: $0) } ?? "")
        }
        return out
    }

    private func fill(_ f: UnsafeMutableRawPointer, _ e: Event, texts: [(String, String?)], hash: String, source: String,
                      publisher: String?, importedAt: String) {
        func text(_ name: String, _ v: String?) {
            guard let i = field[name] else { return }
            if let v { gdal.OGR_F_SetFieldString(f, i, v) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        func int(_ name: String, _ v: Int?) {
            guard let i = field[name] else { return }
            if let v { gdal.OGR_F_SetFieldInteger64(f, i, Int64(v)) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        func real(_ name: String, _ v: Double?) {
            guard let i = field[name] else { return }
            if let v { gdal.OGR_F_SetFieldDouble(f, i, v) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        for (name, value) in texts { text(name, value) }
        int("injured", e.injured); int("killed", e.killed)
        real("lat", e.location.lat); real("lon", e.location.lon)
        real("origin_lat", e.origin?.lat); real("origin_lon", e.origin?.lon)
        let u = e.uncertainty
        text("date_end", u.dateEnd?.description); text("date_precision", u.datePrecision?.rawValue)
        int("killed_low", u.killedLow); int("killed_high", u.killedHigh)
        text("source_file", source); text("publisher", publisher); text("imported_at", importedAt); text("row_hash", hash)
        if let g = gdal.OGR_G_CreateGeometry(wkbPoint) {
            gdal.OGR_G_SetPoint_2D(g, 0, e.location.lon, e.location.lat)
            _ = gdal.OGR_F_SetGeometryDirectly(f, g)
        }
    }

    // MARK: Reading

    /// Reads the events `query` selects, the filters done by the database (its indexes), into
    /// `collector` as a reader of files would, in the order they were imported (files' order).
    /// `notes: false` leaves notes and sources out.
    public func read(_ query: StoreQuery, notes: Bool = true, into collector: inout RowCollector) throws(EventReadError) {
        // Only the model's columns, named: no geometry (the point is in lat/lon), no bookkeeping.
        let wanted = presentModelColumns.filter { notes || ($0 != "notes" && $0 != "sources") } + ["source_file", "publisher"]
        var sql = "SELECT " + wanted.joined(separator: ", ") + " FROM \(Self.tableName)"
        if let w = query.whereClause(postgres: isPostgres) { sql += " WHERE " + w }
        sql += " ORDER BY fid"
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) else {
            throw .store(.read(location, Self.lastError(gdal, or: "the query failed")))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        let defn = gdal.OGR_L_GetLayerDefn(rs)
        var column: [String: Int32] = [:]
        for c in wanted { column[c] = gdal.OGR_FD_GetFieldIndex(defn, c) }
        let name = isPostgres ? "PostGIS store" : location
        var line = 0
        // The files the events came from, and their publishers, for the source line.
        var files: [String] = [], known = Set<String>()
        let iFile = column["source_file"]!, iPublisher = column["publisher"]!
        var lastFile = ""
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            line += 1
            if let p = gdal.OGR_F_GetFieldAsString(f, iFile), strcmp(p, lastFile) != 0 {
                let file = String(cString: p)
                lastFile = file
                collector.origin(file)
                if known.insert(file).inserted {
                    files.append(file)
                    if gdal.OGR_F_IsFieldSetAndNotNull(f, iPublisher) != 0, let q = gdal.OGR_F_GetFieldAsString(f, iPublisher) {
                        collector.publisher(String(cString: q), of: file)
                    }
                }
            }
            try collector.row(file: name, line: line) { () throws -> Event in try self.event(from: f, column) }
        }
        if gdal.CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
            throw .store(.read(location, Self.lastError(gdal, or: "the query failed")))
        }
        // Nothing selected: a filter the whole store does not pass (a misspelt kind) is told as
        // for files, with what the store has instead; and the map still names its data, every
        // file in the store, as a map of those files would name them all.
        if line == 0 {
            do throws(StoreError) { collector.storeMiss(try firstMiss(query)) } catch { throw .store(error) }
            let all: [(file: String, publisher: String?)]
            do throws(StoreError) { all = try importedFiles() } catch { throw .store(error) }
            for (file, publisher) in all {
                files.append(file)
                if let publisher { collector.publisher(publisher, of: file) }
            }
        }
        collector.storeFiles(files, of: location)
        do throws(StoreError) { if let span = try dateSpan() { collector.storeDates(span, of: location) } } catch { throw .store(error) }
    }

    /// The model's columns this store has (one made before a later column lacks it).
    private var presentModelColumns: [String] { StoreSchema.modelColumns.filter { field[$0] != nil } }

    private func event(from f: UnsafeMutableRawPointer, _ column: [String: Int32]) throws -> Event {
        func index(_ n: String) -> Int32 { column[n] ?? -1 }
        func has(_ n: String) -> Bool { let i = index(n); return i >= 0 && gdal.OGR_F_IsFieldSetAndNotNull(f, i) != 0 }
        func text(_ n: String) -> String {
            guard has(n), let p = gdal.OGR_F_GetFieldAsString(f, index(n)) else { return "" }
            return String(cString: p)
        }
        func opt(_ n: String) -> String? { has(n) ? text(n) : nil }
        func int(_ n: String) -> Int? { has(n) ? Int(gdal.OGR_F_GetFieldAsInteger64(f, index(n))) : nil }
        func real(_ n: String) -> Double? { has(n) ? gdal.OGR_F_GetFieldAsDouble(f, index(n)) : nil }
        return try StoreSchema.event(text: text, optional: opt, int: int, real: real)
    }

    /// One page of the events `query` selects, in date order and then by id, and how many it
    /// selects in all: the database counts, orders (its date index) and skips, so a page of a
    /// 200,000-event store reads a page, not the store (which took 102 s and 1.8 GB an answer).
    /// Ids are ordered by their bytes, as Swift orders them (PostgreSQL's collation "C").
    public func page(_ query: StoreQuery, offset: Int, limit: Int) throws(StoreError) -> (events: [Event], total: Int) {
        let condition = query.whereClause(postgres: isPostgres).map { " WHERE " + $0 } ?? ""
        guard let total = try rows("SELECT COUNT(*) AS n FROM \(Self.tableName)\(condition)", columns: 1).first.flatMap({ Int($0[0]) }) else {
            throw .read(location, "the count failed")
        }
        guard offset < total, limit > 0 else { return ([], total) }
        let wanted = presentModelColumns
        let order = isPostgres ? "date, event_id COLLATE \"C\", fid" : "date, event_id, fid"
        let sql = "SELECT " + wanted.joined(separator: ", ") + " FROM \(Self.tableName)\(condition) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)"
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) else {
            throw .read(location, Self.lastError(gdal, or: "the query failed"))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        let defn = gdal.OGR_L_GetLayerDefn(rs)
        var column: [String: Int32] = [:]
        for c in wanted { column[c] = gdal.OGR_FD_GetFieldIndex(defn, c) }
        var events: [Event] = []
        events.reserveCapacity(min(limit, total - offset))
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            do { events.append(try event(from: f, column)) } catch {
                throw .read(location, "a stored event cannot be read back (\(error)); re-import its file")
            }
        }
        if gdal.CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
            throw .read(location, Self.lastError(gdal, or: "the query failed"))
        }
        return (events, total)
    }

    /// Counts per kind, type, country, week, site, weapon and confidence of the events `query`
    /// selects, aggregated by the database in one grouped pass: the events themselves are never
    /// read out. Sites are keyed and named as `StatsAccumulator` does (id, else name).
    public func stats(_ query: StoreQuery) throws(StoreError) -> EventStats {
        var sql = "SELECT date, kind, event_type, country, COALESCE(site_id, site_name, '(no site)') AS site_key, "
            + "MIN(COALESCE(site_name, site_id, '(no site)')) AS site_label, weapon, confidence, COUNT(*) AS n FROM \(Self.tableName)"
        if let w = query.whereClause(postgres: isPostgres) { sql += " WHERE " + w }
        sql += " GROUP BY date, kind, event_type, country, site_key, weapon, confidence"
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) else {
            throw .read(location, Self.lastError(gdal, or: "the count failed"))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        let defn = gdal.OGR_L_GetLayerDefn(rs)
        func i(_ n: String) -> Int32 { gdal.OGR_FD_GetFieldIndex(defn, n) }
        let (iDate, iKind, iType, iCountry, iSite, iLabel, iWeapon, iConfidence, iN) =
            (i("date"), i("kind"), i("event_type"), i("country"), i("site_key"), i("site_label"), i("weapon"), i("confidence"), i("n"))
        var s = EventStats()
        var byDay: [String: Int] = [:]
        var siteName: [String: String] = [:], siteCount: [String: Int] = [:]
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            func text(_ i: Int32) -> String { gdal.OGR_F_GetFieldAsString(f, i).map { String(cString: $0) } ?? "" }
            let n = Int(gdal.OGR_F_GetFieldAsInteger64(f, iN))
            s.total += n
            byDay[text(iDate), default: 0] += n
            s.byKind[text(iKind), default: 0] += n
            let type = text(iType)
            if !type.isEmpty { s.byType[type, default: 0] += n }
            s.byCountry[text(iCountry), default: 0] += n
            let key = text(iSite), label = text(iLabel)
            siteCount[key, default: 0] += n
            if siteName[key].map({ label < $0 }) ?? true { siteName[key] = label }
            s.byWeapon[Weapon(rawValue: text(iWeapon))?.rawValue ?? Weapon.unknown.rawValue, default: 0] += n
            s.byConfidence[(Confidence(rawValue: text(iConfidence)) ?? .unstated).rawValue, default: 0] += n
        }
        if gdal.CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
            throw .read(location, Self.lastError(gdal, or: "the count failed"))
        }
        for (key, n) in siteCount { s.bySite[siteName[key] ?? key, default: 0] += n }
        for (day, n) in byDay {
            // GDAL gives a DATE column back as 2023/11/20.
            guard let d = StoreSchema.storedDate(day) else {
                throw .read(location, "a stored date '\(day)' is not a date")
            }
            s.byWeek[EventStats.weekKey(d), default: 0] += n
            if s.firstDate.map({ d < $0 }) ?? true { s.firstDate = d }
            if s.lastDate.map({ d > $0 }) ?? true { s.lastDate = d }
        }
        return s
    }

    /// Changes whenever an import writes to the store: its import log's length and last row
    /// (a store from before the log: its event count). For services that cache maps.
    public func version() throws(StoreError) -> String {
        if gdal.GDALDatasetGetLayerByName(ds, Self.importLogName) != nil {
            let r = try rows("SELECT COUNT(*) AS n, MAX(fid) AS last FROM \(Self.importLogName)", columns: 2)
            return "log:" + (r.first?.joined(separator: ":") ?? "")
        }
        return "events:\(count)"
    }

    /// The first of the kinds, types, actor and countries asked for that no stored event has
    /// (each alone, over the whole store), with the store's commonest values for that field.
    func firstMiss(_ query: StoreQuery) throws(StoreError) -> (field: String, present: [String])? {
        let columns = ["kinds": ["kind"], "types": ["event_type", "sub_event_type"], "actor": ["actor"], "countries": ["country"]]
        for field in ["kinds", "types", "actor", "countries"] {
            let conditions = query.clauses(postgres: isPostgres).filter { $0.field == field }.map(\.sql)
            guard !conditions.isEmpty else { continue }
            let sql = "SELECT 1 AS hit FROM \(Self.tableName) WHERE " + conditions.joined(separator: " AND ") + " LIMIT 1"
            if try !rows(sql, columns: 1).isEmpty { continue }
            var counts: [String: Int] = [:]
            for c in columns[field]! {
                for r in try rows("SELECT \(c) AS v, COUNT(*) AS n FROM \(Self.tableName) WHERE \(c) <> '' GROUP BY \(c) ORDER BY n DESC LIMIT 12", columns: 2) {
                    counts[r[0], default: 0] += Int(r[1]) ?? 0
                }
            }
            let present = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12).map(\.key)
            return (field, present)
        }
        return nil
    }

    /// The rows of a query, each as its first `columns` columns' text.
    private func rows(_ sql: String, columns n: Int32) throws(StoreError) -> [[String]] {
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, sql, nil, nil) else { return [] }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        var out: [[String]] = []
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            out.append((0..<n).map { i in gdal.OGR_F_GetFieldAsString(f, i).map { String(cString: $0) } ?? "" })
        }
        if gdal.CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
            throw .read(location, Self.lastError(gdal, or: "the query failed"))
        }
        return out
    }

    /// The first and last date in the store (one indexed MIN/MAX), nil for an empty store: a map
    /// of a month past the store's end says where its data end, as a map of its files would.
    public func dateSpan() throws(StoreError) -> DateRange? {
        // Two subqueries: SQLite answers a lone MIN or MAX from the index, but scans for both at once.
        guard let r = try rows("SELECT (SELECT MIN(date) FROM \(Self.tableName)) AS lo, (SELECT MAX(date) FROM \(Self.tableName)) AS hi",
                               columns: 2).first,
              let lo = StoreSchema.storedDate(r[0]), let hi = StoreSchema.storedDate(r[1]) else { return nil }
        return try? DateRange(from: lo, to: hi)
    }

    /// The newest event's date (for `--last`), nil for an empty store.
    public func newestDate() throws(StoreError) -> CivilDate? {
        try distinct("MAX(date)").first.flatMap(StoreSchema.storedDate)
    }

    /// The distinct values of a column (or expression) over the whole store, e.g. to tell a
    /// misspelt kind from one the store simply lacks.
    public func distinct(_ expression: String) throws(StoreError) -> [String] {
        gdal.CPLErrorReset()
        guard let rs = gdal.GDALDatasetExecuteSQL(ds, "SELECT DISTINCT \(expression) AS v FROM \(Self.tableName)", nil, nil) else {
            throw .read(location, Self.lastError(gdal, or: "cannot list \(expression)"))
        }
        defer { gdal.GDALDatasetReleaseResultSet(ds, rs) }
        var out: [String] = []
        while let f = gdal.OGR_L_GetNextFeature(rs) {
            defer { gdal.OGR_F_Destroy(f) }
            if gdal.OGR_F_IsFieldSetAndNotNull(f, 0) != 0, let p = gdal.OGR_F_GetFieldAsString(f, 0) { out.append(String(cString: p)) }
        }
        return out
    }

    /// How many events the store holds.
    public var count: Int { Int(gdal.OGR_L_GetFeatureCount(layer, 1)) }
}
