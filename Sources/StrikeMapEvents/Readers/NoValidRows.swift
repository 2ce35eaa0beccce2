import Foundation
import StrikeMapCore

extension ReadReport {
    /// Input whose every row is bad cannot make a map or a list: that is a failure, not an empty
    /// result. A file with a header and no rows has no valid row too. A store's query may select
    /// nothing (a week without strikes): an empty map, not bad input.
    public func requireEvents(files: [String] = []) throws(NoValidRows) {
        let storesOnly = !files.isEmpty && files.allSatisfy { storeFiles[$0] != nil }
        if eventCount == 0 && !storesOnly {
            throw NoValidRows(report: self, files: files)
        }
    }
}

/// No row of the input could be read.
public struct NoValidRows: StrikeMapError {
    public var report: ReadReport
    public var files: [String] = []
    public var category: FailureCategory { .badInput }
    public var description: String {
        if report.rowsRead == 0 {
            let named = files.isEmpty ? "the input" : files.map { $0 == "-" ? "<stdin>" : $0 }.joined(separator: ", ")
            return "\(named): has a header but no rows, so there is nothing to map; check that this is the right file"
        }
        return "none of the \(report.rowsRead) rows could be read (\(report.skippedTotal) invalid, \(report.duplicatesTotal) duplicate); "
            + "fix the rows reported above, or check that this is the right file"
    }
}
