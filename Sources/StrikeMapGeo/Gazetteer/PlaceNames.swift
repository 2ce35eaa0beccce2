import Foundation
import StrikeMapCore

/// Place names in the region's languages (Geo/names.csv: GeoNames via Debian's
/// libgeonames-common, CC-BY 4.0): the name a label shows in English → its name in Arabic,
/// Persian, Sorani or Kurmanji Kurdish, Hebrew, Turkish, Russian or Ukrainian. Countries are
/// keyed `country:XX` (ISO alpha-2). Read on first use: English maps never load it.
public final class PlaceNames: Sendable {
    /// The languages the table has names in, as `--labels` takes them.
    public static let languages = ["ar", "fa", "ckb", "ku", "he", "tr", "ru", "uk"]
    /// English names of the languages, for messages.
    public static let languageNames = ["ar": "Arabic", "fa": "Persian", "ckb": "Sorani Kurdish", "ku": "Kurmanji Kurdish",
                                       "he": "Hebrew", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian"]

    private let table: [String: [String: String]]

    init(table: [String: [String: String]]) { self.table = table }

    /// The name of `english` (a place as the map names it, or `country:XX`) in `language`, if known.
    public func label(_ english: String, _ language: String) -> String? {
        table[language]?[Self.key(english)]
    }

    static func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Reads a `name,lang,label` file.
    public static func load(path: String) throws -> PlaceNames {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let h = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let n = h.firstIndex(of: "name"), let l = h.firstIndex(of: "lang"), let t = h.firstIndex(of: "label") else {
            throw GeoError.fileUnreadable(path: path, message: "the header must be name,lang,label")
        }
        var table: [String: [String: String]] = [:]
        while let row = try reader.next() {
            guard row.fields.count > max(n, l, t) else { continue }
            let label = row.fields[t].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { continue }
            table[row.fields[l].trimmingCharacters(in: .whitespaces), default: [:]][key(row.fields[n])] = label
        }
        return PlaceNames(table: table)
    }

    /// The shipped table, nil when Geo/names.csv is missing or unreadable (labels then stay in
    /// English, and the map says how many did).
    public static let shipped: PlaceNames? = {
        guard let geo = try? DataLocator.geo() else { return nil }
        return try? load(path: geo.appendingPathComponent("names.csv").path)
    }()
}

