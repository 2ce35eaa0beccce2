import Foundation
import StrikeMapCore

/// ISO 3166-1 countries: alpha-2, alpha-3, numeric, English name and the other names datasets use
/// ("Ivory Coast", "Democratic Republic of Congo", "Turkey"). Read from `Geo/countries.csv`, an
/// extract of Debian's iso-codes made by `scripts/build_countries.py` and committed, so nothing is
/// needed at run time. Events store a country as alpha-2; `--country` takes any of the forms.
public struct CountryTable: Sendable {
    public struct Country: Sendable, Hashable {
        public var alpha2: String
        public var alpha3: String
        public var numeric: Int?
        public var name: String
        /// The name a headline uses: "Syria", "Iran", "Bolivia" rather than ISO's formal
        /// "Syrian Arab Republic" or "Iran, Islamic Republic of".
        public var shortName: String
    }
    public private(set) var countries: [Country] = []
    private var byCode: [String: Int] = [:]
    private var byNumeric: [Int: Int] = [:]
    private var byName: [String: Int] = [:]

    public init(rows: [(alpha2: String, alpha3: String, numeric: Int?, name: String, aliases: [String])]) {
        for r in rows {
            let i = countries.count
            let short = Self.isFormal(r.name) ? (r.aliases.first { !Self.isFormal($0) } ?? r.name) : r.name
            countries.append(Country(alpha2: r.alpha2, alpha3: r.alpha3, numeric: r.numeric, name: r.name, shortName: short))
            byCode[r.alpha2.uppercased()] = i
            byCode[r.alpha3.uppercased()] = i
            if let n = r.numeric { byNumeric[n] = i }
            for n in [r.name] + r.aliases {
                let k = Self.nameKey(n)
                if !k.isEmpty && byName[k] == nil { byName[k] = i }
            }
        }
    }

    /// A state's formal style, or ISO's inverted order: not what a title says.
    static func isFormal(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.contains(",") || ["republic", "kingdom of", "federation", "state of", "commonwealth", "principality",
                                   "darussalam", "people's", "federative", "plurinational", "sultanate"].contains { n.contains($0) }
    }

    /// The committed table; empty (every lookup nil) only when the data folder cannot be found,
    /// in which case the gazetteer cannot load either and the CLI says so.
    public static let standard: CountryTable = (try? load()) ?? CountryTable(rows: [])

    public static func load(path: String? = nil) throws -> CountryTable {
        let file = try path ?? DataLocator.geo().appendingPathComponent("countries.csv").path
        let reader = try CSVReader(path: file)
        guard let header = try reader.next() else { throw CSVError.empty(file: file) }
        let col = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(alpha2: String, alpha3: String, numeric: Int?, name: String, aliases: [String])] = []
        while let r = try reader.next() {
            func f(_ k: String) -> String { col[k].flatMap { $0 < r.fields.count ? r.fields[$0] : nil } ?? "" }
            rows.append((f("alpha2"), f("alpha3"), Int(f("numeric")), f("name"),
                         f("aliases").split(separator: "|").map(String.init)))
        }
        return CountryTable(rows: rows)
    }

    /// Case, accents, punctuation and a leading "the" do not matter: "côte d'ivoire" = "Cote d'Ivoire".
    static func nameKey(_ s: String) -> String {
        NameKey.words(s).joined(separator: " ")
    }

    /// The country written as an ISO alpha-2 or alpha-3 code, an ISO numeric code, or a name.
    public func find(_ text: String) -> Country? {
        let t = FastText.trim(text)
        guard !t.isEmpty else { return nil }
        if t.utf8.count <= 3, let i = byCode[t.uppercased()] { return countries[i] }
        if let n = Int(t) { return byNumeric[n].map { countries[$0] } }
        return byName[Self.nameKey(t)].map { countries[$0] }
    }

    public func find(numeric: Int) -> Country? { byNumeric[numeric].map { countries[$0] } }

    /// The key two spellings of one country share: its alpha-2 code when known, else the text
    /// upper-cased (so an unknown country still matches itself).
    public func key(_ text: String) -> String {
        find(text)?.alpha2 ?? FastText.trim(text).uppercased()
    }
}
