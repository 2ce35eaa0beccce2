import Foundation
import StrikeMapGeo
import StrikeMapCore

/// How ACLED's `event_type` / `sub_event_type` and the acting side become StrikeMap kinds.
///
/// Rules are tried in order; the first that matches decides. The defaults:
///
/// | event_type                  | sub_event_type                    | actor1  | kind      |
/// |-----------------------------|-----------------------------------|---------|-----------|
/// | Explosions/Remote violence  | Air/drone strike                  | state   | strike    |
/// | Explosions/Remote violence  | Shelling/artillery/missile attack | state   | strike    |
/// | Explosions/Remote violence  | (any)                             | (any)   | attack    |
/// | Battles                     | (any)                             | (any)   | battle    |
/// | Violence against civilians  | (any)                             | (any)   | violence-against-civilians |
/// | Protests                    | (any)                             | (any)   | protest   |
/// | Riots                       | (any)                             | (any)   | riot      |
/// | Strategic developments      | (any)                             | (any)   | strategic-development |
///
/// "state" means actor1 is a state's military or police ("Military Forces of ...", "Police Forces
/// of ...", or inter1 "State forces" / 1). A drone strike by a militia is therefore an attack.
/// Users override the table with a CSV file (`--acled-map FILE`, columns
/// `event_type,sub_event_type,actor1,kind`, `*` for any, actor1 `state`, `nonstate` or `*`).
public struct ACLEDMapping: Sendable {
    public struct Rule: Sendable {
        public var eventType: String?
        public var subEventType: String?
        /// nil = any actor; true = state forces only; false = non-state only.
        public var state: Bool?
        public var kind: EventKind
    }
    public var rules: [Rule]

    public static let `default` = ACLEDMapping(rules: [
        Rule(eventType: "explosions/remote violence", subEventType: "air/drone strike", state: true, kind: .strike),
        Rule(eventType: "explosions/remote violence", subEventType: "shelling/artillery/missile attack", state: true, kind: .strike),
        Rule(eventType: "explosions/remote violence", subEventType: nil, state: nil, kind: .attack),
        Rule(eventType: "battles", subEventType: nil, state: nil, kind: EventKind(rawValue: "battle")),
        Rule(eventType: "violence against civilians", subEventType: nil, state: nil, kind: EventKind(rawValue: "violence-against-civilians")),
        Rule(eventType: "protests", subEventType: nil, state: nil, kind: EventKind(rawValue: "protest")),
        Rule(eventType: "riots", subEventType: nil, state: nil, kind: EventKind(rawValue: "riot")),
        Rule(eventType: "strategic developments", subEventType: nil, state: nil, kind: EventKind(rawValue: "strategic-development")),
    ])

    public func kind(eventType: String, subEventType: String, actorIsState: Bool) -> EventKind? {
        let e = eventType.lowercased(), s = subEventType.lowercased()
        for r in rules {
            if let t = r.eventType, t != e { continue }
            if let t = r.subEventType, t != s { continue }
            if let st = r.state, st != actorIsState { continue }
            return r.kind
        }
        return nil
    }

    public static func isState(actor: String, inter: String) -> Bool {
        let a = actor.lowercased(), i = inter.lowercased().trimmingCharacters(in: .whitespaces)
        return a.hasPrefix("military forces of") || a.hasPrefix("police forces of") || i == "1" || i == "state forces"
    }

    /// Reads an override table; rules there come before the defaults.
    public static func load(path: String) throws -> ACLEDMapping {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let col = Dictionary(header.fields.enumerated().map { ($1.lowercased().trimmingCharacters(in: .whitespaces), $0) },
                             uniquingKeysWith: { a, _ in a })
        for c in ["event_type", "sub_event_type", "actor1", "kind"] where col[c] == nil {
            throw EventReadError.missingColumns(file: path, columns: [c], format: "ACLED mapping")
        }
        var rules: [Rule] = []
        while let r = try reader.next() {
            func f(_ k: String) -> String? {
                let v = col[k].flatMap { $0 < r.fields.count ? r.fields[$0] : nil }?.trimmingCharacters(in: .whitespaces) ?? ""
                return v.isEmpty || v == "*" ? nil : v.lowercased()
            }
            guard let kind = f("kind") else {
                throw RowIssue(file: path, line: r.line, column: "kind", value: "", message: "every rule needs a kind")
            }
            var state: Bool?
            switch f("actor1") {
            case nil: state = nil
            case "state": state = true
            case "nonstate", "non-state": state = false
            case let other?:
                throw RowIssue(file: path, line: r.line, column: "actor1", value: other, message: "use state, nonstate or *")
            }
            rules.append(Rule(eventType: f("event_type"), subEventType: f("sub_event_type"), state: state,
                              kind: EventKind(rawValue: kind)))
        }
        return ACLEDMapping(rules: rules + ACLEDMapping.default.rules)
    }
}

/// ISO 3166-1 numeric to alpha-2 for the countries of ACLED's Middle East, Africa, Europe and
/// Central/South Asia coverage that the tool's maps are most used for.
enum ISONumeric {
    static let alpha2: [Int: String] = [
        4: "AF", 8: "AL", 12: "DZ", 24: "AO", 31: "AZ", 48: "BH", 50: "BD", 51: "AM", 70: "BA", 72: "BW",
        100: "BG", 104: "MM", 108: "BI", 112: "BY", 120: "CM", 140: "CF", 144: "LK", 148: "TD", 178: "CG",
        180: "CD", 191: "HR", 196: "CY", 204: "BJ", 226: "GQ", 231: "ET", 232: "ER", 262: "DJ", 266: "GA",
        268: "GE", 270: "GM", 275: "PS", 288: "GH", 300: "GR", 324: "GN", 356: "IN", 364: "IR", 368: "IQ",
        376: "IL", 384: "CI", 398: "KZ", 400: "JO", 404: "KE", 414: "KW", 417: "KG", 422: "LB", 426: "LS",
        430: "LR", 434: "LY", 450: "MG", 454: "MW", 466: "ML", 478: "MR", 498: "MD", 504: "MA", 508: "MZ",
        512: "OM", 516: "NA", 524: "NP", 562: "NE", 566: "NG", 586: "PK", 624: "GW", 634: "QA", 642: "RO",
        643: "RU", 646: "RW", 682: "SA", 686: "SN", 688: "RS", 694: "SL", 706: "SO", 710: "ZA", 716: "ZW",
        728: "SS", 729: "SD", 748: "SZ", 760: "SY", 762: "TJ", 768: "TG", 788: "TN", 792: "TR", 795: "TM",
        800: "UG", 804: "UA", 807: "MK", 818: "EG", 834: "TZ", 854: "BF", 860: "UZ", 887: "YE", 894: "ZM",
        784: "AE",
    ]
}
