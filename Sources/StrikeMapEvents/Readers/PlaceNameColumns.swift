/// Where a file names its places, read into one name for a label and a caption: the most
/// specific column it has (a site name, a location, a town, a district) and the wider area (a
/// governorate, province or admin1) after a comma, "Karkh, Baghdad"; either alone when the file
/// gives only that. A desk's own CSV with `District` and `Governorate` columns had its events
/// called "places the data does not name".
struct PlaceNameColumns {
    /// Most specific first: the first of these the header has is read.
    static let specific = ["site_name", "sitename", "site name", "location", "place", "place_name", "placename", "city",
                           "town", "village", "locality", "neighbourhood", "neighborhood", "subdistrict", "admin3",
                           "district", "admin2"]
    static let wider = ["governorate", "admin1", "province", "state", "region"]
    /// Values that name no place.
    static let unnamed: Set<String> = ["-", "unknown", "n/a", "na"]

    let specificIndex: Int?
    let widerIndex: Int?

    /// `header`: the file's column names as given; `specificIndex`: a column the user or the
    /// reader already chose for the place (else the first of `specific` found).
    init(header: [String], specificIndex chosen: Int? = nil) {
        let lower = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func first(_ names: [String]) -> Int? {
            for n in names { if let i = lower.firstIndex(of: n) { return i } }
            return nil
        }
        specificIndex = chosen ?? first(Self.specific)
        widerIndex = first(Self.wider)
    }

    var isEmpty: Bool { specificIndex == nil && widerIndex == nil }

    /// The place's name in a row (`field`: the trimmed text of a column); empty when none.
    func name(_ field: (Int) -> String) -> String {
        // Called on every row: nothing is made for a file without place columns.
        guard !isEmpty else { return "" }
        func named(_ i: Int?) -> String {
            guard let i else { return "" }
            let t = field(i)
            return t.isEmpty || (t.utf8.count <= 7 && Self.unnamed.contains(t.lowercased())) ? "" : t
        }
        let aa = named(specificIndex), bb = named(widerIndex)
        if aa.isEmpty { return bb }
        if bb.isEmpty || aa.lowercased() == bb.lowercased() { return aa }
        return "\(aa), \(bb)"
    }
}
