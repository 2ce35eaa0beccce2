import Foundation

/// What the events' colours and shapes stand for, and the words the map uses for them.
///
/// By default every class comes from the data: ACLED's event types (explosions split by the
/// sub-types that matter: air/drone strike, shelling, remote explosive), a file's own kinds, or
/// the actors, weapons or confidence with `colorBy`. `classes` renames or restyles values of the
/// chosen dimension; the sample's preset (`Data/presets/us-forces-2023.yaml`) uses it for its
/// "Attack on US or coalition forces" and "US strike", and `appliesTo` keeps that wording on the
/// sample's own data, so another file never inherits it.
public struct SymbologyDocument: Codable, Sendable, Equatable {
    public var colorBy = ColorBy.type
    /// Named classes, in legend order; values not listed get the data's own words.
    public var classes: [EventClassStyle] = []
    /// Shorter names for actors, in the legend and the title ("Military Forces of Afghanistan (2014-)" → "Afghan forces").
    public var actors: [String: String] = [:]
    /// The event files `classes` were written for; with other files the classes are ignored.
    public var appliesTo: [String]?
    /// How events placed only at an area's centre (a district's, a province's, a country's) are
    /// shown: marked as such (default), drawn like the rest, or left off.
    public var precision = PrecisionDisplay.show
    /// What a density view (hexbin, grid, heatmap, choropleth, clusters) does with such events:
    /// counts them at the centre they stand for (default), or leaves them out.
    public var coarse = CoarseHandling.keep

    public init(colorBy: ColorBy = .type) { self.colorBy = colorBy }

    enum CodingKeys: String, CodingKey, CaseIterable { case colorBy, classes, actors, appliesTo, precision, coarse }
    public init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder)
        colorBy = try r(.colorBy, .type)
        classes = try r(.classes, [])
        actors = try r(.actors, [:])
        appliesTo = try r.optional(.appliesTo)
        precision = try r(.precision, .show)
        coarse = try r(.coarse, .keep)
        for (actor, label) in actors where label.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.actors, AnyKey(actor)],
                debugDescription: "an empty name; give a shorter name, or leave the actor out"))
        }
        var seen = Set<String>()
        for (i, c) in classes.enumerated() where !seen.insert(c.value.lowercased()).inserted {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.classes, AnyKey(intValue: i)!, AnyKey("value")],
                debugDescription: "a second class for '\(c.value)'; each value once"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(colorBy, forKey: .colorBy)
        try c.encode(classes, forKey: .classes)
        try c.encode(actors, forKey: .actors)
        try c.encodeIfPresent(appliesTo, forKey: .appliesTo)
        // The default is left out, so documents written before it read and print as they did.
        if precision != .show { try c.encode(precision, forKey: .precision) }
        if coarse != .keep { try c.encode(coarse, forKey: .coarse) }
    }

    /// The classes that apply to these event files (none when the document's wording was written for other data).
    public func classes(for events: [String]) -> [EventClassStyle] {
        guard let scope = appliesTo else { return classes }
        return scope == events ? classes : []
    }
}

/// How a map shows events whose coordinates stand for an area (`PlacePrecision.isCoarse`).
public enum PrecisionDisplay: String, Codable, Sendable, CaseIterable {
    /// Hatched marks, a legend row and a caption sentence: a province's centre is not a village.
    case show
    /// Drawn like the others; the caption still says how many stand for an area.
    case hide
    /// Left off the map, counted as removed by the place-precision filter.
    case exactOnly = "exact-only"
}

/// What a density view does with events that stand for an area (a province's centre): a
/// hexagon over a province capital otherwise holds every event known only to the province.
public enum CoarseHandling: String, Codable, Sendable, CaseIterable {
    /// Counted at the centre they stand for; the caption says how many.
    case keep
    /// Left out of a map drawn only as a density view, counted as removed by the place-precision
    /// filter, and the footer says how many.
    case drop
}

/// Which property of an event its marker's colour and shape show.
public enum ColorBy: String, Codable, Sendable, CaseIterable {
    /// The event type (ACLED's, or the file's kind); explosions split by sub-type.
    case type
    /// The finest classification the data has (ACLED's sub-event type).
    case subType = "sub-type"
    /// The first actor; the seven commonest get their own symbol.
    case actor
    case weapon
    case confidence
}

/// The look and words of one class of events.
public struct EventClassStyle: Codable, Sendable, Equatable {
    /// The value of the `colorBy` dimension this is for (case-insensitive): `attack`, `Battles`, an actor's name.
    public var value: String
    /// The legend's words; default: the value as the data gives it.
    public var label: String?
    /// The title's words for several such events ("attacks on US forces"); default: from the label.
    public var title: String?
    /// Counting words ("attack", "attacks") for the subtitle.
    public var noun: String?
    public var nouns: String?
    /// The legend's words for those of them known only from claims.
    public var claimedLabel: String?
    public var shape: MarkerShape?
    public var color: ColorValue?

    public init(value: String, label: String? = nil, title: String? = nil, noun: String? = nil, nouns: String? = nil,
                claimedLabel: String? = nil, shape: MarkerShape? = nil, color: ColorValue? = nil) {
        self.value = value; self.label = label; self.title = title; self.noun = noun; self.nouns = nouns
        self.claimedLabel = claimedLabel; self.shape = shape; self.color = color
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case value, label, title, noun, nouns, claimedLabel, shape, color }
    public init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder)
        value = try r.required(.value)
        label = try r.optional(.label); title = try r.optional(.title)
        noun = try r.optional(.noun); nouns = try r.optional(.nouns)
        claimedLabel = try r.optional(.claimedLabel)
        shape = try r.optional(.shape); color = try r.optional(.color)
        for (key, text) in [(CodingKeys.value, value as String?), (.label, label), (.title, title), (.noun, noun),
                            (.nouns, nouns), (.claimedLabel, claimedLabel)] where text?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: "empty; give the words, or leave the key out"))
        }
    }
}

/// Marker shapes; each class of a map gets its own, so classes differ without colour too.
public enum MarkerShape: String, Codable, Sendable, CaseIterable {
    case circle, diamond, square, triangleUp = "triangle-up", triangleDown = "triangle-down", hexagon, star, pentagon, plus
}
