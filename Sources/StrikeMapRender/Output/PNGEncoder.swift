import CCairo
import CZlib
import Dispatch
import Foundation

/// StrikeMap's own PNG encoder: cairo's (through libpng's defaults) spends most of a render's
/// time compressing. Maps are large flat areas and thin lines, which the Sub filter and a fast
/// deflate level compress nearly as well in a fraction of the time. Opaque images are written
/// as RGB, others as RGBA (un-premultiplied).
public enum PNGEncoder {
    public struct Settings: Sendable {
        /// zlib level, 1 (fastest) to 9 (smallest).
        public var level: Int32
        public var strategy: Int32
        public init(level: Int32 = 3, strategy: Int32 = Z_FILTERED) {
            self.level = level
            self.strategy = strategy
        }
        public static let `default` = Settings()
    }

    public static func encode(_ surface: CairoSurface, settings: Settings = .default) throws(RenderError) -> Data {
        guard case .image = surface.kind else { throw .cairo(operation: "PNG encoding", status: "not an image surface") }
        surface.flush()
        let w = surface.width, h = surface.height
        guard let data = cairo_image_surface_get_data(surface.pointer) else {
            throw .cairo(operation: "PNG encoding", status: "no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        // Opaque? (Maps always are; a transparent one keeps its alpha.)
        var opaque = true
        scan: for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w where row[x] >> 24 != 0xFF { opaque = false; break scan }
        }
        let bpp = opaque ? 3 : 4
        let rowBytes = w * bpp
        // Every byte is written below: no need to zero megabytes first.
        var raw = [UInt8](unsafeUninitializedCapacity: (rowBytes + 1) * h) { _, count in count = (rowBytes + 1) * h }
        var line = [UInt8](repeating: 0, count: rowBytes)
        if opaque {
            // Maps: straight from the pixels to Sub-filtered RGB, with no alpha to undo and no
            // row copy between (this loop is a twentieth of an uncached service map's time).
            raw.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    var o = y * (rowBytes + 1)
                    out[o] = 1
                    o += 1
                    var left: UInt32 = 0
                    for x in 0..<w {
                        let p = row[x]
                        out[o] = UInt8(truncatingIfNeeded: p >> 16) &- UInt8(truncatingIfNeeded: left >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: p >> 8) &- UInt8(truncatingIfNeeded: left >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: p) &- UInt8(truncatingIfNeeded: left)
                        left = p
                        o += 3
                    }
                }
            }
        } else {
            raw.withUnsafeMutableBufferPointer { out in
                line.withUnsafeMutableBufferPointer { cur in
                    for y in 0..<h {
                        let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                        var o = 0
                        for x in 0..<w {
                            let p = row[x]
                            let a = p >> 24
                            var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                            if a != 0xFF && a != 0 {
                                r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                            }
                            cur[o] = UInt8(r); cur[o + 1] = UInt8(g); cur[o + 2] = UInt8(b)
                            if bpp == 4 { cur[o + 3] = UInt8(a) }
                            o += bpp
                        }
                        // Sub filter: each byte minus the one a pixel to its left.
                        let base = y * (rowBytes + 1)
                        out[base] = 1
                        for i in 0..<bpp { out[base + 1 + i] = cur[i] }
                        for i in bpp..<rowBytes { out[base + 1 + i] = cur[i] &- cur[i - bpp] }
                    }
                }
            }
        }
        let compressed = try parallelDeflate(raw, rowBytes: rowBytes + 1, settings: settings)
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data(PNGWriter.be32(UInt32(w)) + PNGWriter.be32(UInt32(h)))
        ihdr.append(contentsOf: [8, opaque ? 2 : 6, 0, 0, 0])
        png.append(PNGWriter.chunk("IHDR", ihdr))
        var offset = 0
        while offset < compressed.count {
            let n = min(1 << 20, compressed.count - offset)
            png.append(PNGWriter.chunk("IDAT", compressed.subdata(in: offset..<(offset + n))))
            offset += n
        }
        png.append(PNGWriter.chunk("IEND", Data()))
        return png
    }

    /// A zlib stream compressed in pieces on several cores, the way pigz does it: each piece is a
    /// raw deflate stream primed with the 32 KiB before it, ended with a sync flush (the last with
    /// a finish), and the pieces are joined between one zlib header and one Adler-32 of the whole.
    static func parallelDeflate(_ input: [UInt8], rowBytes: Int, settings: Settings,
                                pieces requested: Int = ProcessInfo.processInfo.activeProcessorCount) throws(RenderError) -> Data {
        let rows = input.count / max(1, rowBytes)
        let pieces = min(requested, 4, max(1, input.count / (512 * 1024)))
        guard pieces > 1 else { return try deflate(input, settings: settings) }
        let cuts = (0...pieces).map { min(input.count, rows * $0 / pieces * rowBytes) }
        final class Parts: @unchecked Sendable {
            let lock = NSLock()
            var data: [[UInt8]?]
            var adler: [uLong]
            var failed = false
            init(_ n: Int) { data = Array(repeating: nil, count: n); adler = Array(repeating: 0, count: n) }
        }
        let parts = Parts(pieces)
        input.withUnsafeBufferPointer { src in
            // Read-only for the duration of concurrentPerform, which returns when every piece is done.
            nonisolated(unsafe) let base = src.baseAddress!
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                let start = cuts[k], end = cuts[k + 1]
                var stream = z_stream()
                guard deflateInit2_(&stream, settings.level, Z_DEFLATED, -15, 9, settings.strategy, ZLIB_VERSION,
                                    Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                    parts.lock.lock(); parts.failed = true; parts.lock.unlock(); return
                }
                defer { deflateEnd(&stream) }
                if k > 0 {
                    let dict = max(0, start - 32768)
                    _ = deflateSetDictionary(&stream, base + dict, uInt(start - dict))
                }
                var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(end - start))) + 64)
                let status: Int32 = out.withUnsafeMutableBufferPointer { dst in
                    stream.next_in = UnsafeMutablePointer(mutating: base + start)
                    stream.avail_in = uInt(end - start)
                    stream.next_out = dst.baseAddress
                    stream.avail_out = uInt(dst.count)
                    return CZlib.deflate(&stream, k == pieces - 1 ? Z_FINISH : Z_SYNC_FLUSH)
                }
                let ok = k == pieces - 1 ? status == Z_STREAM_END : (status == Z_OK && stream.avail_in == 0)
                let piece = Array(out.prefix(Int(stream.total_out)))
                let sum = adler32(adler32(0, nil, 0), base + start, uInt(end - start))
                parts.lock.lock()
                defer { parts.lock.unlock() }
                guard ok else { parts.failed = true; return }
                parts.data[k] = piece
                parts.adler[k] = sum
            }
        }
        guard !parts.failed else { throw .cairo(operation: "PNG encoding", status: "zlib error") }
        var result = Data([0x78, 0x5E])  // deflate, 32 KiB window, "fast" level; checksum of header ok
        var adler = parts.adler[0]
        for k in 0..<pieces {
            result.append(contentsOf: parts.data[k]!)
            if k > 0 { adler = adler32_combine(adler, parts.adler[k], off_t(cuts[k + 1] - cuts[k])) }
        }
        result.append(contentsOf: PNGWriter.be32(UInt32(adler)))
        return result
    }

    private static func deflate(_ input: [UInt8], settings: Settings) throws(RenderError) -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, settings.level, Z_DEFLATED, 15, 9, settings.strategy, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .cairo(operation: "PNG encoding", status: "zlib would not start")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status: Int32 = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .cairo(operation: "PNG encoding", status: "zlib error \(status)") }
        return Data(out.prefix(Int(stream.total_out)))
    }
}
