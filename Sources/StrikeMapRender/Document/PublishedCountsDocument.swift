import Foundation
import StrikeMapCore
import StrikeMapGeo
import StrikeMapEvents

/// `furniture.publishedCounts`: a count someone published, to set the map's events against
/// (see `PublishedCounts`). The sample's preset names the Pentagon's:
///
///     publishedCounts:
///       file: builtin:pentagon-attack-counts-2023.csv
///       by: Pentagon
///       from: 2023-10-17
///       kind: attack
///       places: [Iraq, Syria]
public struct PublishedCountsDocument: Codable, Sendable, Equatable {
    /// The CSV of counts: a path, or `builtin:NAME` for a file in StrikeMap's Data folder.
    public var file: String
    /// Who published it, as the note names them.
    public var by: String
    /// The day the count starts (YYYY-MM-DD).
    public var from: String
    /// The kind of event it counts (the map's events of that kind are set against it).
    public var kind: String
    /// Counting words; default: the kind and the kind with an `s`.
    public var noun: String?
    public var nouns: String?
    /// The places the counts are split by, one column each.
    public var places: [String] = []

    static let builtinPrefix = "builtin:"

    public init(file: String, by: String, from: String, kind: String, places: [String] = []) {
        self.file = file; self.by = by; self.from = from; self.kind = kind; self.places = places
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, by, from, kind, noun, nouns, places }
    public init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder)
        file = try r.required(.file); by = try r.required(.by); from = try r.required(.from); kind = try r.required(.kind)
        noun = try r.optional(.noun); nouns = try r.optional(.nouns); places = try r(.places, [])
        func refuse(_ key: CodingKeys, _ why: String) -> Error {
            DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: why))
        }
        if CivilDate(iso: from) == nil { throw refuse(.from, "'\(from)' is not a date; give the day the count starts, such as 2023-10-17") }
        if by.trimmingCharacters(in: .whitespaces).isEmpty { throw refuse(.by, "empty; name who published the count") }
        if kind.trimmingCharacters(in: .whitespaces).isEmpty { throw refuse(.kind, "empty; give the kind of event it counts, such as attack") }
        if let name = builtinName, name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw refuse(.file, "'\(file)' names no file of StrikeMap's Data folder; give builtin: and a file name, or a path")
        }
    }

    /// The Data folder's file name, for `builtin:` files.
    var builtinName: String? { file.hasPrefix(Self.builtinPrefix) ? String(file.dropFirst(Self.builtinPrefix.count)) : nil }

    /// The path to open: a builtin file's in the Data folder; a user's through `access`.
    func path(access: FileAccess) throws -> String {
        if let name = builtinName { return try DataLocator.data().appendingPathComponent(name).path }
        return try access.resolve(file, key: Self.key)
    }

    /// Where a document names the file.
    public static let key = "furniture.publishedCounts.file"

    /// The counts, read.
    func load(access: FileAccess) throws -> PublishedCounts {
        // Checked when a document is read; a value built in code is checked here (no trap on input).
        guard let start = CivilDate(iso: from) else {
            throw DocumentError(source: "document", keyPath: "furniture.publishedCounts.from",
                                message: "'\(from)' is not a date; give the day the count starts, such as 2023-10-17")
        }
        return try PublishedCounts(publisher: by, start: start, kind: EventKind(rawValue: kind),
                            noun: noun, nouns: nouns, places: places).loading(path: path(access: access))
    }
}
