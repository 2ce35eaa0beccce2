import Foundation

/// The throw-away PostGIS cluster `make test` starts (scripts/pg-test-cluster.sh), found through
/// STRIKEMAP_TEST_POSTGIS. Each test gets a database of its own, copied from the template the
/// script made (it has PostGIS), so tests never see one another's rows.
public enum PostGIS {
    public static let connection = ProcessInfo.processInfo.environment["STRIKEMAP_TEST_POSTGIS"]
    public static var available: Bool { connection != nil }

    /// `keyword=value` pairs of the connection string.
    public static var keywords: [String: String] {
        guard let c = connection else { return [:] }
        var out: [String: String] = [:]
        for part in c.dropFirst(3).split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { out[kv[0]] = kv[1] }
        }
        return out
    }

    public static let psqlPath: String = {
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin/psql" } + ["/usr/bin/psql"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/psql"
    }()

    /// Runs SQL with psql as the cluster's superuser; the output is unaligned, tuples only.
    @discardableResult
    public static func psql(_ sql: String, database: String? = nil, user: String = "postgres") throws -> String {
        let k = keywords
        let p = Process()
        p.executableURL = URL(fileURLWithPath: psqlPath)
        p.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", k["host"] ?? "", "-p", k["port"] ?? "5432",
                       "-U", user, "-d", database ?? k["dbname"] ?? "postgres", "-c", sql]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw PSQLFailed(sql: sql, message: message) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    public struct PSQLFailed: Error, CustomStringConvertible {
        var sql: String, message: String
        public var description: String { "psql: \(sql): \(message)" }
    }

    /// A new, empty database, with PostGIS unless `postGIS` is false, for `user`, and its
    /// connection string.
    public static func freshDatabase(postGIS: Bool = true, user: String = "postgres") throws -> String {
        let k = keywords
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try psql("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'", database: "postgres")
        if postGIS { try psql("CREATE EXTENSION postgis", database: String(name)) }
        return "PG:host=\(k["host"] ?? "") port=\(k["port"] ?? "5432") dbname=\(name) user=\(user)"
    }

    public static func database(of connection: String) -> String {
        connection.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) } ?? ""
    }
}
