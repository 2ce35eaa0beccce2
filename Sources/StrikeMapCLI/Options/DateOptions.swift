import ArgumentParser
import StrikeMapRender
import StrikeMapEvents
import StrikeMapCore

/// The date-range flags every command takes.
struct DateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First day to include (YYYY-MM-DD, inclusive).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last day to include (YYYY-MM-DD, inclusive).", valueName: "date"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("One day only (YYYY-MM-DD).", valueName: "date"))
    var on: String?

    @Option(name: .long, help: ArgumentHelp(
        "The last N days or weeks (14d, 3w), ending at --to or, without --to, at the newest event in the data.",
        valueName: "duration"))
    var last: String?

    @Option(name: .long, help: ArgumentHelp("One calendar month (YYYY-MM).", valueName: "month"))
    var month: String?

    @Option(name: .long, help: ArgumentHelp("One ISO week, Monday to Sunday (YYYY-Www, e.g. 2023-W46).", valueName: "week"))
    var week: String?

    /// Any date flag replaces the document's whole date selection.
    func apply(to doc: inout MapDocument) {
        guard [from, to, on, last, month, week].contains(where: { $0 != nil }) else { return }
        doc.data.dates = selection
    }

    /// The flags as a document's date selection.
    var selection: MapDocument.DateSelection {
        var d = MapDocument.DateSelection()
        d.from = from; d.to = to; d.on = on; d.last = last; d.month = month; d.week = week
        return d
    }


    static let datesDiscussion = """
    Dates: an event belongs to the calendar day on which it is dated in the data. The shipped sample dates events as the US Department of Defense gave them (US Eastern time); where the local day in Iraq or Syria (UTC+3) differs, the row's notes say so. The ballistic-missile attack on al-Asad of the night of 20 November (Washington) fell early on 21 November in Iraq, and the strikes of the morning of 22 November in Iraq were announced on 21 November in Washington. --from and --to are inclusive.
    """
}
