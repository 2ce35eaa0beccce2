import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapCore

@Suite struct DateRangeTests {
    let d = { (s: String) in CivilDate(iso: s)! }

    @Test func fromToInclusive() throws {
        let r = try DateRange.parse(from: "2023-11-01", to: "2023-11-15")
        #expect(r.contains(d("2023-11-01")) && r.contains(d("2023-11-15")))
        #expect(!r.contains(d("2023-10-31")) && !r.contains(d("2023-11-16")))
        let open = try DateRange.parse(to: "2023-11-15")
        #expect(open.contains(d("1999-01-01")) && !open.contains(d("2023-11-16")))
    }

    @Test func onMonthWeek() throws {
        #expect(try DateRange.parse(on: "2023-11-20") == DateRange(from: d("2023-11-20"), to: d("2023-11-20")))
        #expect(try DateRange.parse(month: "2023-02") == DateRange(from: d("2023-02-01"), to: d("2023-02-28")))
        #expect(try DateRange.parse(month: "2024-02").to == d("2024-02-29"))
        // ISO week 46 of 2023 runs Monday 13 Nov to Sunday 19 Nov.
        #expect(try DateRange.parse(week: "2023-W46") == DateRange(from: d("2023-11-13"), to: d("2023-11-19")))
        // ISO week 1 of 2021 starts on 4 Jan 2021.
        #expect(try DateRange.parse(week: "2021-W01").from == d("2021-01-04"))
    }

    @Test func lastEndsAtToOrNewest() throws {
        #expect(try DateRange.parse(to: "2023-11-21", last: "14d") == DateRange(from: d("2023-11-08"), to: d("2023-11-21")))
        #expect(try DateRange.parse(last: "3w", newest: d("2023-11-22")) == DateRange(from: d("2023-11-02"), to: d("2023-11-22")))
    }

    @Test(arguments: [
        ("2023-02-31", "is not a valid date"), ("2023-13-01", "is not a valid date"), ("21/11/2023", "YYYY-MM-DD"),
    ])
    func impossibleDatesAreErrors(value: String, message: String) {
        do { _ = try DateRange.parse(from: value); Issue.record("accepted \(value)") } catch {
            #expect(error.description.contains(message))
            // The library names the field; the CLI words it as the flag.
            #expect(error.description.hasPrefix("from '\(value)'"))
            #expect(error.worded(prefix: "--").hasPrefix("--from '\(value)'"))
        }
    }

    @Test func reversedAndConflictingRanges() {
        #expect(throws: DateRangeError.reversed(from: d("2023-11-15"), to: d("2023-11-01"))) {
            try DateRange.parse(from: "2023-11-15", to: "2023-11-01")
        }
        #expect(throws: DateRangeError.self) { try DateRange.parse(from: "2023-11-01", on: "2023-11-02") }
        #expect(throws: DateRangeError.invalidDuration("2m")) { try DateRange.parse(last: "2m") }
        #expect(throws: DateRangeError.invalidWeek("2023-W54")) { try DateRange.parse(week: "2023-W54") }
        do { _ = try DateRange.parse(last: "10y") } catch { #expect(error.description.contains("14d (days), 3w (weeks)")) }
    }

    /// Found by fuzz-dates: a huge week number overflowed the calendar and crashed.
    @Test func fuzzRegressionHugeWeekNumber() {
        #expect(throws: DateRangeError.invalidWeek("2023-W+40000000000000")) { try DateRange.parse(week: "2023-W+40000000000000") }
        #expect(throws: DateRangeError.self) { try DateRange.parse(week: "9999-W53") }
        _ = CivilDate(year: 9999, month: 12, day: 31)!.adding(days: 400).isoWeek
    }

    @Test func civilDateArithmetic() {
        #expect(d("2023-12-31").adding(days: 1) == d("2024-01-01"))
        #expect(d("2024-03-01").adding(days: -1) == d("2024-02-29"))
        #expect(d("2023-11-20").isoWeekday == 1)
        #expect(CivilDate(dayNumber: d("1970-01-01").dayNumber) == d("1970-01-01"))
        #expect(d("1970-01-01").dayNumber == 0)
    }
}

@Suite struct WeaponTests {
    @Test(arguments: [
        ("2 OWA drones", Weapon.drone), ("Katyusha rockets", .rocket), ("rocket and drone attack", .mixed),
        ("close-range ballistic missile (CRBM)", .ballisticMissile), ("AC-130J gunship", .gunship),
        ("2x F-16", .aircraft), ("fighter aircraft", .aircraft), ("an air strike", .air),
        ("Grad", .rocket), ("ballistic-missile", .ballisticMissile), ("unknown", .unknown), ("", .unknown),
        ("UAV", .drone), ("IED", .unknown), ("uavs", .drone), ("F-16s struck", .aircraft), ("Grad rockets", .rocket),
        ("AC-130J", .gunship), ("two warplanes", .aircraft), ("an airstrike", .air),
        // From the air, by no means named: not a plane (a drone strikes from the air too).
        ("air raid on the market", .air), ("an airstrike by F-16s", .aircraft), ("a drone airstrike", .drone),
    ])
    func looseSpellings(text: String, weapon: Weapon) {
        #expect(Weapon(loose: text) == weapon, "\(text)")
    }

    /// Whole words only: a weapon's name inside another word is not evidence.
    @Test(arguments: [
        "protest in Belgrade", "moved towards the base", "Owasso, Oklahoma", "firefighters put out the fire",
        "Taliban fighters attacked a checkpoint", "a gradual withdrawal", "a dronelike hum",
        "F-150 truck", "Kurdish forces", "rocketry club",
    ])
    func wordsInsideOtherWordsAreNotWeapons(text: String) {
        #expect(Weapon(loose: text) == .unknown, "\(text)")
    }

    /// The weapon comes from what describes the means, and only for attacks and strikes.
    @Test func weaponOnlyFromEvidence() {
        let attack = EventKind.attack, battle = EventKind(rawValue: "battle")
        func w(_ column: String = "", _ sub: String = "", state: Bool = false, _ kind: EventKind, _ notes: String) -> Weapon {
            EventEvidence.weapon(column: column, subEventType: sub, actorIsState: state, kind: kind, notes: notes)
        }
        #expect(w("Katyusha", "", attack, "a drone") == .rocket)  // the column first
        // "From the air" is not "by aircraft": states fly drones, and a militia's strike is not a
        // drone by default. Without notes that say which, it is "from the air" and no more.
        #expect(w("", "Air/drone strike", state: true, .strike, "Afghan forces struck") == .air)
        #expect(w("", "Air/drone strike", state: true, .strike, "a US drone strike") == .drone)
        #expect(w("", "Air/drone strike", state: false, attack, "militants struck") == .air)
        #expect(w("", "Air/drone strike", state: true, .strike, "Afghan Air Force aircraft struck") == .aircraft)
        #expect(w("", "Shelling/artillery/missile attack", .strike, "mortar shells hit") == .unknown)
        #expect(w("", "Shelling/artillery/missile attack", attack, "rockets hit the base") == .rocket)
        #expect(w("", "Remote explosive/landmine/IED", attack, "an IED planted near a rocket launcher") == .unknown)
        #expect(w("", "Armed clash", battle, "fighters with RPGs and a drone overhead") == .unknown)
        #expect(w("", "Peaceful protest", EventKind(rawValue: "protest"), "protest against drone strikes") == .unknown)
        #expect(w("", "", attack, "an OWA drone hit the base") == .drone)
    }
}
