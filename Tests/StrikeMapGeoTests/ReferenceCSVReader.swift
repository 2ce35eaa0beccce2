import Foundation
@testable import StrikeMapGeo

// The CSV reader as it was before the byte-level scanner (commit bff5101), kept verbatim as the
// oracle of the differential tests: the new reader must split every input exactly as this did.
/// A streaming RFC 4180 reader: quoted fields with delimiters, doubled quotes and newlines,
/// CRLF or LF line ends, a UTF-8 byte-order mark, and `,` `;` or tab delimiters (detected from
/// the header line when not given). Reads in 1 MiB chunks, so input size does not bound memory.
final class ReferenceCSVReader {
    let name: String
    private(set) var delimiter: UInt8
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var pos = 0
    private var eof: Bool
    private var line = 1
    private static let chunk = 1 << 20
    private var legacy: LegacyCodePage?
    /// Set when rows were not UTF-8 and were read as a legacy Windows code page instead
    /// (Excel's "CSV" on a Western or Arabic system); the caller should say so.
    var convertedFrom: String? { legacy?.rawValue }
    /// When false, text that is not UTF-8 is an error instead of being converted.
    var convertLegacyEncodings = true

    /// - Parameter path: a file, or "-" for standard input.
    init(path: String, delimiter: UInt8? = nil) throws(CSVError) {
        name = path == "-" ? "<stdin>" : path
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
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        try start(detect: delimiter == nil)
    }

    /// Reads from bytes already in memory.
    init(data: Data, name: String, delimiter: UInt8? = nil) throws(CSVError) {
        self.name = name
        handle = nil
        buffer = [UInt8](data)
        eof = true
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        try start(detect: delimiter == nil)
    }

    deinit {
        if let h = handle, h !== FileHandle.standardInput { try? h.close() }
    }

    private func start(detect: Bool) throws(CSVError) {
        try fill()
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { pos = 3 }
        if detect { delimiter = detectDelimiter() }
    }

    /// Appends the next chunk to the buffer (first dropping what was consumed, which moves the
    /// unread bytes to the front: `pos` is updated, and the shift is returned). nil at end of input.
    @discardableResult
    private func fill() throws(CSVError) -> Int? {
        guard !eof, let h = handle else { return nil }
        let data: Data
        do {
            data = try h.read(upToCount: Self.chunk) ?? Data()
        } catch {
            throw .unreadable(file: name, message: "\(error)")
        }
        if data.isEmpty { eof = true; return nil }
        var shift = 0
        if pos > 0 && pos >= buffer.count / 2 {
            shift = pos
            buffer.removeFirst(pos)
            pos = 0
        }
        buffer.append(contentsOf: data)
        return shift
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
    func next() throws(CSVError) -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private func readRecord() throws(CSVError) -> CSVRecord? {
        if pos >= buffer.count, try fill() == nil { return nil }
        // 1. Find the end of the record: the first line break outside a quoted field. States:
        //    0 start of a field, 1 in an unquoted field, 2 in a quoted field, 3 just after a
        //    quote inside a quoted field (a doubled quote goes back to 2).
        let quote = UInt8(ascii: "\"")
        let delimiter = self.delimiter
        var scan = pos
        var state = 0
        var end = -1
        while end < 0 {
            let count = buffer.count
            let found: (Int, Int) = buffer.withUnsafeBufferPointer { b in
                var i = scan, st = state
                while i < count {
                    let c = b[i]
                    switch st {
                    case 2: if c == quote { st = 3 }
                    case 3:
                        if c == quote { st = 2 }
                        else if c == delimiter { st = 0 }
                        else if c == 10 || c == 13 { return (i, st) }
                        else { st = 1 }
                    default:
                        if c == delimiter { st = 0 }
                        else if c == 10 || c == 13 { return (i, st) }
                        else if c == quote && st == 0 { st = 2 }
                        else { st = 1 }
                    }
                    i += 1
                }
                return (-1 - i, st)
            }
            let quoted = found.1 == 2
            if found.0 >= 0 {
                end = found.0
                // A CR at the very end of the buffer may be followed by the LF of a CRLF.
                if buffer[end] == 13 && end + 1 == buffer.count, let shift = try fill() {
                    end -= shift
                }
            } else {
                scan = -1 - found.0
                state = found.1
                if let shift = try fill() {
                    scan -= shift
                } else {
                    if quoted { throw .unterminatedQuote(file: name, line: line) }
                    end = buffer.count
                }
            }
        }
        // 2. Split it into fields, slicing the buffer directly; only quoted fields with doubled
        //    quotes are copied.
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(32)
        var newlines = 0
        let ok: Bool = buffer.withUnsafeBufferPointer { b in
            // Validate the record's UTF-8 once; then every field is made without re-checking
            // (almost all rows of real exports are ASCII, which needs no decoding at all).
            let record = UnsafeBufferPointer(rebasing: b[pos..<end])
            var ascii = true
            for c in record where c >= 0x80 { ascii = false; break }
            var codePage: LegacyCodePage?
            if !ascii && String(validating: record, as: UTF8.self) == nil {
                guard convertLegacyEncodings else { return false }
                if legacy == nil { legacy = Self.sniff(record) }
                codePage = legacy
            }
            func text(_ r: Range<Int>) -> String {
                if let table = codePage?.upperHalf {
                    var out = String.UnicodeScalarView()
                    for c in b[r] { out.append(Unicode.Scalar(c < 0x80 ? UInt16(c) : table[Int(c) - 0x80]) ?? "\u{FFFD}") }
                    return String(out)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
            }
            var i = pos
            while true {
                if i < end && b[i] == quote {
                    // Quoted field.
                    var j = i + 1
                    var plain = true
                    var bytes: [UInt8] = []
                    var segment = j
                    while j < end {
                        if b[j] == quote {
                            if j + 1 < end && b[j + 1] == quote {
                                if plain { bytes.reserveCapacity(j - i + 16); plain = false }
                                bytes.append(contentsOf: b[segment...j])
                                j += 2
                                segment = j
                                continue
                            }
                            break
                        }
                        if b[j] == 10 { newlines += 1 }
                        j += 1
                    }
                    var t: String
                    if plain {
                        t = text((i + 1)..<j)
                    } else {
                        bytes.append(contentsOf: b[segment..<j])
                        if let table = codePage?.upperHalf {
                            var out = String.UnicodeScalarView()
                            for c in bytes { out.append(Unicode.Scalar(c < 0x80 ? UInt16(c) : table[Int(c) - 0x80]) ?? "\u{FFFD}") }
                            t = String(out)
                        } else {
                            t = String(decoding: bytes, as: UTF8.self)
                        }
                    }
                    // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
                    var k = min(j + 1, end)
                    let tail = k
                    while k < end && b[k] != delimiter { k += 1 }
                    if k > tail { t += text(tail..<k) }
                    fields.append(t)
                    i = k
                } else {
                    var k = i
                    while k < end && b[k] != delimiter { k += 1 }
                    fields.append(text(i..<k))
                    i = k
                }
                if i >= end { break }
                i += 1  // past the delimiter
            }
            return true
        }
        guard ok else { throw .invalidUTF8(file: name, line: startLine) }
        line += 1 + newlines
        // 3. Past the line break (CR, LF or CRLF).
        pos = end
        if pos < buffer.count {
            if buffer[pos] == 13 { pos += 1; if pos < buffer.count && buffer[pos] == 10 { pos += 1 } }
            else { pos += 1 }
        }
        return CSVRecord(fields: fields, line: startLine)
    }
}
