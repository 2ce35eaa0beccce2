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
        var handle: UnsafeMutableRawPointer?
        gdal.CPLErrorReset()
        if isPG || FileManager.default.fileExists(atPath: location) {
            handle = gdal.GDALOpenEx(location, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil)
            guard handle != nil else { throw .open(location, Self.lastError(g, or: isPG ? "cannot connect" : "not a GeoPackage GDAL can open")) }
        } else {
            guard create else { throw .open(location, "no such store; make one with: strikemap import FILE --into \(location)") }
            // GDALCreate replaces an existing GeoPackage without a word: only ever called when
            // there is no file (checked just above).
            guard let driver = gdal.GDALGetDriverByName("GPKG") else { throw .open(location, "this GDAL has no GeoPackage driver") }
            handle = gdal.GDALCreate(driver, location, 0, 0, 0, GDT_Unknown, nil)
            guard handle != nil else { throw .open(location, Self.lastError(g, or: "cannot create the file")) }
        }
        ds = handle!
        var l = gdal.GDALDatasetGetLayerByName(ds, Self.tableName)
        if l == nil {
            guard create else {
                gdal.GDALClose(ds)
                throw .open(location, "it has no '\(Self.tableName)' table; import events into it with: strikemap import FILE --into \(location)")
            }
            do { l = try Self.createTable(gdal, ds, location: location) } catch { gdal.GDALClose(ds); throw error }
        }
        layer = l!
        let defn = gdal.OGR_L_GetLayerDefn(layer)
        var f: [String: Int32] = [:]
        for c in StoreSchema.columns {
            let i = gdal.OGR_FD_GetFieldIndex(defn, c.name)
            guard i >= 0 else {
                gdal.GDALClose(ds)
                throw .open(location, "its '\(Self.tableName)' table has no column '\(c.name)'; it was not made by strikemap import")
            }
            f[c.name] = i
        }
        field = f
    }

    deinit { gdal.GDALClose(ds) }

    static func lastError(_ g: GDALLibrary, or fallback: String) -> String {
        let m = g.CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        return m.isEmpty ? fallback : m
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
    public func upsert(_ batches: [(events: [Event], source: String, publisher: String?)], skipped: Int = 0) throws(StoreError) -> ImportCounts {
        var counts = ImportCounts(skipped: skipped)
        let existing = try existingRows()
        var seen: [String: (fid: Int64, hash: String)] = existing
        let now = ISO8601DateFormatter().string(from: Date())
        guard gdal.GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE else {
            throw .write(location, Self.lastError(gdal, or: "cannot start a transaction"))
        }
        do throws(StoreError) {
            let defn = gdal.OGR_L_GetLayerDefn(layer)
            for (events, source, publisher) in batches {
                for e in events {
                    let hash = StoreSchema.hash(e)
                    let old = seen[e.id]
                    if let old, old.hash == hash { counts.unchanged += 1; continue }
                    guard let f = gdal.OGR_F_Create(defn) else { throw .write(location, "out of memory") }
                    defer { gdal.OGR_F_Destroy(f) }
                    fill(f, e, hash: hash, source: source, publisher: publisher, importedAt: now)
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
            }
            guard gdal.GDALDatasetCommitTransaction(ds) == OGRERR_NONE else {
                throw .write(location, Self.lastError(gdal, or: "the commit failed"))
            }
        } catch {
            _ = gdal.GDALDatasetRollbackTransaction(ds)
            throw error
        }
        return counts
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

    private func fill(_ f: UnsafeMutableRawPointer, _ e: Event, hash: String, source: String, publisher: String?, importedAt: String) {
        func text(_ name: String, _ v: String?) {
            let i = field[name]!
            if let v { gdal.OGR_F_SetFieldString(f, i, v) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        func int(_ name: String, _ v: Int?) {
            let i = field[name]!
            if let v { gdal.OGR_F_SetFieldInteger64(f, i, Int64(v)) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        func real(_ name: String, _ v: Double?) {
            let i = field[name]!
            if let v { gdal.OGR_F_SetFieldDouble(f, i, v) } else { gdal.OGR_F_SetFieldNull(f, i) }
        }
        for (name, value) in StoreSchema.texts(e) { text(name, value) }
        int("injured", e.injured); int("killed", e.killed)
        real("lat", e.location.lat); real("lon", e.location.lon)
        real("origin_lat", e.origin?.lat); real("origin_lon", e.origin?.lon)
        text("source_file", source); text("publisher", publisher); text("imported_at", importedAt); text("row_hash", hash)
        if let g = gdal.OGR_G_CreateGeometry(wkbPoint) {
            gdal.OGR_G_SetPoint_2D(g, 0, e.location.lon, e.location.lat)
            _ = gdal.OGR_F_SetGeometryDirectly(f, g)
        }
    }

    // MARK: Reading

    /// Reads the events `query` selects, the filters done by the database (its indexes), into
    /// `collector` as a reader of files would. `notes: false` leaves notes and sources out.
    public func read(_ query: StoreQuery, notes: Bool = true, into collector: inout RowCollector) throws(EventReadError) {
        let filter = query.whereClause
        gdal.CPLErrorReset()
        guard gdal.OGR_L_SetAttributeFilter(layer, filter) == OGRERR_NONE else {
            throw .store(.read(location, Self.lastError(gdal, or: "bad filter \(filter ?? "")")))
        }
        if let b = query.box {
            gdal.OGR_L_SetSpatialFilterRect(layer, b.west, b.south, b.east, b.north)
        } else {
            gdal.OGR_L_SetSpatialFilter(layer, nil)
        }
        defer { _ = gdal.OGR_L_SetAttributeFilter(layer, nil); gdal.OGR_L_SetSpatialFilter(layer, nil) }
        // The point is in lat/lon columns too: reading them is cheaper than the geometry.
        var ignored: [UnsafeMutablePointer<CChar>?] = [strdup("OGR_GEOMETRY")] + (notes ? [] : [strdup("notes"), strdup("sources")]) + [nil]
        defer { for p in ignored { free(p) } }
        _ = ignored.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: b.count) { gdal.OGR_L_SetIgnoredFields(layer, $0) }
        }
        defer { _ = gdal.OGR_L_SetIgnoredFields(layer, nil) }
        gdal.OGR_L_ResetReading(layer)
        let name = location.hasPrefix("PG:") ? "PostGIS store" : location
        var line = 0
        // The files the events came from, and their publishers, for the source line.
        var files: [String] = [], known = Set<String>()
        let iFile = field["source_file"]!, iPublisher = field["publisher"]!
        while let f = gdal.OGR_L_GetNextFeature(layer) {
            defer { gdal.OGR_F_Destroy(f) }
            line += 1
            if let p = gdal.OGR_F_GetFieldAsString(f, iFile) {
                let file = String(cString: p)
                if known.insert(file).inserted {
                    files.append(file)
                    if gdal.OGR_F_IsFieldSetAndNotNull(f, iPublisher) != 0, let q = gdal.OGR_F_GetFieldAsString(f, iPublisher) {
                        collector.publisher(String(cString: q), of: file)
                    }
                }
            }
            try collector.row(file: name, line: line) { () throws -> Event in try self.event(from: f) }
        }
        collector.storeFiles(files, of: location)
        if gdal.CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
            throw .store(.read(location, Self.lastError(gdal, or: "the query failed")))
        }
    }

    private func event(from f: UnsafeMutableRawPointer) throws -> Event {
        func has(_ n: String) -> Bool { gdal.OGR_F_IsFieldSetAndNotNull(f, field[n]!) != 0 }
        func text(_ n: String) -> String {
            guard has(n), let p = gdal.OGR_F_GetFieldAsString(f, field[n]!) else { return "" }
            return String(cString: p)
        }
        func opt(_ n: String) -> String? { has(n) ? text(n) : nil }
        func int(_ n: String) -> Int? { has(n) ? Int(gdal.OGR_F_GetFieldAsInteger64(f, field[n]!)) : nil }
        func real(_ n: String) -> Double? { has(n) ? gdal.OGR_F_GetFieldAsDouble(f, field[n]!) : nil }
        return try StoreSchema.event(text: text, optional: opt, int: int, real: real)
    }

    /// How many events the store holds.
    public var count: Int { Int(gdal.OGR_L_GetFeatureCount(layer, 1)) }
}
