import Foundation
import StrikeMapCore

/// One parsed CSV record and the line of the file it starts on (1-based, header = line 1).
public struct CSVRecord: Sendable {
    public var fields: [String]
    public var line: Int
}

public enum CSVError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, message: String)
    case invalidUTF8(file: String, line: Int)
    case unterminatedQuote(file: String, line: Int)
    case empty(file: String)
    /// A record longer than the reader's limit (`CSVScanner.maxRecordBytes`): not a CSV file, or
    /// one whose rows need a higher limit.
    case recordTooLong(file: String, line: Int, limit: Int)
    /// Bytes that are no text a reader takes: a binary file or device (NUL bytes), or UTF-16.
    case notText(file: String, what: String)
    /// A folder given where a file was wanted.
    case folder(file: String)

    public var description: String {
        switch self {
        case .recordTooLong: return message(for: .service)
        case let .notText(file, what): return "\(file): \(what)"
        case let .folder(file): return "\(file): is a folder; give a CSV or GeoJSON file inside it"
        case let .unreadable(file, message): return "\(file): cannot read: \(message)"
        case let .invalidUTF8(file, line):
            return "\(file):\(line): text is not UTF-8; re-save the file as UTF-8 (in Excel: CSV UTF-8)"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field opened here is never closed; check for a stray \" character"
        case let .empty(file): return "\(file): the file is empty; expected a header line"
        }
    }

    /// "1 MiB", "512 KiB", "1,000 bytes".
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        if bytes >= 1 << 10 { return String(format: "%.1f KiB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) bytes"
    }

    /// What is wrong with the first bytes of an input for a text reader, if anything: NUL bytes
    /// (a binary file, `/dev/zero`, an image) or a UTF-16 byte-order mark.
    public static func textProblem(_ head: UnsafeBufferPointer<UInt8>) -> String? {
        if head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) {
            return "the text is UTF-16; save it as UTF-8 (in Excel: CSV UTF-8)"
        }
        if head.contains(0) { return "a binary file (it holds NUL bytes), not CSV or GeoJSON text" }
        return nil
    }
}

/// One record's fields as positions in the input. Text is made only for the fields a reader
/// asks for, so a reader of millions of rows pays nothing for the columns it does not use.
/// Valid only inside the call that hands it out: it points into the reader's buffer.
public struct CSVRow {
    /// The line the record starts on. In `CSVScanner.scan` it counts from the `firstLine` given.
    public internal(set) var line = 0
    @usableFromInline var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Four numbers per field: start and end of its text (inside the quotes of a quoted field),
    /// end of what follows a closing quote (= end when nothing does), and flags
    /// (`quoted`, `doubled`: holds "" pairs).
    @usableFromInline var spans: [Int] = []
    /// Set when the record is not UTF-8 and is read in a legacy code page.
    var codePage: LegacyCodePage?
    static let quoted = 1, doubled = 2

    public init() { spans.reserveCapacity(4 * 40) }

    public var count: Int { spans.count >> 2 }

    /// The field's text, exactly as `CSVRecord.fields` has it ("" past the last field).
    public func text(_ i: Int) -> String {
        guard i < count else { return "" }
        let s = spans[4 * i], e = spans[4 * i + 1], tail = spans[4 * i + 2], flags = spans[4 * i + 3]
        var out: String
        if flags & Self.doubled != 0 {
            // Each "" inside the quotes stands for one ".
            var collapsed: [UInt8] = []
            collapsed.reserveCapacity(e - s)
            var j = s
            while j < e {
                collapsed.append(bytes[j])
                j += bytes[j] == 34 ? 2 : 1
            }
            out = collapsed.withUnsafeBufferPointer { decode($0) }
        } else {
            out = decode(UnsafeBufferPointer(rebasing: bytes[s..<e]))
        }
        // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
        if flags & Self.quoted != 0 && tail > e + 1 {
            out += decode(UnsafeBufferPointer(rebasing: bytes[(e + 1)..<tail]))
        }
        return out
    }

    /// `text(i)` without leading and trailing spaces and tabs (as `FastText.trim`).
    public func trimmed(_ i: Int) -> String {
        if let b = plainTrimmed(i) { return String(decoding: b, as: UTF8.self) }
        return FastText.trim(text(i))
    }

    /// The trimmed field's UTF-8 bytes when they are a plain slice of the input (no "" pairs,
    /// nothing after a closing quote, no code-page conversion); nil otherwise (use `trimmed`).
    @inlinable
    public func plainTrimmed(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        var s = spans[4 * i], e = spans[4 * i + 1]
        let tail = spans[4 * i + 2], flags = spans[4 * i + 3]
        if flags & 2 != 0 || (flags & 1 != 0 && tail > e + 1) || !isUTF8 { return nil }
        while s < e && (bytes[s] == 32 || bytes[s] == 9) { s += 1 }
        while e > s && (bytes[e - 1] == 32 || bytes[e - 1] == 9) { e -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[s..<e])
    }

    @usableFromInline var isUTF8: Bool { codePage == nil }

    private func decode(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if let table = codePage?.upperHalf {
            var out = String.UnicodeScalarView()
            for c in b { out.append(Unicode.Scalar(c < 0x80 ? UInt16(c) : table[Int(c) - 0x80]) ?? "\u{FFFD}") }
            return String(out)
        }
        return String(decoding: b, as: UTF8.self)
    }
}

/// Splits bytes into RFC 4180 records: quoted fields with delimiters, doubled quotes and newlines,
/// CR, LF or CRLF line ends. One pass over each byte; fields are recorded as positions (`CSVRow`).
/// Holds the file's code-page state: the first record that is not UTF-8 decides which legacy code
/// page the file is in, and later such records are read in it.
public struct CSVScanner: Sendable {
    public internal(set) var delimiter: UInt8
    /// When false, text that is not UTF-8 is an error instead of being converted.
    public var convertLegacyEncodings = true
    var legacy: LegacyCodePage?
    /// The legacy code page records were read in, if any.
    public var convertedFrom: String? { legacy?.rawValue }

    /// The longest record taken, in bytes: past it, a scan stops (`tooLong`) instead of
    /// buffering on, so a file with no line breaks (`/dev/zero` as text, a 200 MB field) fails
    /// fast in bounded memory.
    public var maxRecordBytes = CSVScanner.defaultMaxRecordBytes
    public static let defaultMaxRecordBytes = 1 << 20

    public init(delimiter: UInt8) { self.delimiter = delimiter }

    public enum Outcome: Equatable, Sendable {
        /// The record is longer than `maxRecordBytes`.
        case tooLong
        /// A record; the next starts at `next`, `lines` lines on (1 + newlines inside quotes).
        case record(next: Int, lines: Int)
        /// An empty line (or a lone ""): no record, but its lines count.
        case blank(next: Int, lines: Int)
        /// The bytes end inside the record (or right after a CR that a LF may follow).
        case needMore
        /// No bytes left, and they end the input.
        case end
        case unterminatedQuote
        case invalidUTF8
        /// Not UTF-8, no code page is known yet, and this scan may not pick one (only the file's
        /// first such record may, so that a scan of a later part of the file leaves it to a serial one).
        case needsSniff
    }

    /// Scans the record that starts at `start` into `row`.
    public mutating func record(_ b: UnsafeBufferPointer<UInt8>, at start: Int, atEnd: Bool, mayDetect: Bool,
                                into row: inout CSVRow) -> Outcome {
        let outcome = recordOfAnyLength(b, at: start, atEnd: atEnd, mayDetect: mayDetect, into: &row)
        switch outcome {
        case .needMore: return b.count - start > maxRecordBytes ? .tooLong : outcome
        case .record(let next, _): return next - start > maxRecordBytes ? .tooLong : outcome
        default: return outcome
        }
    }

    private mutating func recordOfAnyLength(_ b: UnsafeBufferPointer<UInt8>, at start: Int, atEnd: Bool, mayDetect: Bool,
                                            into row: inout CSVRow) -> Outcome {
        let n = b.count
        if start >= n { return atEnd ? .end : .needMore }
        let quote: UInt8 = 34
        let delimiter = self.delimiter
        row.bytes = b
        row.codePage = nil
        row.spans.removeAll(keepingCapacity: true)
        var high: UInt8 = 0
        var newlines = 0
        var i = start
        var recordEnd = -1
        while true {
            if i < n && b[i] == quote {
                // A quoted field: up to the quote that is not doubled.
                var j = i + 1
                var doubled = false
                while true {
                    j = Self.findQuote(b, from: j, newlines: &newlines, high: &high)
                    if j >= n { return atEnd ? .unterminatedQuote : .needMore }
                    if j + 1 < n {
                        if b[j + 1] == quote { doubled = true; j += 2; continue }
                    } else if !atEnd {
                        return .needMore  // the next byte may be a quote that doubles this one
                    }
                    break
                }
                let k = Self.findBreak(b, from: j + 1, delimiter: delimiter, high: &high)
                row.spans.append(i + 1); row.spans.append(j); row.spans.append(k)
                row.spans.append(CSVRow.quoted | (doubled ? CSVRow.doubled : 0))
                i = k
            } else {
                let k = Self.findBreak(b, from: i, delimiter: delimiter, high: &high)
                row.spans.append(i); row.spans.append(k); row.spans.append(k); row.spans.append(0)
                i = k
            }
            if i >= n {
                if !atEnd { return .needMore }
                recordEnd = n
                break
            }
            if b[i] == delimiter { i += 1; continue }
            recordEnd = i
            break
        }
        // Past the line break: CR, LF or CRLF.
        var next = recordEnd
        if next < n {
            if b[next] == 13 {
                if next + 1 == n && !atEnd { return .needMore }
                next += 1
                if next < n && b[next] == 10 { next += 1 }
            } else {
                next += 1
            }
        }
        // Almost every row of a real export is ASCII, which needs no check at all.
        if high >= 0x80 && !Self.isUTF8(UnsafeBufferPointer(rebasing: b[start..<recordEnd])) {
            guard convertLegacyEncodings else { return .invalidUTF8 }
            if legacy == nil {
                guard mayDetect else { return .needsSniff }
                legacy = CSVReader.sniff(UnsafeBufferPointer(rebasing: b[start..<recordEnd]))
            }
            row.codePage = legacy
        }
        let lines = 1 + newlines
        if row.spans.count == 4 && row.spans[1] == row.spans[0] && (row.spans[3] == 0 || row.spans[2] <= row.spans[1] + 1) {
            return .blank(next: next, lines: lines)
        }
        return .record(next: next, lines: lines)
    }

    // Eight bytes at a time: a byte equal to `c` shows as a zero byte of `v ^ c·0x01…01`, and
    // `(x - 0x01…01) & ~x & 0x80…80` marks zero bytes, exactly for the lowest one (a borrow only
    // runs upwards from it), which is the one wanted.
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }

    /// The first delimiter, CR or LF at or after `k` (or the end); ORs the bytes before it into `high`.
    @inline(__always)
    static func findBreak(_ b: UnsafeBufferPointer<UInt8>, from k: Int, delimiter: UInt8, high: inout UInt8) -> Int {
        let n = b.count
        var k = k
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            let d = UInt64(delimiter) &* ones, lf = 0x0A &* ones, cr = 0x0D &* ones
            var seen: UInt64 = 0
            while k + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let m = zeroBytes(v ^ d) | zeroBytes(v ^ lf) | zeroBytes(v ^ cr)
                if m != 0 {
                    let before = m.trailingZeroBitCount & ~7
                    if before > 0 { seen |= v & ((1 << UInt64(before)) &- 1) }
                    if seen & highs != 0 { high |= 0x80 }
                    return k + before >> 3
                }
                seen |= v
                k += 8
            }
            if seen & highs != 0 { high |= 0x80 }
        }
        while k < n {
            let c = b[k]
            if c == delimiter || c == 10 || c == 13 { break }
            high |= c
            k += 1
        }
        return k
    }

    /// The first quote at or after `k` (or the end); counts the line feeds before it and ORs the
    /// bytes before it into `high`.
    @inline(__always)
    static func findQuote(_ b: UnsafeBufferPointer<UInt8>, from k: Int, newlines: inout Int, high: inout UInt8) -> Int {
        let n = b.count
        var k = k
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            let q = 0x22 &* ones, lf = 0x0A &* ones
            var seen: UInt64 = 0
            while k + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let quotes = zeroBytes(v ^ q)
                if quotes != 0 {
                    let before = quotes.trailingZeroBitCount & ~7
                    let mask: UInt64 = before > 0 ? (1 << UInt64(before)) &- 1 : 0
                    seen |= v & mask
                    // Line feeds before the quote: exact per byte, below the lowest quote.
                    newlines += (exactZeroBytes(v ^ lf) & mask).nonzeroBitCount
                    if seen & highs != 0 { high |= 0x80 }
                    return k + before >> 3
                }
                newlines += exactZeroBytes(v ^ lf).nonzeroBitCount
                seen |= v
                k += 8
            }
            if seen & highs != 0 { high |= 0x80 }
        }
        while k < n && b[k] != 34 {
            let c = b[k]
            high |= c
            if c == 10 { newlines += 1 }
            k += 1
        }
        return k
    }

    /// Every zero byte marked, not only the lowest: `((x & 0x7F…7F) + 0x7F…7F) | x` has a byte's
    /// top bit set exactly when the byte is not zero, with no carry between bytes.
    @inline(__always)
    private static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x) & highs
    }

    /// Why `scan` stopped, where (the start of the record it did not take) and on which line.
    public struct Stop: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// The next record starts at or after the limit.
            case limit
            /// The bytes ended inside a record; give more.
            case needMore
            /// Every byte was read.
            case end
            case unterminatedQuote, invalidUTF8, needsSniff, tooLong
        }
        public var position: Int
        public var line: Int
        public var reason: Reason

        public init(position: Int, line: Int, reason: Reason) {
            self.position = position
            self.line = line
            self.reason = reason
        }
    }

    /// Hands `body` each non-blank record starting at or after `start` and before `limit`.
    public mutating func scan(_ b: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, atEnd: Bool,
                              mayDetect: Bool, firstLine: Int, row: inout CSVRow,
                              _ body: (borrowing CSVRow) throws -> Void) rethrows -> Stop {
        var p = start, line = firstLine
        while true {
            if p >= limit && p < b.count { return Stop(position: p, line: line, reason: .limit) }
            switch record(b, at: p, atEnd: atEnd, mayDetect: mayDetect, into: &row) {
            case let .record(next, lines):
                row.line = line
                try body(row)
                p = next; line += lines
            case let .blank(next, lines):
                p = next; line += lines
            case .end: return Stop(position: p, line: line, reason: .end)
            case .needMore: return Stop(position: p, line: line, reason: .needMore)
            case .unterminatedQuote: return Stop(position: p, line: line, reason: .unterminatedQuote)
            case .invalidUTF8: return Stop(position: p, line: line, reason: .invalidUTF8)
            case .needsSniff: return Stop(position: p, line: line, reason: .needsSniff)
            case .tooLong: return Stop(position: p, line: line, reason: .tooLong)
            }
        }
    }

    /// Whether the bytes are well-formed UTF-8 (what `String(validating:)` accepts: no overlong
    /// forms, surrogates or values past U+10FFFF), without making a String.
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && b[j] & 0xC0 == 0x80 }
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                guard cont(i + 1) else { return false }
                i += 2
            } else if c < 0xF0 {
                guard cont(i + 1), cont(i + 2) else { return false }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }
                if c == 0xED && c1 >= 0xA0 { return false }
                i += 3
            } else if c < 0xF5 {
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return false }
                if c == 0xF4 && c1 >= 0x90 { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}

/// A streaming RFC 4180 reader: quoted fields with delimiters, doubled quotes and newlines,
/// CRLF or LF line ends, a UTF-8 byte-order mark, and `,` `;` or tab delimiters (detected from
/// the header line when not given). Reads in 1 MiB chunks, so input size does not bound memory.
public final class CSVReader {
    public let name: String
    public var delimiter: UInt8 { scanner.delimiter }
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var scratch: [UInt8] = []
    private var pos = 0
    private var eof: Bool
    private var line = 1
    private static let chunk = 1 << 20
    private var scanner: CSVScanner
    private var row = CSVRow()
    /// Set when rows were not UTF-8 and were read as a legacy Windows code page instead
    /// (Excel's "CSV" on a Western or Arabic system); the caller should say so.
    public var convertedFrom: String? { scanner.convertedFrom }
    /// When false, text that is not UTF-8 is an error instead of being converted.
    public var convertLegacyEncodings: Bool {
        get { scanner.convertLegacyEncodings }
        set { scanner.convertLegacyEncodings = newValue }
    }

    /// - Parameters:
    ///   - path: a file, or "-" for standard input.
    ///   - name: what messages call it (a spooled copy of standard input is named as the input).
    ///   - maxRecordBytes: the longest record taken.
    public init(path: String, name: String? = nil, delimiter: UInt8? = nil,
                maxRecordBytes: Int = CSVScanner.defaultMaxRecordBytes) throws(CSVError) {
        self.name = name ?? (path == "-" ? "<stdin>" : path)
        var st = stat()
        if path != "-", stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw .folder(file: self.name) }
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
                throw .unreadable(file: path, message: reason)
            }
            handle = h
        }
        buffer = []
        eof = false
        scanner = CSVScanner(delimiter: delimiter ?? UInt8(ascii: ","))
        scanner.maxRecordBytes = maxRecordBytes
        try start(detect: delimiter == nil)
    }

    /// Reads from bytes already in memory.
    public init(data: Data, name: String, delimiter: UInt8? = nil,
                maxRecordBytes: Int = CSVScanner.defaultMaxRecordBytes) throws(CSVError) {
        self.name = name
        handle = nil
        buffer = [UInt8](data)
        eof = true
        scanner = CSVScanner(delimiter: delimiter ?? UInt8(ascii: ","))
        scanner.maxRecordBytes = maxRecordBytes
        try start(detect: delimiter == nil)
    }

    deinit {
        if let h = handle, h !== FileHandle.standardInput { try? h.close() }
    }

    private func start(detect: Bool) throws(CSVError) {
        try fill(minimum: 1)
        let problem = buffer.withUnsafeBufferPointer { CSVError.textProblem(UnsafeBufferPointer(rebasing: $0.prefix(4096))) }
        if let problem { throw .notText(file: name, what: problem) }
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { pos = 3 }
        if detect { scanner.delimiter = detectDelimiter() }
    }

    /// Reads more input, until at least `minimum` unread bytes are buffered or the input ends
    /// (then `eof`). What was consumed is dropped first, moving the unread bytes to the front.
    private func fill(minimum: Int) throws(CSVError) {
        guard !eof, let h = handle else { eof = true; return }
        if pos > 0 {
            let rest = buffer.count - pos, start = pos
            buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + start, rest) }
            buffer.removeLast(pos)
            pos = 0
        }
        // read(2) into a scratch array kept from call to call, then one copy onto the buffer,
        // whose memory is reused too: no Data to allocate, fault in and free for every block.
        let fd = h.fileDescriptor
        while buffer.count < minimum {
            let want = max(Self.chunk, minimum - buffer.count)
            if scratch.count < want { scratch = [UInt8](repeating: 0, count: want) }
            var got = 0
            repeat {
                got = scratch.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, want) }
            } while got < 0 && errno == EINTR
            if got < 0 { throw .unreadable(file: name, message: String(cString: strerror(errno))) }
            scratch.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<got])) }
            if got == 0 { eof = true; return }
        }
    }

    /// Arabic text in Windows-1256 puts most of its high bytes on Arabic letters; Western text
    /// in Windows-1252 on accented Latin letters.
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>) -> LegacyCodePage {
        var high = 0, arabic = 0
        for c in bytes where c >= 0x80 {
            high += 1
            let u = LegacyCodePage.cp1256[Int(c) - 0x80]
            if (0x0600...0x06FF).contains(u) { arabic += 1 }
        }
        return high > 0 && arabic * 10 >= high * 6 ? .windows1256 : .windows1252
    }

    private func detectDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        var i = pos
        while i < buffer.count {
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted && (b == 10 || b == 13) { break }
            else if !quoted, counts[b] != nil { counts[b]! += 1 }
            i += 1
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != UInt8(ascii: ",")) }
        return (best?.value ?? 0) > 0 ? best!.key : UInt8(ascii: ",")
    }

    /// The next record, or nil at the end. Blank lines are skipped.
    public func next() throws(CSVError) -> CSVRecord? {
        while true {
            var fields: [String] = []
            let outcome: CSVScanner.Outcome = buffer.withUnsafeBufferPointer { b in
                let o = scanner.record(b, at: pos, atEnd: eof, mayDetect: true, into: &row)
                if case .record = o {
                    fields.reserveCapacity(row.count)
                    for i in 0..<row.count { fields.append(row.text(i)) }
                }
                return o
            }
            switch outcome {
            case .end: return nil
            case .needMore:
                // Twice what is buffered: a record as long as the file is read in linear time.
                try fill(minimum: max(2 * (buffer.count - pos), Self.chunk))
            case let .blank(next, lines):
                pos = next
                line += lines
            case let .record(next, lines):
                let record = CSVRecord(fields: fields, line: line)
                pos = next
                line += lines
                return record
            case .unterminatedQuote: throw .unterminatedQuote(file: name, line: line)
            case .invalidUTF8, .needsSniff: throw .invalidUTF8(file: name, line: line)
            case .tooLong: throw .recordTooLong(file: name, line: line, limit: scanner.maxRecordBytes)
            }
        }
    }

    /// For readers that take many rows at a time (in parallel): hands `body` the unread input in
    /// blocks of at least `minimum` bytes (fewer only at the end of the input), with whether the
    /// block ends the input, the line its first record starts on and the reader's scanner (whose
    /// code-page state `body` keeps up to date). `body` returns how many bytes, whole records, it
    /// took and how many lines they held; the rest starts the next block.
    public func readBlocks(minimum: Int,
                           _ body: (UnsafeBufferPointer<UInt8>, _ atEnd: Bool, _ line: Int, inout CSVScanner) throws
                               -> (consumed: Int, lines: Int)) throws {
        var want = minimum
        while true {
            if !eof && buffer.count - pos < want { try fill(minimum: want) }
            if pos >= buffer.count && eof { return }
            // No more than `want` bytes at a time, also when all the input is in memory already
            // (standard input): a block's rows are held until they are merged.
            let end = min(buffer.count, pos + want)
            let atEnd = eof && end == buffer.count
            let (consumed, lines) = try buffer.withUnsafeBufferPointer { b in
                try body(UnsafeBufferPointer(rebasing: b[pos..<end]), atEnd, line, &scanner)
            }
            pos += consumed
            line += lines
            if consumed == 0 {
                // One record longer than the block: read on until it ends.
                if atEnd { return }
                want = max(2 * want, Self.chunk)
            } else {
                want = minimum
            }
        }
    }
}

extension CSVError: StrikeMapError {
    public var category: FailureCategory {
        switch self {
        case .unreadable(_, let m): return m == "no such file" || m == "permission denied" ? .notFound : .io
        case .folder: return .notFound
        case .recordTooLong: return .limit
        default: return .badInput
        }
    }

    public func message(for audience: Audience) -> String {
        guard case let .recordTooLong(file, line, limit) = self else { return description }
        let fix = audience == .commandLine ? "raise the limit with --max-record (e.g. --max-record 16M)" : "raise the record limit"
        return "\(file):\(line): a record longer than \(CSVError.size(limit)), the limit; is this a CSV file? "
            + "If its rows really are that long, \(fix)"
    }
}
