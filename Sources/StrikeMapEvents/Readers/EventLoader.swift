import Foundation
import StrikeMapGeo

/// Reads event files of any supported format, detected from their content.
public struct EventLoader {
    public let gazetteer: Gazetteer
    public var strict: Bool

    public init(gazetteer: Gazetteer, strict: Bool = false) {
        self.gazetteer = gazetteer
        self.strict = strict
    }

    /// Reads one file ("-" = standard input), calling `each` for every event as it is read.
    public func read(path: String, each: (Event) -> Void = { _ in }) throws(EventReadError) -> ReadReport {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .csv(error) }
        let header: CSVRecord
        do {
            guard let h = try reader.next() else { throw EventReadError.csv(.empty(file: reader.name)) }
            header = h
        } catch let e as EventReadError { throw e } catch let e as CSVError { throw .csv(e) } catch {
            throw .csv(.unreadable(file: reader.name, message: "\(error)"))
        }
        let fields = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if StrikeMapCSVReader.recognises(header: fields) {
            return try StrikeMapCSVReader(gazetteer: gazetteer).read(reader, header: fields, strict: strict, each: each)
        }
        throw .unknownFormat(file: reader.name, header: fields.joined(separator: ","))
    }

    /// Reads and merges several files; the same id in two files is reported as a duplicate.
    public func read(paths: [String]) throws(EventReadError) -> ReadReport {
        var report = ReadReport()
        for p in paths { report.merge(try read(path: p)) }
        return report
    }

    /// The sample dataset shipped with StrikeMap: every dated, placed event of 17 Oct - 22 Nov 2023.
    public static func samplePath() throws(GeoError) -> String {
        try DataLocator.data().appendingPathComponent("events-2023-10-17_2023-11-22.csv").path
    }
}
