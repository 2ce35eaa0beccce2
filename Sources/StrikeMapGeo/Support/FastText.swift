import Foundation
import StrikeMapCore

/// Small text helpers for hot paths (millions of rows): byte-level and free of Foundation's
/// bridging, which costs microseconds a call.
public enum FastText {
    /// Removes leading and trailing spaces and tabs; returns the string itself when there are none.
    @inlinable
    public static func trim(_ s: String) -> String {
        let u = s.utf8
        // Native strings are contiguous: look at both ends without walking indices.
        let clean: Bool? = u.withContiguousStorageIfAvailable { b in
            guard let first = b.first, let last = b.last else { return true }
            return first != 32 && first != 9 && last != 32 && last != 9
        }
        if clean == true { return s }
        guard let first = u.first, let last = u.last else { return s }
        if first != 32 && first != 9 && last != 32 && last != 9 { return s }
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 32 || u[start] == 9 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 32 || u[u.index(before: end)] == 9 { end = u.index(before: end) }
        return String(Substring(u[start..<end]))
    }

    /// ASCII-lowercased UTF-8 bytes (other bytes unchanged).
    @inlinable
    public static func lowerBytes(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }

    /// Whether `needle` (lowercase ASCII) occurs in `haystack`.
    @inlinable
    public static func contains(_ haystack: [UInt8], _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, haystack.count >= n else { return n == 0 }
        return needle.withUTF8Buffer { nb in
            let first = nb[0]
            var i = 0
            let last = haystack.count - n
            while i <= last {
                if haystack[i] == first {
                    var j = 1
                    while j < n && haystack[i + j] == nb[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// A finite decimal number, accepting the decimal comma of European spreadsheets ("33,5").
    public static func decimal(_ s: String) -> Double? {
        if let v = Double(s) { return v.isFinite ? v : nil }
        let commas = s.utf8.filter { $0 == 44 }.count
        guard commas == 1, !s.contains(".") else { return nil }
        guard let v = Double(s.replacingOccurrences(of: ",", with: ".")), v.isFinite else { return nil }
        return v
    }
}
