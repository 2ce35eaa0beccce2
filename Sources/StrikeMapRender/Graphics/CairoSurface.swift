import CCairo
import Foundation

/// A Cairo surface: an image in memory (PNG output) or a vector document (SVG, PDF) written into
/// memory through cairo's stream API, so a map can go to a file, a pipe or an HTTP response alike.
///
/// Owns its `cairo_surface_t`; checks the status on creation, destroys it in `deinit`.
public final class CairoSurface {
    public enum Kind: Sendable {
        case image(width: Int, height: Int)
        /// Vector surfaces are sized in points (1/72 in).
        case svg(widthPt: Double, heightPt: Double)
        case pdf(widthPt: Double, heightPt: Double)
    }

    /// Where a vector surface's bytes accumulate; cairo calls `write` as it produces them.
    private final class ByteSink {
        var data = Data()
    }
    private let sink = ByteSink()

    /// The bytes of a finished SVG or PDF surface.
    public var bytes: Data { sink.data }

    let pointer: OpaquePointer
    public let kind: Kind

    public init(_ kind: Kind) throws(RenderError) {
        let s: OpaquePointer?
        switch kind {
        case let .image(w, h):
            s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))
        case let .svg(w, h):
            s = cairo_svg_surface_create_for_stream(Self.write, Unmanaged.passUnretained(sink).toOpaque(), w, h)
            if let s { cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1) }
        case let .pdf(w, h):
            s = cairo_pdf_surface_create_for_stream(Self.write, Unmanaged.passUnretained(sink).toOpaque(), w, h)
        }
        guard let s else { throw .cairo(operation: "surface creation", status: "no memory") }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw .cairo(operation: "surface creation", status: String(cString: cairo_status_to_string(status)))
        }
        pointer = s
        self.kind = kind
    }

    /// Reads a PNG file into an image surface (for checking rendered output).
    public init(pngFile path: String) throws(RenderError) {
        guard let s = cairo_image_surface_create_from_png(path) else {
            throw .cairo(operation: "reading \(path)", status: "no memory")
        }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw .cairo(operation: "reading \(path)", status: String(cString: cairo_status_to_string(status)))
        }
        pointer = s
        kind = .image(width: Int(cairo_image_surface_get_width(s)), height: Int(cairo_image_surface_get_height(s)))
    }

    // The sink lives as long as the surface (it is a stored property), which is as long as cairo may call.
    private static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }

    deinit { cairo_surface_destroy(pointer) }

    /// PDF document metadata (title, subject, creator) and a fixed creation date, so that the
    /// same map gives the same bytes.
    public func setPDFMetadata(title: String, subject: String, creator: String, date: String) {
        guard case .pdf = kind else { return }
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_SUBJECT, subject)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_CREATOR, creator)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_MOD_DATE, date)
    }

    /// Completes a vector document (writes its trailer); the surface cannot be drawn on after.
    public func finish() throws(RenderError) {
        cairo_surface_finish(pointer)
        try check("finishing the document")
    }

    public func flush() { cairo_surface_flush(pointer) }

    func check(_ operation: String) throws(RenderError) {
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    public func writePNG(to path: String) throws(RenderError) {
        let status = cairo_surface_write_to_png(pointer, path)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cannotWrite(path: path, message: String(cString: cairo_status_to_string(status)))
        }
    }

    // MARK: Image pixels (tests and PNG encoding)

    public var width: Int { Int(cairo_image_surface_get_width(pointer)) }
    public var height: Int { Int(cairo_image_surface_get_height(pointer)) }

    /// The colour at a pixel of an image surface, un-premultiplied, 0...255.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8)? {
        guard case .image = kind, x >= 0, y >= 0, x < width, y < height else { return nil }
        flush()
        guard let data = cairo_image_surface_get_data(pointer) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        let p = data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
        let a = UInt8((p >> 24) & 0xFF)
        func un(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (Int(c & 0xFF) * 255 + Int(a) / 2) / Int(a))) }
        return (un(p >> 16), un(p >> 8), un(p), a)
    }
}
