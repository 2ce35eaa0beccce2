import Foundation

/// Why rows did not become events, in words a map's reader understands without the file at
/// hand ("no place given", "date not read"): the footer, caption and manifest of a map say how
/// many rows of its data are not on it and why (stderr has the lines and the fixes).
public struct InvalidRowReason: Sendable, Codable, Equatable {
    public var reason: String
    public var count: Int
    public init(reason: String, count: Int) { self.reason = reason; self.count = count }
}

extension IssueGroup {
    /// The group's problem in a few words, from the column it is in and the reader's message.
    public var readersReason: String {
        let m = message.lowercased(), c = column.lowercased()
        if m.hasPrefix("no coordinates") || m.hasPrefix("no place") { return "no place given" }
        if m.contains("no rule maps") { return "event type with no rule" }
        if m.contains("date") || c.contains("date") { return "date not read" }
        if m.contains("event id") || c == "id" || c.hasPrefix("event_id") { return "no event id" }
        if m.contains("fields, the header has") { return "row not split into the header's columns" }
        if ["lat", "lon", "latitude", "longitude", "coordinates", "origin_lat", "origin_lon"].contains(c) {
            return example.trimmingCharacters(in: .whitespaces).isEmpty ? "no place given" : "coordinates not read"
        }
        if c == "kind" { return "kind not known" }
        if c.isEmpty { return m.hasPrefix("other problems") ? "other problems" : "row not read" }
        return "\(column) not read"
    }
}

extension ReadReport {
    /// The invalid rows (duplicates are not: their first row is on the map) by reason, reasons
    /// that several files share counted together, commonest first.
    public var invalidReasons: [InvalidRowReason] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for g in issueGroups where !g.duplicate {
            let r = g.readersReason
            if counts[r] == nil { order.append(r) }
            counts[r, default: 0] += g.count
        }
        return order.map { InvalidRowReason(reason: $0, count: counts[$0]!) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }
}
