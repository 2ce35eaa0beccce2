import Foundation
import Hummingbird

/// Rendered responses by their ETag, least recently used dropped first, bounded in bytes. A map
/// is a pure function of its document and the data's version, so a hit is always current: the
/// version is part of the key.
final class ResponseCache: @unchecked Sendable {
    struct Entry: Sendable {
        /// The body as NIO sends it, made once and held alone (not beside the Data it came
        /// from, which would double the memory): a hit shares it (copy on write) instead of
        /// copying a map of a few hundred kilobytes for every answer.
        let buffer: ByteBuffer
        var contentType: String
        /// Extra headers (counts), as rendered.
        var headers: [(String, String)]
        var size: Int { buffer.readableBytes }

        init(body: Data, contentType: String, headers: [(String, String)]) {
            buffer = ByteBuffer(bytes: body)
            self.contentType = contentType
            self.headers = headers
        }
    }

    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (entry: Entry, tick: UInt64)] = [:]
    private var tick: UInt64 = 0
    private(set) var bytes = 0

    init(capacityBytes: Int) { capacity = capacityBytes }

    func get(_ key: String) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard var e = entries[key] else { return nil }
        tick += 1
        e.tick = tick
        entries[key] = e
        return e.entry
    }

    /// Keeps `entry` unless it alone is more than a quarter of the cache.
    func put(_ key: String, _ entry: Entry) {
        let size = entry.size + 256
        guard size <= capacity / 4 else { return }
        lock.lock(); defer { lock.unlock() }
        if let old = entries[key] { bytes -= old.entry.size + 256 }
        tick += 1
        entries[key] = (entry, tick)
        bytes += size
        // Oldest out until it fits: a sort per eviction round, rare next to renders.
        if bytes > capacity {
            for (k, v) in entries.sorted(by: { $0.value.tick < $1.value.tick }) {
                guard bytes > capacity else { break }
                entries[k] = nil
                bytes -= v.entry.size + 256
            }
        }
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
}
