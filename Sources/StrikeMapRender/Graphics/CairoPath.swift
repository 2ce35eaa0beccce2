import CCairo

/// A copy of a drawn path (a `cairo_path_t`), to draw or clip with again without projecting
/// its points a second time. Owns the copy; freed with the object.
final class CairoPath {
    private let pointer: UnsafeMutablePointer<cairo_path_t>

    /// The context's current path, or nil when Cairo could not copy it (out of memory).
    init?(copying context: CairoContext) {
        guard let p = cairo_copy_path(context.pointer), p.pointee.status == CAIRO_STATUS_SUCCESS else { return nil }
        pointer = p
    }

    deinit { cairo_path_destroy(pointer) }

    /// Adds the path to the context's current path.
    func append(to context: CairoContext) { cairo_append_path(context.pointer, pointer) }
}
