import Foundation
import StrikeMapCore

/// A compact binary copy of a basemap extract (`basemap.bin`), read in a few milliseconds instead
/// of the ~100 ms GDAL needs to parse the same layers as GeoJSON. Written by
/// `strikemap basemap-cache FOLDER` (run by `make basemap`); the GeoJSON files stay the source.
///
/// Layout (little-endian): "SMBM" u32 version; u32 layer count; per layer: string name, u32
/// feature count; per feature: u8 geometry kind (0 points, 1 lines, 2 polygons), u16 property
/// count with string key/value pairs, then the parts: u32 count, per part (polygons: u32 rings,
/// per ring) u32 point count and float32 lon/lat pairs. Strings are u32 length + UTF-8.
public enum BasemapBinary {
    static let magic: [UInt8] = Array("SMBM".utf8)
    static let version: UInt32 = 1

    public enum Error: Swift.Error, CustomStringConvertible {
        case corrupt(path: String, reason: String)
        public var description: String {
            switch self {
            case let .corrupt(path, reason):
                return "\(path): damaged basemap cache (\(reason)); rebuild it with `strikemap basemap-cache \((path as NSString).deletingLastPathComponent)` or delete it"
            }
        }
    }

    public static func write(_ layers: [(String, [Feature])], to path: String) throws {
        var out = Data()
        out.append(contentsOf: magic)
        func u32(_ v: Int) { var x = UInt32(v).littleEndian; withUnsafeBytes(of: &x) { out.append(contentsOf: $0) } }
        func u16(_ v: Int) { var x = UInt16(v).littleEndian; withUnsafeBytes(of: &x) { out.append(contentsOf: $0) } }
        func str(_ s: String) { let b = Array(s.utf8); u32(b.count); out.append(contentsOf: b) }
        func pts(_ ps: [GeoPoint]) {
            u32(ps.count)
            for p in ps {
                var lon = Float32(p.lon).bitPattern.littleEndian, lat = Float32(p.lat).bitPattern.littleEndian
                withUnsafeBytes(of: &lon) { out.append(contentsOf: $0) }
                withUnsafeBytes(of: &lat) { out.append(contentsOf: $0) }
            }
        }
        u32(Int(version))
        u32(layers.count)
        for (name, features) in layers {
            str(name)
            u32(features.count)
            for f in features {
                switch f.geometry {
                case .points: out.append(0)
                case .lines: out.append(1)
                case .polygons: out.append(2)
                }
                let props = f.properties.sorted { $0.key < $1.key }
                u16(props.count)
                for (k, v) in props { str(k); str(v) }
                switch f.geometry {
                case .points(let ps): u32(1); pts(ps)
                case .lines(let ls): u32(ls.count); for l in ls { pts(l) }
                case .polygons(let polys):
                    u32(polys.count)
                    for poly in polys { u32(poly.count); for ring in poly { pts(ring) } }
                }
            }
        }
        try out.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func read(path: String) throws -> [String: [Feature]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [String: [Feature]] in
            var i = 0
            func need(_ n: Int) throws { if i + n > raw.count { throw Error.corrupt(path: path, reason: "truncated") } }
            func u8() throws -> UInt8 { try need(1); defer { i += 1 }; return raw[i] }
            func u16() throws -> Int { try need(2); defer { i += 2 }; return Int(UInt16(raw[i]) | UInt16(raw[i + 1]) << 8) }
            func u32() throws -> Int {
                try need(4); defer { i += 4 }
                return Int(UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
            }
            func str() throws -> String {
                let n = try u32(); try need(n); defer { i += n }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[i..<(i + n)]), as: UTF8.self)
            }
            func f32() throws -> Double {
                let bits = UInt32(try u32())
                return Double(Float32(bitPattern: bits))
            }
            func pts() throws -> [GeoPoint] {
                let n = try u32()
                try need(n * 8)
                var out = [GeoPoint]()
                out.reserveCapacity(n)
                for _ in 0..<n { let lon = try f32(), lat = try f32(); out.append(GeoPoint(lat: lat, lon: lon)) }
                return out
            }
            try need(8)
            guard Array(raw[0..<4]) == magic else { throw Error.corrupt(path: path, reason: "not a basemap cache") }
            i = 4
            guard try u32() == Int(version) else { throw Error.corrupt(path: path, reason: "another version") }
            var layers: [String: [Feature]] = [:]
            for _ in 0..<(try u32()) {
                let name = try str()
                let count = try u32()
                var features: [Feature] = []
                features.reserveCapacity(count)
                for _ in 0..<count {
                    let kind = try u8()
                    var props: [String: String] = [:]
                    for _ in 0..<(try u16()) { let k = try str(); props[k] = try str() }
                    let parts = try u32()
                    let geometry: Geometry
                    switch kind {
                    case 0: geometry = .points(try (0..<parts).flatMap { _ in try pts() })
                    case 1: geometry = .lines(try (0..<parts).map { _ in try pts() })
                    case 2: geometry = .polygons(try (0..<parts).map { _ in try (0..<(try u32())).map { _ in try pts() } })
                    default: throw Error.corrupt(path: path, reason: "unknown geometry kind \(kind)")
                    }
                    features.append(Feature(geometry: geometry, properties: props))
                }
                layers[name] = features
            }
            return layers
        }
    }
}

extension BasemapBinary.Error: StrikeMapError {
    public var category: FailureCategory { .unavailable }
}
