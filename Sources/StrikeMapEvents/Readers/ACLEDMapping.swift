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
/// | Riots/Protests (pre-2019)   | (any)                             | (any)   | protest-or-riot |
///
/// Pre-2019 exports are first renamed to today's types (`ACLEDReader.oldTypes`): `Remote violence`
/// becomes Explosions/Remote violence with no sub-event type, so it is an `attack` whoever the
/// actor (the old layout does not say whether it was an air strike, shelling or a bomb); the three
/// `Battle-...` types become Battles with the matching sub-event type; `Strategic development`,
/// `Non-violent transfer of territory` and `Headquarters or base established` become Strategic
/// developments; `Riots/Protests` stays itself.
///
/// "state" means actor1 is a state's military or police, or ACLED's external forces (inter1 8) ("Military Forces of ...", "Police Forces
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
        // Pre-2019 exports: one type for both; which one a row was is not recorded.
        Rule(eventType: "riots/protests", subEventType: nil, state: nil, kind: EventKind(rawValue: "protest-or-riot")),
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
        // ACLED's "External/Other forces" (8) are other states' militaries and coalitions (NATO,
        // the US-led coalition): an air strike of theirs is a strike like a state's own.
        return a.hasPrefix("military forces of") || a.hasPrefix("police forces of") || i == "1" || i == "state forces"
            || i == "8" || i == "external/other forces"
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
