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
        let length = (rowBytes + 1) * h
        // One spare byte: an opaque row is written four bytes at a time, three apart.
        let raw = Scratch.shared.buffer(length + 1)
        defer { Scratch.shared.give(raw) }
        let base = raw.base
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            var o = y * (rowBytes + 1)
            base[o] = 0  // filter type: none
            o += 1
            if opaque {
                // Maps: straight from the pixels to RGB, with no alpha to undo. Each pixel is
                // stored as four bytes (R, G, B and one the next pixel overwrites; the row's last
                // spills into the next row's filter byte, written after, or the spare byte).
                let out = UnsafeMutableRawPointer(base)
                for x in 0..<w {
                    let p = row[x]
                    let rgb = (p >> 16) & 0xFF | (p & 0xFF00) | (p & 0xFF) << 16
                    out.storeBytes(of: rgb.littleEndian, toByteOffset: o, as: UInt32.self)
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
                    base[o] = UInt8(r); base[o + 1] = UInt8(g); base[o + 2] = UInt8(b); base[o + 3] = UInt8(a)
                    o += 4
                }
            }
        }
        // Deflating is the last long step of a large map: not begun for a client that has gone.
        try RenderDeadline.check()
        let compressed = try zlibStream(UnsafeRawBufferPointer(start: base, count: length), settings: settings)
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
    static func zlibStream(_ input: UnsafeRawBufferPointer, settings: Settings) throws(RenderError) -> Data {
        guard let compressor = Scratch.shared.compressor(level: settings.level) else {
            throw .cairo(operation: "PNG encoding", status: "libdeflate would not start at level \(settings.level)")
        }
        defer { Scratch.shared.give(compressor, level: settings.level) }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        let scratch = Scratch.shared.buffer(bound)
        defer { Scratch.shared.give(scratch) }
        let written = libdeflate_zlib_compress(compressor, input.baseAddress, input.count, scratch.base, bound)
        guard written > 0 else { throw .cairo(operation: "PNG encoding", status: "libdeflate ran out of room") }
        return Data(bytes: scratch.base, count: written)
    }

    static func zlibStream(_ input: [UInt8], settings: Settings) throws(RenderError) -> Data {
        let result: Result<Data, RenderError> = input.withUnsafeBytes { src in
            do throws(RenderError) { return .success(try zlibStream(src, settings: settings)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Buffers and compressors kept between maps: a map's pixels as PNG rows are megabytes, and
    /// libdeflate's tables most of one; made afresh for every map, their pages were faulted in and
    /// zeroed by the kernel each time (a service draws maps without end). At most one of each per
    /// core is kept, and no buffer over 32 MiB (a poster-sized PNG's are freed after it).
    final class Scratch: @unchecked Sendable {
        static let shared = Scratch()
        final class Buffer: @unchecked Sendable {
            let base: UnsafeMutablePointer<UInt8>
            let capacity: Int
            init(_ capacity: Int) {
                self.capacity = capacity
                base = .allocate(capacity: capacity)
            }
            deinit { base.deallocate() }
        }
        private let lock = NSLock()
        private var buffers: [Buffer] = []
        private var compressors: [Int32: [OpaquePointer]] = [:]
        private let keep = max(2, ProcessInfo.processInfo.activeProcessorCount)

        func buffer(_ size: Int) -> Buffer {
            lock.lock()
            if let i = buffers.firstIndex(where: { $0.capacity >= size }) {
                let b = buffers.remove(at: i)
                lock.unlock()
                return b
            }
            lock.unlock()
            return Buffer(size)
        }

        func give(_ b: Buffer) {
            guard b.capacity <= 32 << 20 else { return }
            lock.lock(); defer { lock.unlock() }
            if buffers.count >= 2 * keep, let smallest = buffers.indices.min(by: { buffers[$0].capacity < buffers[$1].capacity }) {
                guard buffers[smallest].capacity < b.capacity else { return }
                buffers.remove(at: smallest)
            }
            buffers.append(b)
        }

        func compressor(level: Int32) -> OpaquePointer? {
            lock.lock()
            if let c = compressors[level]?.popLast() { lock.unlock(); return c }
            lock.unlock()
            return libdeflate_alloc_compressor(level)
        }

        func give(_ c: OpaquePointer, level: Int32) {
            lock.lock(); defer { lock.unlock() }
            if compressors[level, default: []].count < keep { compressors[level, default: []].append(c) } else { libdeflate_free_compressor(c) }
        }
    }
}
