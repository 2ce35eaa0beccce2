import Foundation
import StrikeMapCore

/// A hash map keyed by byte strings, asked with bytes straight from the input: a reader of
/// millions of rows looks up an actor, a place or a date without making a String to ask with.
/// Keys are copied in once, back to back in one array.
struct ByteMap<Value> {
    private var keyBytes: [UInt8] = []
    private var keyStart: [Int] = []
    private var keyHash: [UInt64] = []
    private(set) var values: [Value] = []
    /// Open addressing: entry index + 1, 0 = free.
    private var slots = [Int32](repeating: 0, count: 64)

    var count: Int { values.count }

    /// Not for adversarial input: a file could make its own keys collide and slow its own read,
    /// nothing worse.
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        guard let base = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < b.count { tail |= UInt64(b[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    /// The index of the entry for `key`, if there is one.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s]) - 1
            if e < 0 { return nil }
            if keyHash[e] == h && same(e, key) { return e }
            s = (s + 1) & mask
        }
    }

    private func same(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStart[e], end = e + 1 < keyStart.count ? keyStart[e + 1] : keyBytes.count
        guard end - start == key.count else { return false }
        guard let b = key.baseAddress else { return true }
        return keyBytes.withUnsafeBufferPointer { k in memcmp(k.baseAddress! + start, b, key.count) == 0 }
    }

    /// Adds an entry for a key `find` did not find; returns its index.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, _ value: Value) -> Int {
        if (values.count + 1) * 4 > slots.count * 3 { grow() }
        let e = values.count
        keyStart.append(keyBytes.count)
        keyBytes.append(contentsOf: key)
        keyHash.append(h)
        values.append(value)
        place(e, hash: h)
        return e
    }

    private mutating func place(_ e: Int, hash h: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(e + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for e in 0..<values.count { place(e, hash: keyHash[e]) }
    }

    subscript(entry e: Int) -> Value { values[e] }
}

/// One String per distinct value of a column: a million rows naming the same actor share one.
struct Interner {
    private var map = ByteMap<String>()

    mutating func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let h = ByteMap<String>.hash(b)
        if let e = map.find(b, hash: h) { return map[entry: e] }
        let s = String(decoding: b, as: UTF8.self)
        map.insert(b, hash: h, s)
        return s
    }
}
