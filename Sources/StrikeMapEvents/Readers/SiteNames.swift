import StrikeMapCore
import StrikeMapGeo

/// The site names of a file's rows, each spelling resolved once, and the words for a row whose
/// name is not a site. Rows whose names are unknown share one message, so that a file of 2,000
/// unknown village names gives one line, not 2,000; "did you mean" is worked out only for the
/// first such name of each column, whose line is the one printed (it costs a scan of every
/// name the gazetteer and the airfields hold: 2,000 of them took about a minute).
struct SiteNames {
    let gazetteer: Gazetteer
    private var resolved: [String: Result<Site, GeoError>] = [:]
    private var hinted: Set<String> = []

    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// The site `name` stands for; with the row's `country` (alpha-2), a site in that country:
    /// a name that is a site elsewhere only is refused, not placed on another continent.
    mutating func site(_ name: String, country: String? = nil) -> Result<Site, GeoError> {
        let key = name + "\u{1F}" + (country ?? "")
        if let r = resolved[key] { return r }
        var r: Result<Site, GeoError>
        do throws(GeoError) { r = .success(try gazetteer.resolve(name, country: country, suggest: false)) } catch { r = .failure(error) }
        if case .failure(.unknownSite) = r, let country, let elsewhere = try? gazetteer.resolve(name, suggest: false) {
            r = .failure(.invalidArgument("'\(name)' is \(elsewhere.name) (\(elsewhere.kind.rawValue), \(elsewhere.country)), not a site in \(country) as the row says"))
        }
        resolved[key] = r
        return r
    }

    /// The row's issue for `name` in `column`, which `error` refused; `fix` says what else the
    /// row may give ("give lat and lon instead"); `country`, the row's, ranks the suggestions.
    mutating func issue(_ error: GeoError, name: String, column: String, fix: String, country: String? = nil,
                        file: String, line: Int) -> RowIssue {
        if case .invalidArgument(let message) = error {
            // A site of another country: one line for every such row, the first named.
            return RowIssue(file: file, line: line, column: column, value: name,
                            message: "a site in another country than the row's; correct the country, " + fix, hint: message)
        }
        guard case .unknownSite = error else {
            return RowIssue(file: file, line: line, column: column, value: name, message: error.description + "; " + fix)
        }
        var hint: String?
        if hinted.insert(column).inserted {
            let near = gazetteer.suggestions(for: name, country: country)
            if !near.isEmpty { hint = "did you mean: " + near.joined(separator: ", ") + "?" }
        }
        return RowIssue(file: file, line: line, column: column, value: name,
                        message: "not a site the gazetteer or the airfields know (`strikemap sites NAME` searches them); " + fix,
                        hint: hint)
    }
}
