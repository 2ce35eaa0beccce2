import CCairo
import CPangoCairo
import Foundation

/// Text shaped by Pango on a Cairo context: complex scripts (Arabic joins and runs right to
/// left), font fallback across the named families. Owns its `PangoLayout`.
public final class TextLayout {
    private let layout: OpaquePointer
    private let context: CairoContext
    private let text: String
    private let font: String
    private let fontSize: Double
    private let spacing: Double
    /// When set, drawing records the text here instead of painting glyphs.
    var sink: TextSink?

    /// - Parameters:
    ///   - font: Pango font description, e.g. "Noto Sans, Noto Sans Arabic Bold".
    ///   - size: size in the context's units (pixels on an image, scaled points on vector surfaces).
    ///   - centerLines: centre the lines of a multi-line text on each other (two-language labels).
    public init(context: CairoContext, text: String, font: String, size: Double,
                letterSpacing: Double = 0, centerLines: Bool = false) throws(RenderError) {
        guard let l = pango_cairo_create_layout(context.pointer) else {
            throw .pango("could not create a layout")
        }
        layout = l
        self.context = context
        self.text = OutputText.clean(text)
        self.font = font
        self.fontSize = size
        self.spacing = letterSpacing
        guard let desc = pango_font_description_from_string(font) else { throw .pango("bad font '\(font)'") }
        pango_font_description_set_absolute_size(desc, size * Double(PANGO_SCALE))
        pango_layout_set_font_description(l, desc)
        pango_font_description_free(desc)
        if letterSpacing != 0, let attrs = pango_attr_list_new() {
            if let a = pango_attr_letter_spacing_new(Int32(letterSpacing * Double(PANGO_SCALE))) {
                pango_attr_list_insert(attrs, a)
            }
            pango_layout_set_attributes(l, attrs)
            pango_attr_list_unref(attrs)
        }
        pango_layout_set_text(l, self.text, -1)
        if centerLines { pango_layout_set_alignment(l, PANGO_ALIGN_CENTER) }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Wraps at `width` (context units).
    public func wrap(width: Double) {
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD)
    }

    /// The logical size (advance width, line height) in context units.
    public var size: (width: Double, height: Double) {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        return (Double(logical.width) / Double(PANGO_SCALE), Double(logical.height) / Double(PANGO_SCALE))
    }

    /// Distance from the top of the layout to the first line's baseline.
    public var baseline: Double { Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE) }

    /// Draws with the top-left corner at (x, y).
    public func draw(x: Double, y: Double, color: Color) {
        if let sink { record(into: sink, x: x, y: y, color: color, halo: nil, haloWidth: 0); return }
        context.setColor(color)
        context.move(to: x, y)
        pango_cairo_show_layout(context.pointer, layout)
        context.newPath()
    }

    /// Draws a halo (outline) then the text: keeps labels readable over borders and rivers.
    public func drawWithHalo(x: Double, y: Double, color: Color, halo: Color, haloWidth: Double) {
        if let sink { record(into: sink, x: x, y: y, color: color, halo: halo, haloWidth: haloWidth); return }
        context.save()
        context.move(to: x, y)
        pango_cairo_layout_path(context.pointer, layout)
        context.setColor(halo)
        context.setLineWidth(haloWidth * 2)
        context.setRoundCaps()
        // The halo's outer edge may follow the glyphs' curves less closely than cairo's default
        // 0.1 px, and be smoothed with fewer samples: neither shows in a halo, and stroking the
        // outlines of every label was the costliest drawing of an uncached (a service's) map.
        cairo_set_tolerance(context.pointer, 0.25)
        cairo_set_antialias(context.pointer, CAIRO_ANTIALIAS_FAST)
        context.stroke()
        context.restore()
        draw(x: x, y: y, color: color)
    }

    /// Splits the layout into its lines (after wrapping) and records each with its baseline.
    private func record(into sink: TextSink, x: Double, y: Double, color: Color, halo: Color?, haloWidth: Double) {
        let lower = font.lowercased()
        let bold = lower.hasSuffix(" bold") || lower.contains(" bold ")
        let italic = lower.hasSuffix(" italic") || lower.contains(" italic ")
        var family = font
        for suffix in [" Bold", " Italic", " bold", " italic"] where family.hasSuffix(suffix) {
            family = String(family.dropLast(suffix.count))
        }
        let bytes = Array(text.utf8)
        guard let iter = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            guard start >= 0, length > 0, start + length <= bytes.count else { continue }
            let lineText = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
                .trimmingCharacters(in: .newlines)
            guard !lineText.isEmpty else { continue }
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            let rtl = line.pointee.resolved_dir == PANGO_DIRECTION_RTL.rawValue
            sink.add(TextRun(text: lineText, x: x + Double(logical.x) / scale, baseline: y + baseline,
                             width: Double(logical.width) / scale, family: family, bold: bold, italic: italic,
                             size: fontSize, letterSpacing: spacing, color: color, halo: halo, haloWidth: haloWidth,
                             rightToLeft: rtl))
        } while pango_layout_iter_next_line(iter) != 0
    }
}

extension TextLayout {
    /// One shaped glyph: the font's glyph id, the byte offset of the character it starts from
    /// (its cluster), and whether its run is laid right to left.
    public struct ShapedGlyph: Sendable, Equatable {
        public var glyph: UInt32
        public var cluster: Int
        public var rightToLeft: Bool
    }

    /// The glyphs Pango shaped the text into, run by run in visual order, and how many it
    /// could not find in any font (drawn as boxes): for checking that a script is shaped
    /// (Arabic letters join, so one letter takes different glyphs by position) and covered.
    public var shapedGlyphs: (glyphs: [ShapedGlyph], unknown: Int) {
        var out: [ShapedGlyph] = []
        let unknown = Int(pango_layout_get_unknown_glyphs_count(layout))
        guard let iter = pango_layout_get_iter(layout) else { return ([], unknown) }
        defer { pango_layout_iter_free(iter) }
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item,
                  let glyphs = run.pointee.glyphs else { continue }
            let rtl = item.pointee.analysis.level % 2 == 1
            for i in 0..<Int(glyphs.pointee.num_glyphs) {
                let g = glyphs.pointee.glyphs[i]
                out.append(ShapedGlyph(glyph: g.glyph, cluster: Int(item.pointee.offset) + Int(glyphs.pointee.log_clusters[i]), rightToLeft: rtl))
            }
        } while pango_layout_iter_next_run(iter) != 0
        return (out, unknown)
    }
}
