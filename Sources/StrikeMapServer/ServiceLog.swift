import Foundation
import Logging
import StrikeMapEvents

/// What the service tells its operator (stderr) and never its clients: a store's failures name
/// the store, its host and the driver's words.
enum ServiceLog {
    static let logger = Logger(label: "strikemap")
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: (text: String, at: Date)?

    /// Logs a store's failure, at most once a minute for the same words (a health check every
    /// second would fill the log).
    static func storeProblem(_ text: String) {
        let now = Date()
        let redacted = StoreError.redacted(text)
        let fresh: Bool = lock.withLock {
            if let l = last, l.text == redacted, now.timeIntervalSince(l.at) < 60 { return false }
            last = (redacted, now)
            return true
        }
        if fresh { logger.error("event store: \(redacted)") }
    }
}
