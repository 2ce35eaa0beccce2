import CCairo
import CLibDeflate
import Foundation

/// StrikeMap's own PNG encoder: cairo's (through libpng's defaults) spends most of a render's
/// time compressing. Opaque images are written as RGB, others as RGBA (un-premultiplied).
///
/// Measured on five maps (the default, dark hexbins, strong relief, a city, 3000x2000), against
/// the Sub filter with zlib level 3 that this encoder used before:
/// - rows go unfiltered (filter type 0). Maps are flat areas and thin lines: deflate finds the
///   repeated pixels themselves, and a filter's differences made the stream 12-20 % larger
///   (Sub and Paeth alike);
/// - the deflating is libdeflate's level 1, not zlib's: the default map's 664 KB in 66 ms
///   (zlib, one core) became 587 KB in 27-37 ms. zlib in pieces on several cores (as pigz does)
///   was quicker for one map alone but cost more CPU in all, which a service drawing maps on
///   every core at once, or `frames`, pays for.
public enum PNGEncoder {
    public struct Settings: Sendable {
        /// libdeflate level, 1 (fastest) to 12 (smallest).
        public var level: Int32
        public init(level: Int32 = 1) {
            self.level = level
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
        raw.withUnsafeMutableBufferPointer { out in
            for y in 0..<h {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                var o = y * (rowBytes + 1)
                out[o] = 0  // filter type: none
                o += 1
                if opaque {
                    // Maps: straight from the pixels to RGB, with no alpha to undo.
                    for x in 0..<w {
                        let p = row[x]
                        out[o] = UInt8(truncatingIfNeeded: p >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: p)
                        o += 3
                    }
                } else {
                    for x in 0..<w {
                        let p = row[x]
                        let a = p >> 24
                        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        if a != 0xFF && a != 0 {
                            r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a
                        }
                        out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
                        o += 4
                    }
                }
            }
        }
        let compressed = try zlibStream(raw, settings: settings)
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

    /// The bytes as one zlib stream (header, deflate data, Adler-32), as PNG's IDAT holds it.
    static func zlibStream(_ input: [UInt8], settings: Settings) throws(RenderError) -> Data {
        guard let compressor = libdeflate_alloc_compressor(settings.level) else {
            throw .cairo(operation: "PNG encoding", status: "libdeflate would not start at level \(settings.level)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var written = 0
        // Every byte up to `written` is the compressor's: no need to zero the buffer first.
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            written = input.withUnsafeBytes { src in
                libdeflate_zlib_compress(compressor, src.baseAddress, src.count, buffer.baseAddress, bound)
            }
            count = written
        }
        guard written > 0 else { throw .cairo(operation: "PNG encoding", status: "libdeflate ran out of room") }
        return Data(out)
    }
}
