import Foundation
import Testing

/// The command line keeps the sample's story to the sample: a user's file, however it is given,
/// gets its own words, its own frame and its own source line.
@Suite struct WordingCLITests {
    let cli = CLITests()

    /// A desk's own file in StrikeMap's format: attacks and strikes, like the sample's kinds.
    static let ownCSV = """
    id,date,kind,actor,lat,lon,country
    o1,2021-05-01,attack,Some militia,35.33,40.14,SY
    o2,2021-05-02,attack,Some militia,35.33,40.14,SY
    o3,2021-05-03,strike,Some air force,34.45,40.92,SY
    o4,2021-05-04,strike,Some air force,36.2,37.16,SY

    """

    func manifest(_ path: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
    }

    @Test func ownEventsGetTheirOwnWordsAndFrame() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("own.csv")
        try Self.ownCSV.write(to: csv, atomically: true, encoding: .utf8)
        for extra in [[String](), ["--spec", CLITests.repoRoot.appendingPathComponent("Data/presets/us-forces-2023.yaml").path]] {
            let man = dir.appendingPathComponent("m.json")
            let r = try cli.run(["render", "--events", csv.path, "--out", dir.appendingPathComponent("o.png").path,
                                 "--manifest", man.path, "--caption", "-"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let m = try manifest(man)
            let legend = m["legend"] as? [String] ?? []
            #expect(legend.contains("Attack (2)"), "\(legend)")
            #expect(legend.contains("Strike (2)"), "\(legend)")
            let title = m["title"] as? String ?? ""
            for text in legend + [title, m["subtitle"] as? String ?? "", r.stdout] {
                #expect(!text.contains("US"), "\(extra): \(text)")
                #expect(!text.contains("Pentagon"), "\(extra): \(text)")
            }
            #expect(r.stdout.contains("2 attacks and 2 strikes"))
            if extra.isEmpty {
                // Framed to the data, named after its country.
                #expect(m["region"] as? String == "data")
                #expect(title == "Attacks and strikes in Syria" || title == "Attacks and strikes in SY", "\(title)")
            }
        }
    }

    @Test func theDefaultMapKeepsItsStory() throws {
        let r = try cli.strikemap("render", "--print-spec")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Attack on US or coalition forces"))
        #expect(r.stdout.contains("\"appliesTo\""))
        let own = try cli.strikemap("render", "--events", "x.csv", "--print-spec")
        #expect(own.status == 0, "\(own.stderr)")
        #expect(!own.stdout.contains("US or coalition"))
    }

    /// The sample's note on the Pentagon's count says how many attack reports the map shows:
    /// on a map of a small area, those in its frame, not the whole sample's.
    @Test func thePublishedCountNoteCountsWhatIsDrawn() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for extra in [[String](), ["--around", "Jurf al-Saqr", "--radius", "60km"]] {
            let man = dir.appendingPathComponent("m.json")
            let r = try cli.run(["render", "--out", dir.appendingPathComponent("o.png").path, "--manifest", man.path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let m = try manifest(man)
            let markers = m["markers"] as? [[String: Any]] ?? []
            let attacks = markers.filter { $0["kind"] as? String == "attack" }.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
            let subtitle = m["subtitle"] as? String ?? ""
            #expect(subtitle.contains("Shown: \(attacks) attack report"), "\(extra): \(attacks) attacks drawn; \(subtitle)")
        }
    }

    @Test func standardInputIsNamedAsTold() throws {
        let r = try cli.strikemap("render", "--events", "-", "--source-name", "desk-log-may.csv", "--out", "/dev/null",
                                  "--caption", "-", stdin: Self.ownCSV)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Sources: desk-log-may.csv"), "\(r.stdout)")
        // Reader messages name it too.
        let bad = try cli.strikemap("render", "--events", "-", "--source-name", "desk-log-may.csv", "--out", "/dev/null",
                                    stdin: Self.ownCSV + "o5,not-a-date,attack,X,35,40,SY\n")
        #expect(bad.stderr.contains("skipped 1 row of desk-log-may.csv (standard input) (line "), "\(bad.stderr)")
        // A pre-2019 ACLED type name filters as the type it is today.
        let old = CLITests.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/real/acled_africa_2016_oldformat.csv").path
        if FileManager.default.fileExists(atPath: old) {
            let r = try cli.strikemap("events", "--stats", "--events", old, "--type", "Remote violence")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("46 counted"), "\(r.stderr)")
        }
    }

    @Test func selectionAndSymbolFlagsAreChecked() throws {
        let bad = try cli.strikemap("render", "--actor-label", "no equals sign", "--print-spec")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--actor-label"))
        let badBy = try cli.strikemap("render", "--color-by", "colour", "--print-spec")
        #expect(badBy.status == 64)
        let unknown = try cli.strikemap("render", "--country", "Atlantis", "--print-spec")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--country 'Atlantis'"))
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("own.csv")
        try Self.ownCSV.write(to: csv, atomically: true, encoding: .utf8)
        let none = try cli.strikemap("render", "--events", csv.path, "--kind", "strikes", "--out", dir.appendingPathComponent("x.png").path)
        #expect(none.status == 65)
        #expect(none.stderr.contains("matches --kind 'strikes'; it has: attack, strike"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.png").path))
        let ok = try cli.strikemap("render", "--events", "x.csv", "--color-by", "actor", "--type", "Battles",
                                   "--actor-label", "Some militia=A militia", "--country", "SY", "--print-spec")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("\"colorBy\" : \"actor\""))
        #expect(ok.stdout.contains("\"Some militia\" : \"A militia\""))
        #expect(ok.stdout.contains("\"Battles\""))
    }
}
