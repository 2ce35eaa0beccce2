import CCairo
import Foundation

/// A Cairo drawing context on one surface. Owns its `cairo_t`.
///
/// Not thread-safe: use each context on one thread only.
public final class CairoContext {
    let pointer: OpaquePointer
    public let surface: CairoSurface

    public init(surface: CairoSurface) throws(RenderError) {
        guard let cr = cairo_create(surface.pointer) else {
            throw .cairo(operation: "context creation", status: "no memory")
        }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            throw .cairo(operation: "context creation", status: String(cString: cairo_status_to_string(status)))
        }
        pointer = cr
        self.surface = surface
    }

    deinit { cairo_destroy(pointer) }

    public func check(_ operation: String) throws(RenderError) {
        let status = cairo_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    public func save() { cairo_save(pointer) }
    public func restore() { cairo_restore(pointer) }
    public func scale(_ sx: Double, _ sy: Double) { cairo_scale(pointer, sx, sy) }
    public func translate(_ x: Double, _ y: Double) { cairo_translate(pointer, x, y) }
    /// Whether user space is device space (no scale, rotation or offset set).
    public var isUntransformed: Bool {
        var m = cairo_matrix_t()
        cairo_get_matrix(pointer, &m)
        return m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 && m.x0 == 0 && m.y0 == 0
    }
    public func rotate(_ radians: Double) { cairo_rotate(pointer, radians) }

    public func setColor(_ c: Color) { cairo_set_source_rgba(pointer, c.r, c.g, c.b, c.a) }
    public func setLineWidth(_ w: Double) { cairo_set_line_width(pointer, w) }
    public func setDash(_ pattern: [Double], offset: Double = 0) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), offset) }
    }
    public func setRoundCaps() {
        cairo_set_line_cap(pointer, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND)
    }
    public func setEvenOddFill() { cairo_set_fill_rule(pointer, CAIRO_FILL_RULE_EVEN_ODD) }

    public func newPath() { cairo_new_path(pointer) }
    public func newSubPath() { cairo_new_sub_path(pointer) }
    public func move(to x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    public func line(to x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }
    public func closePath() { cairo_close_path(pointer) }
    public func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo_rectangle(pointer, x, y, w, h) }
    public func arc(_ x: Double, _ y: Double, radius: Double, from a0: Double = 0, to a1: Double = 2 * .pi) {
        cairo_arc(pointer, x, y, radius, a0, a1)
    }

    public func fill(preserve: Bool = false) { preserve ? cairo_fill_preserve(pointer) : cairo_fill(pointer) }
    public func stroke(preserve: Bool = false) { preserve ? cairo_stroke_preserve(pointer) : cairo_stroke(pointer) }
    public func clip() { cairo_clip(pointer) }
    public func paint() { cairo_paint(pointer) }
    public func paint(alpha: Double) { cairo_paint_with_alpha(pointer, alpha) }
    public func pushGroup() { cairo_push_group(pointer) }

    /// On a raster surface, clips to the whole device pixels covering the user-space box
    /// (x0...x1, y0...y1), so that a group pushed next is that small instead of the whole canvas
    /// (a frame fades thousands of markers, each through a group: a full-canvas group apiece was
    /// most of a frame's time). Pixel-aligned, the clip changes no pixel the group's drawing
    /// reaches inside the box. Vector surfaces are left alone, as their files would record the clip.
    public func clipToDevicePixelsIfRaster(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        guard let target = cairo_get_target(pointer), cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE else { return }
        var xs = [x0, x1, x0, x1], ys = [y0, y0, y1, y1]
        for i in 0..<4 { cairo_user_to_device(pointer, &xs[i], &ys[i]) }
        let dx0 = xs.min()!.rounded(.down), dx1 = xs.max()!.rounded(.up)
        let dy0 = ys.min()!.rounded(.down), dy1 = ys.max()!.rounded(.up)
        guard dx0.isFinite, dx1.isFinite, dy0.isFinite, dy1.isFinite else { return }
        cairo_save(pointer)
        cairo_identity_matrix(pointer)
        cairo_new_path(pointer)
        cairo_rectangle(pointer, dx0, dy0, dx1 - dx0, dy1 - dy0)
        cairo_restore(pointer)
        cairo_clip(pointer)
    }
    public func popGroupToSource() { cairo_pop_group_to_source(pointer) }
}
