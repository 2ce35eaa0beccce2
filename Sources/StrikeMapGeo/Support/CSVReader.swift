import Foundation

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

    public var description: String {
        switch self {
        case let .unreadable(file, message): return "\(file): cannot read: \(message)"
        case let .invalidUTF8(file, line):
            return "\(file):\(line): text is not UTF-8; re-save the file as UTF-8 (in Excel: CSV UTF-8)"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field opened here is never closed; check for a stray \" character"
        case let .empty(file): return "\(file): the file is empty; expected a header line"
        }
    }
}

/// A streaming RFC 4180 reader: quoted fields with delimiters, doubled quotes and newlines,
/// CRLF or LF line ends, a UTF-8 byte-order mark, and `,` `;` or tab delimiters (detected from
/// the header line when not given). Reads in 1 MiB chunks, so input size does not bound memory.
public final class CSVReader {
    public let name: String
    public private(set) var delimiter: UInt8
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var pos = 0
    private var eof: Bool
    private var line = 1
    private static let chunk = 1 << 20

    /// - Parameter path: a file, or "-" for standard input.
    public init(path: String, delimiter: UInt8? = nil) throws(CSVError) {
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
    public init(data: Data, name: String, delimiter: UInt8? = nil) throws(CSVError) {
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

    /// Appends the next chunk to the buffer; false at end of input.
    @discardableResult
    private func fill() throws(CSVError) -> Bool {
        guard !eof, let h = handle else { return false }
        let data: Data
        do {
            data = try h.read(upToCount: Self.chunk) ?? Data()
        } catch {
            throw .unreadable(file: name, message: "\(error)")
        }
        if data.isEmpty { eof = true; return false }
        if pos > 0 && pos >= buffer.count / 2 {
            buffer.removeFirst(pos)
            pos = 0
        }
        buffer.append(contentsOf: data)
        return true
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
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private func readRecord() throws(CSVError) -> CSVRecord? {
        if pos >= buffer.count, try !fill() { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        func finishField() throws(CSVError) {
            guard let s = String(validating: field, as: UTF8.self) else {
                throw .invalidUTF8(file: name, line: startLine)
            }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while true {
            if pos >= buffer.count {
                if try !fill() {
                    if quoted { throw .unterminatedQuote(file: name, line: startLine) }
                    try finishField()
                    return CSVRecord(fields: fields, line: startLine)
                }
            }
            let b = buffer[pos]
            pos += 1
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if pos >= buffer.count { try fill() }
                    if pos < buffer.count && buffer[pos] == UInt8(ascii: "\"") {
                        field.append(b); pos += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
            } else if b == delimiter {
                try finishField()
            } else if b == 10 || b == 13 {
                if b == 13 {
                    if pos >= buffer.count { try fill() }
                    if pos < buffer.count && buffer[pos] == 10 { pos += 1 }
                }
                line += 1
                try finishField()
                return CSVRecord(fields: fields, line: startLine)
            } else if b == UInt8(ascii: "\"") && field.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else {
                field.append(b)
            }
        }
    }
}
