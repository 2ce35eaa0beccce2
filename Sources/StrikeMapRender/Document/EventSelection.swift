import StrikeMapEvents
import StrikeMapCore

/// A document's data selection as the filter that keeps its events: the one place where a map
/// (`render`, `frames`, `POST /map`), a list (`events`, `/events`) and counts (`/stats`) turn
/// dates, kinds, types, actor and countries into the same `EventFilter`. What a command adds on
/// top (`events --site`, `--confidence`, the extent's box) it adds to the filter this returns.
extension MapDocument.DataSelection {
    /// The filter for these dates (already resolved: see `filter(newest:)`).
    public func filter(dates range: DateRange) -> EventFilter {
        var filter = EventFilter()
        filter.dates = range
        filter.kinds = Set(kinds.map { $0.lowercased() })
        filter.countries = Set(countries)
        filter.actorContains = actor
        filter.types = Set(types)
        return filter
    }

    /// The filter, with `last` counted back from `newest` (the newest event's date).
    public func filter(newest: CivilDate?) throws -> EventFilter {
        filter(dates: try dates.range(newest: newest))
    }

    /// The filter an event store can apply before anything is read: every filter but the dates
    /// when they depend on the newest event (`last`), which are applied again afterwards.
    public var storeFilter: EventFilter {
        let range = dates.last == nil ? (try? dates.range(newest: nil)) ?? .all : .all
        return filter(dates: range)
    }
}
