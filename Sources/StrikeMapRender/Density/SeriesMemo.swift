import Foundation
import StrikeMapEvents

/// Results worked out from a whole list of events (the view `auto` picks, a series' class
/// breaks), kept for the life of the process so that the layout's passes, every frame of a
/// series and the legend ask once, not once each: with a million events each pass costs a
/// noticeable fraction of a second.
///
/// A list is known by its storage, its length and its first and last ids, plus what was asked
/// (page size, cell size ...). Each entry keeps its list alive, so its storage cannot be reused
/// by another list while the entry exists; a dozen entries at most are kept.
final class SeriesMemo: @unchecked Sendable {
    static let shared = SeriesMemo()
    private let lock = NSLock()
    private var entries: [String: (list: [Event], value: Any)] = [:]
    private var order: [String] = []

    func value<T>(_ events: [Event], _ question: String, _ compute: () -> T) -> T {
        let key = events.withUnsafeBufferPointer { b in
            "\(UInt(bitPattern: b.baseAddress))|\(b.count)|\(b.first?.id ?? "")|\(b.last?.id ?? "")|\(question)"
        }
        lock.lock()
        if let v = entries[key]?.value as? T { lock.unlock(); return v }
        lock.unlock()
        let v = compute()
        lock.lock()
        if entries[key] == nil {
            entries[key] = (events, v)
            order.append(key)
            if order.count > 12 { entries[order.removeFirst()] = nil }
        }
        lock.unlock()
        return v
    }
}
