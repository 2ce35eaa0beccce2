import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

/// What the service borrows from the command line, so that the two cannot disagree: the render
/// command's flags (the map routes' query parameters, with their help), the parser that turns
/// them into a map document, and the CLI's words for a render's counts, events and sites. The
/// CLI lends its own (`ServiceVocabulary.renderCommand` in StrikeMapCLI) when it starts `serve`;
/// the service module itself knows no command.
public struct ServiceVocabulary: Sendable {
    /// One long flag of the render command.
    public struct Flag: Sendable {
        public var name: String
        /// A flag (on or off) rather than an option with a value.
        public var isSwitch: Bool
        public var repeating: Bool
        /// Its help, one line.
        public var abstract: String

        public init(name: String, isSwitch: Bool, repeating: Bool, abstract: String) {
            self.name = name
            self.isSwitch = isSwitch
            self.repeating = repeating
            self.abstract = abstract
        }
    }

    /// The parser refused the arguments, in its own words (which name flags: the service words
    /// them as parameters).
    public struct Refusal: Error, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// Formats events are listed in by `/events.json`, `.geojson` and `.csv`.
    public enum EventList: String, Sendable, CaseIterable { case json, geojson, csv }

    public var flags: [Flag]
    /// The map document the render command builds from these arguments; throws `Refusal` for
    /// arguments it refuses, and the library's typed errors as they are.
    public var document: @Sendable (_ arguments: [String]) throws -> MapDocument
    /// The counts line the CLI prints after a render (the X-StrikeMap-Summary header).
    public var summaryLine: @Sendable (RenderResult) -> String
    /// Events as `strikemap events --format` lists them.
    public var listEvents: @Sendable ([Event], EventList) throws -> String
    /// Gazetteer matches as `strikemap sites --format json` lists them.
    public var listSites: @Sendable ([(site: Site, note: String)]) throws -> String

    public init(flags: [Flag], document: @escaping @Sendable ([String]) throws -> MapDocument,
                summaryLine: @escaping @Sendable (RenderResult) -> String,
                listEvents: @escaping @Sendable ([Event], EventList) throws -> String,
                listSites: @escaping @Sendable ([(site: Site, note: String)]) throws -> String) {
        self.flags = flags
        self.document = document
        self.summaryLine = summaryLine
        self.listEvents = listEvents
        self.listSites = listSites
    }
}
