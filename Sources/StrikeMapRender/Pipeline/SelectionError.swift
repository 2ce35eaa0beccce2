import Foundation
import StrikeMapCore
import StrikeMapEvents

/// A selection (kinds, types, actor, countries) that no event of the data passes: drawing an
/// empty map would tell the reader nothing happened, when the filter was only misspelt.
public struct SelectionError: Error, Sendable, CustomStringConvertible {
    /// The document field that selected nothing (`kinds`, `types`, `actor`, `countries`).
    public var field: String
    public var asked: [String]
    /// What the data has for that field, commonest first (at most a dozen).
    public var present: [String]

    public var description: String {
        let what = asked.map { "'\($0)'" }.joined(separator: ", ")
        let has = present.isEmpty ? "nothing for it" : present.joined(separator: ", ")
        return "no event of the data has \(field) \(what); it has: \(has)"
    }

    /// What an event store found no event for (checked by its SQL over the whole store).
    static func store(_ data: MapDocument.DataSelection, _ miss: (field: String, present: [String])) -> SelectionError {
        let asked: [String]
        switch miss.field {
        case "kinds": asked = data.kinds
        case "types": asked = data.types
        case "actor": asked = data.actor.map { [$0] } ?? []
        default: asked = data.countries
        }
        return SelectionError(field: miss.field, asked: asked, present: miss.present)
    }

    /// The first selection that alone keeps no event, with what the events have instead.
    static func check(_ data: MapDocument.DataSelection, events: [Event]) -> SelectionError? {
        func commonest(_ values: [String]) -> [String] {
            var n: [String: Int] = [:]
            for v in values where !v.isEmpty { n[v, default: 0] += 1 }
            return n.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12).map(\.key)
        }
        func nothing(_ edit: (inout EventFilter) -> Void) -> Bool {
            var f = EventFilter()
            edit(&f)
            return f.apply(events).kept.isEmpty
        }
        if !data.kinds.isEmpty, nothing({ $0.kinds = Set(data.kinds.map { $0.lowercased() }) }) {
            return SelectionError(field: "kinds", asked: data.kinds, present: commonest(events.map(\.kind.rawValue)))
        }
        if !data.types.isEmpty, nothing({ $0.types = Set(data.types) }) {
            return SelectionError(field: "types", asked: data.types, present: commonest(events.flatMap { [$0.eventType, $0.subEventType] }))
        }
        if let a = data.actor, nothing({ $0.actorContains = a }) {
            return SelectionError(field: "actor", asked: [a], present: commonest(events.map(\.actor)))
        }
        if !data.countries.isEmpty, nothing({ $0.countries = Set(data.countries) }) {
            return SelectionError(field: "countries", asked: data.countries, present: commonest(events.map(\.country)))
        }
        return nil
    }
}

extension SelectionError: StrikeMapError {
    public var category: FailureCategory { .badInput }

    /// The flag (or parameter) that made the selection.
    public var setting: String? { ["kinds": "kind", "types": "type", "actor": "actor", "countries": "country"][field] ?? field }

    /// "no event of the data matches --kind 'strik'; it has: ..." on the command line, "... matches kind 'strik'" to a service.
    public func message(for audience: Audience) -> String {
        let what = asked.map { "'\($0)'" }.joined(separator: ", ")
        let has = present.isEmpty ? "nothing for it" : present.joined(separator: ", ")
        return "no event of the data matches \(audience.setting(setting ?? field)) \(what); it has: \(has)"
    }
}
