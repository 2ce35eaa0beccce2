import Foundation
import Testing
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct CSVReaderTests {
    func rows(_ text: String) throws -> [CSVRecord] {
        let r = try CSVReader(data: Data(text.utf8), name: "t.csv")
        var out: [CSVRecord] = []
        while let x = try r.next() { out.append(x) }
        return out
    }

    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let r = try rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n")
        #expect(r.count == 4)
        #expect(r[1].fields == ["1", "x, y", "say \"hi\""])
        #expect(r[2].fields == ["2", "two\nlines", "z"])
        #expect(r[2].line == 3)
        #expect(r[3].line == 5)  // the embedded newline counts
        #expect(r[3].fields == ["3", "", ""])
    }

    @Test func bomCRLFAndSemicolons() throws {
        let r = try rows("\u{FEFF}id;name\r\n1;Ain al-Asad\r\n\r\n2;\"a;b\"\r\n")
        #expect(r.map(\.fields) == [["id", "name"], ["1", "Ain al-Asad"], ["2", "a;b"]])
    }

    @Test func tabDelimited() throws {
        #expect(try rows("a\tb\n1\t2\n")[1].fields == ["1", "2"])
    }

    @Test func unterminatedQuoteIsReportedWithItsLine() throws {
        #expect(throws: CSVError.unterminatedQuote(file: "t.csv", line: 2)) { try rows("a,b\n1,\"open\n2,3\n") }
    }

    @Test func invalidUTF8IsReported() throws {
        var data = Data("a,b\n".utf8)
        data.append(contentsOf: [0x31, 0x2C, 0xE9, 0x0A])  // Latin-1 é
        let r = try CSVReader(data: data, name: "latin1.csv")
        r.convertLegacyEncodings = false
        _ = try r.next()
        #expect(throws: CSVError.invalidUTF8(file: "latin1.csv", line: 2)) { try r.next() }
    }

    @Test func readsFilesLargerThanOneChunk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "id,text\n"
        for i in 0..<40_000 { text += "\(i),\"row \(i), quoted\"\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        let r = try CSVReader(path: url.path)
        var n = 0
        var last: CSVRecord?
        while let x = try r.next() { n += 1; last = x }
        #expect(n == 40_001)
        #expect(last?.fields == ["39999", "row 39999, quoted"])
        #expect(last?.line == 40_001)
    }
}

@Suite struct CSVReaderEdgeTests {
    func rows(_ text: String) throws -> [[String]] {
        let r = try CSVReader(data: Data(text.utf8), name: "t.csv")
        var out: [[String]] = []
        while let x = try r.next() { out.append(x.fields) }
        return out
    }

    @Test func strayQuotesInsideUnquotedFieldsStayText() throws {
        #expect(try rows("a,b\n5\" rocket,x\nnext,y\n") == [["a", "b"], ["5\" rocket", "x"], ["next", "y"]])
    }

    @Test func textAfterAClosingQuoteIsKept() throws {
        #expect(try rows("a\n\"x\"y\n") == [["a"], ["xy"]])
    }

    @Test func emptyQuotedFieldsAndTrailingDelimiter() throws {
        #expect(try rows("a,b,c\n\"\",,\n") == [["a", "b", "c"], ["", "", ""]])
    }

    @Test func crOnlyLineEnds() throws {
        #expect(try rows("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
    }
}

@Suite struct LegacyEncodingTests {
    @Test func windows1256ArabicIsConverted() throws {
        // "البوكمال" in Windows-1256.
        var data = Data("id,name\n1,".utf8)
        data.append(contentsOf: [0xC7, 0xE1, 0xC8, 0xE6, 0xDF, 0xE3, 0xC7, 0xE1, 0x0A])
        let r = try CSVReader(data: data, name: "ar.csv")
        _ = try r.next()
        #expect(try r.next()?.fields == ["1", "البوكمال"])
        #expect(r.convertedFrom == "Windows-1256")
    }

    @Test func windows1252IsConverted() throws {
        var data = Data("id,name\n1,Caf".utf8)
        data.append(contentsOf: [0xE9, 0x0A])
        let r = try CSVReader(data: data, name: "w.csv")
        _ = try r.next()
        #expect(try r.next()?.fields == ["1", "Café"])
        #expect(r.convertedFrom == "Windows-1252")
    }
}
