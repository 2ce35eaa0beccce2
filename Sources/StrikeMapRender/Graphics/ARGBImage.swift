import CCairo
import Foundation

/// A cairo image's pixels in cairo's own layout (premultiplied ARGB32, native byte order), as a
/// plain value: what a series of frames shares so the basemap is drawn once, not once a frame.
public struct ARGBImage: Sendable {
    public let width: Int
    public let height: Int
    public let stride: Int
    public let bytes: [UInt8]
}

extension CairoSurface {
    public func argbSnapshot() -> ARGBImage? {
        guard case .image = kind else { return nil }
        flush()
        guard let data = cairo_image_surface_get_data(pointer) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        let bytes = [UInt8](UnsafeBufferPointer(start: data, count: stride * height))
        return ARGBImage(width: width, height: height, stride: stride, bytes: bytes)
    }
}

extension CairoContext {
    /// Paints held pixels with their top left corner at (x, y), within the current clip, reading
    /// them where they are: a service paints its cached basemap into every map, and a copy into a
    /// new surface first cost two passes over megabytes (and a fresh buffer's page faults) each time.
    public func paint(_ image: ARGBImage, x: Double = 0, y: Double = 0) throws(RenderError) {
        let status: cairo_status_t = image.bytes.withUnsafeBufferPointer { src in
            // Cairo only reads a source surface: the immutable bytes are never written.
            guard let surface = cairo_image_surface_create_for_data(
                UnsafeMutablePointer(mutating: src.baseAddress), CAIRO_FORMAT_ARGB32,
                Int32(image.width), Int32(image.height), Int32(image.stride)) else { return CAIRO_STATUS_NO_MEMORY }
            defer { cairo_surface_destroy(surface) }
            let made = cairo_surface_status(surface)
            guard made == CAIRO_STATUS_SUCCESS else { return made }
            cairo_set_source_surface(pointer, surface, x, y)
            cairo_paint(pointer)
            // Drop the context's reference before the bytes' lifetime ends.
            cairo_set_source_rgba(pointer, 0, 0, 0, 1)
            cairo_surface_finish(surface)
            return cairo_status(pointer)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "painting a cached image", status: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Paints a surface at the origin, within the current clip.
    public func paint(_ surface: CairoSurface) {
        cairo_set_source_surface(pointer, surface.pointer, 0, 0)
        cairo_paint(pointer)
    }
}

extension CairoSurface {
    /// An image surface from premultiplied ARGB32 pixels, row by row (a density raster).
    public convenience init(premultipliedARGB pixels: [UInt32], width: Int, height: Int) throws(RenderError) {
        precondition(width > 0 && height > 0 && pixels.count >= width * height, "a raster of \(width)x\(height) needs that many pixels")
        try self.init(.image(width: width, height: height))
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw .cairo(operation: "making a raster image", status: "no pixel data")
        }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        pixels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { row in
                    row.update(from: src.baseAddress! + y * width, count: width)
                }
            }
        }
        cairo_surface_mark_dirty(pointer)
    }
}

extension CairoContext {
    /// Paints a surface with its top left corner at (x, y), each of its pixels `scale` canvas
    /// units wide, smoothed between pixels.
    public func paint(_ surface: CairoSurface, x: Double, y: Double, scale: Double) {
        cairo_save(pointer)
        cairo_translate(pointer, x, y)
        cairo_scale(pointer, scale, scale)
        cairo_set_source_surface(pointer, surface.pointer, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(pointer), CAIRO_FILTER_BILINEAR)
        cairo_pattern_set_extend(cairo_get_source(pointer), CAIRO_EXTEND_PAD)
        cairo_paint(pointer)
        cairo_restore(pointer)
    }
}
