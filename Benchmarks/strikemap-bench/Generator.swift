// Clustered ACLED-shaped events for the benchmark (issue 13), deterministic for a seed.
@preconcurrency import Glibc
import Foundation
import StrikeMapCore

// MARK: - Scale: thousands to millions of clustered events (issue 13)

/// A small, fast, seedable generator (SplitMix64), so every run of the benchmark draws the same
/// files and timings compare across commits.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// A standard normal deviate (Box–Muller).
    mutating func gaussian() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
    /// An index drawn with the given cumulative weights (ascending, last = total).
    mutating func pick(_ cumulative: [Double]) -> Int {
        let x = unit() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > x { hi = mid } else { lo = mid + 1 } }
        return lo
    }
}

/// Real towns of Syria and Iraq with the spread of their events in km, most active first: ACLED's
/// events sit on a few hundred named places around a few dozen centres, and a handful of
/// centres (Idlib, Aleppo, Deir ez-Zor, Daraa) hold most of them.
let benchCities: [(name: String, country: String, iso: Int, admin1: String, lat: Double, lon: Double, spreadKm: Double)] = [
    ("Idlib", "Syria", 760, "Idleb", 35.930, 36.634, 25), ("Aleppo", "Syria", 760, "Aleppo", 36.202, 37.134, 18),
    ("Deir ez-Zor", "Syria", 760, "Deir-ez-Zor", 35.336, 40.141, 30), ("Daraa", "Syria", 760, "Dar'a", 32.625, 36.106, 15),
    ("Hama", "Syria", 760, "Hama", 35.132, 36.751, 20), ("Raqqa", "Syria", 760, "Ar-Raqqa", 35.952, 39.009, 22),
    ("Al-Hasakah", "Syria", 760, "Al-Hasakeh", 36.500, 40.748, 25), ("Damascus", "Syria", 760, "Damascus", 33.513, 36.292, 6),
    ("Rural Damascus", "Syria", 760, "Rural Damascus", 33.570, 36.400, 20), ("Homs", "Syria", 760, "Homs", 34.731, 36.709, 15),
    ("Mosul", "Iraq", 368, "Ninewa", 36.340, 43.130, 15), ("Baghdad", "Iraq", 368, "Baghdad", 33.315, 44.366, 10),
    ("Al-Bab", "Syria", 760, "Aleppo", 36.371, 37.517, 8), ("Manbij", "Syria", 760, "Aleppo", 36.528, 37.955, 10),
    ("Abu Kamal", "Syria", 760, "Deir-ez-Zor", 34.452, 40.919, 8), ("Al-Mayadin", "Syria", 760, "Deir-ez-Zor", 35.020, 40.452, 8),
    ("Qamishli", "Syria", 760, "Al-Hasakeh", 37.052, 41.231, 10), ("Afrin", "Syria", 760, "Aleppo", 36.511, 36.869, 10),
    ("Palmyra", "Syria", 760, "Homs", 34.560, 38.267, 35), ("As-Suwayda", "Syria", 760, "As-Sweida", 32.709, 36.569, 12),
    ("Latakia", "Syria", 760, "Lattakia", 35.523, 35.792, 14), ("Kirkuk", "Iraq", 368, "Kirkuk", 35.468, 44.392, 12),
    ("Tikrit", "Iraq", 368, "Salah al-Din", 34.607, 43.678, 15), ("Ramadi", "Iraq", 368, "Al-Anbar", 33.420, 43.300, 12),
    ("Fallujah", "Iraq", 368, "Al-Anbar", 33.350, 43.780, 8), ("Jarabulus", "Syria", 760, "Aleppo", 36.817, 38.011, 6),
    ("Ras al-Ain", "Syria", 760, "Al-Hasakeh", 36.850, 40.070, 8), ("Tal Abyad", "Syria", 760, "Ar-Raqqa", 36.697, 38.954, 8),
    ("Quneitra", "Syria", 760, "Quneitra", 33.126, 35.824, 6), ("Tartus", "Syria", 760, "Tartous", 34.889, 35.887, 8),
    ("Sinjar", "Iraq", 368, "Ninewa", 36.322, 41.876, 10), ("Al-Qaim", "Iraq", 368, "Al-Anbar", 34.370, 41.090, 8),
    ("Baqubah", "Iraq", 368, "Diyala", 33.750, 44.640, 15), ("Samarra", "Iraq", 368, "Salah al-Din", 34.198, 43.874, 8),
    ("Erbil", "Iraq", 368, "Erbil", 36.191, 44.009, 6), ("Basra", "Iraq", 368, "Basrah", 30.508, 47.783, 10),
]

/// (event type, sub-event type, share) as ACLED words them; actors depend on the country.
let benchTypes: [(String, String, Double)] = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 30), ("Battles", "Armed clash", 22),
    ("Explosions/Remote violence", "Air/drone strike", 14), ("Explosions/Remote violence", "Remote explosive/landmine/IED", 8),
    ("Violence against civilians", "Attack", 8), ("Protests", "Peaceful protest", 10),
    ("Strategic developments", "Looting/property destruction", 3), ("Riots", "Violent demonstration", 2),
    ("Explosions/Remote violence", "Grenade", 2), ("Violence against civilians", "Abduction/forced disappearance", 1),
]
let benchActors: [String: [String]] = [
    "Syria": ["Military Forces of Syria (2000-2024)", "Hayat Tahrir al-Sham", "Syrian Democratic Forces", "Islamic State (Syria)",
              "Military Forces of Russia (2000-)", "Military Forces of Turkey (2016-)", "Unidentified Armed Group (Syria)",
              "Syrian National Army", "Military Forces of the United States (2021-)"],
    "Iraq": ["Military Forces of Iraq (2022-)", "Popular Mobilization Forces", "Islamic State (Iraq)", "Unidentified Armed Group (Iraq)",
             "Military Forces of Turkey (2016-)", "Islamic Resistance in Iraq", "Military Forces of the United States (2021-)"],
]

/// Four decimals without Foundation's formatter (a million rows hold two million numbers).
func fixed4(_ v: Double) -> String {
    let n = Int((abs(v) * 10_000).rounded())
    let frac = String(n % 10_000)
    return (v < 0 ? "-" : "") + String(n / 10_000) + "." + String(repeating: "0", count: 4 - frac.count) + frac
}

/// An ACLED-shaped export of `rows` events clustered like real data: cities of Syria and Iraq
/// with heavy-tailed activity (Zipf, exponent 1.1), each with named places scattered around it
/// (Gaussian, a few to tens of km) that themselves are heavy-tailed (the town itself takes about
/// a quarter); mixed types and actors; dates spread over `days` days from `start`. Also writes
/// `points` (lon lat per line) for GMT. Deterministic for a given seed.
/// Another conflict for a many-conflict store: the same clustered pattern moved to its centre
/// (from Syria–Iraq's, about 35° N 40° E), under its country's name and ISO number, with ids of
/// its own. Synthetic: the places are not that country's towns.
struct BenchTheatre { var name: String; var iso: Int; var lat: Double; var lon: Double }

/// Ten conflicts, the first Syria–Iraq itself, for the benchmark's ten-million-row store.
let benchTheatres: [BenchTheatre?] = [nil,
    BenchTheatre(name: "Sudan", iso: 729, lat: 14, lon: 30), BenchTheatre(name: "Ukraine", iso: 804, lat: 48.5, lon: 35),
    BenchTheatre(name: "Myanmar", iso: 104, lat: 20, lon: 96), BenchTheatre(name: "Nigeria", iso: 566, lat: 10, lon: 8),
    BenchTheatre(name: "Mexico", iso: 484, lat: 22, lon: -102), BenchTheatre(name: "Somalia", iso: 706, lat: 4, lon: 45.5),
    BenchTheatre(name: "Democratic Republic of Congo", iso: 180, lat: -2, lon: 27), BenchTheatre(name: "Afghanistan", iso: 4, lat: 34, lon: 67),
    BenchTheatre(name: "Colombia", iso: 170, lat: 5, lon: -74)]

func generateClustered(rows: Int, start: CivilDate, days: Int, seed: UInt64, to path: String, points: String,
                       theatre: BenchTheatre? = nil) throws {
    var rng = SplitMix64(state: seed)
    let cityWeights = benchCities.indices.map { 1 / pow(Double($0 + 1), 1.1) }
    let cityCum = cityWeights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
    let typeCum = benchTypes.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1.2) }
    let prefixes = ["Tell", "Kafr", "Deir", "Ain", "Jisr", "Khirbet", "Tal", "Qaryat", "Al", "Hawi", "Sheikh", "Maarat"]
    let syllables = ["ba", "da", "ha", "ja", "ka", "la", "ma", "na", "ra", "sa", "ta", "za", "qa", "sha", "bu", "ru", "si", "mi", "di", "ya"]
    // Places around each city: about 2·sqrt(expected events), at least 4, at most 600.
    struct Place { var name: String; var lat: Double; var lon: Double }
    var places: [[Place]] = []
    var placeCum: [[Double]] = []
    for (i, c) in benchCities.enumerated() {
        let expected = Double(rows) * cityWeights[i] / cityCum.last!
        let n = min(600, max(4, Int(2 * expected.squareRoot())))
        var ps = [Place(name: c.name, lat: c.lat, lon: c.lon)]
        let kmPerDegLon = 111.32 * cos(c.lat * .pi / 180)
        for _ in 1..<n {
            var word = ""
            for _ in 0..<(2 + Int(rng.next() % 2)) { word += syllables[Int(rng.next() % UInt64(syllables.count))] }
            let name = prefixes[Int(rng.next() % UInt64(prefixes.count))] + " " + word.prefix(1).uppercased() + word.dropFirst()
            ps.append(Place(name: name, lat: c.lat + rng.gaussian() * c.spreadKm / 110.57,
                            lon: c.lon + rng.gaussian() * c.spreadKm / kmPerDegLon))
        }
        places.append(ps)
        // The town itself a quarter of its events; the other places Zipf-like.
        var w = [Double(n) / 3]
        for k in 1..<n { w.append(1 / pow(Double(k), 0.9)) }
        placeCum.append(w.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) })
    }
    guard let f = fopen(path + ".tmp", "w"), let pf = fopen(points + ".tmp", "w") else {
        throw NSError(domain: "bench", code: 2, userInfo: [NSLocalizedDescriptionKey: "cannot write \(path)"])
    }
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n", f)
    // The actors, renamed once for a theatre.
    let theatreActors = benchActors.mapValues { list in
        list.map { a in theatre.map { t in benchActors.keys.reduce(a) { $0.replacingOccurrences(of: $1, with: t.name) } } ?? a }
    }
    var buffer = "", pointBuffer = ""
    buffer.reserveCapacity(1 << 20)
    for i in 0..<rows {
        let ci = rng.pick(cityCum)
        var c = benchCities[ci]
        var p = places[ci][rng.pick(placeCum[ci])]
        let home = c.country
        if let t = theatre {
            p.lat += t.lat - 35; p.lon += t.lon - 40
            c.country = t.name; c.iso = t.iso; c.admin1 = t.name + " " + c.admin1
        }
        let t = benchTypes[rng.pick(typeCum)]
        let actors = theatreActors[home]!
        let actor1 = t.1 == "Peaceful protest" || t.1 == "Violent demonstration" ? "Protesters (\(c.country))"
            : actors[Int(rng.next() % UInt64(actors.count))]
        let actor2 = t.0 == "Battles" ? actors[Int(rng.next() % UInt64(actors.count))] : t.0 == "Protests" ? "" : "Civilians (\(c.country))"
        let date = start.adding(days: Int(rng.next() % UInt64(days)))
        // Mostly none; a heavy tail of deadly events.
        let u = rng.unit()
        let fatalities = u < 0.6 ? 0 : u < 0.9 ? 1 + Int(rng.next() % 4) : Int(pow(rng.unit(), -0.8) * 3)
        let lat = fixed4(p.lat), lon = fixed4(p.lon)
        buffer += "\(c.country.prefix(3).uppercased())\(i + 1),\(date),\(date.year),1,Political violence,\(t.0),\(t.1),\(actor1),,,\(actor2),,,,,"
        buffer += "\(c.iso),Middle East,\(c.country),\(c.admin1),,,\(p.name),\(lat),\(lon),\(1 + Int(rng.next() % 3)),"
        buffer += "Synthetic Wire; Local Monitor,National,\"Synthetic event \(i + 1), near \(p.name).\",\(fatalities),,1700000000\n"
        pointBuffer += "\(lon) \(lat)\n"
        if buffer.utf8.count > 1 << 20 {
            fputs(buffer, f); fputs(pointBuffer, pf)
            buffer.removeAll(keepingCapacity: true); pointBuffer.removeAll(keepingCapacity: true)
        }
    }
    fputs(buffer, f); fputs(pointBuffer, pf)
    guard fclose(f) == 0, fclose(pf) == 0 else { throw NSError(domain: "bench", code: 3) }
    rename(path + ".tmp", path)
    rename(points + ".tmp", points)
}
