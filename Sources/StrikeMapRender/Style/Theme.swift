import Foundation
import StrikeMapCore

/// The built-in looks. `light` is the house style; `dark` for screens and slides; `print` for
/// paper (no tints that muddy in CMYK, heavier lines and type); `mono` for black-and-white
/// print, where attacks and strikes differ by shape and fill alone.
public enum Theme: String, Sendable, Codable, CaseIterable {
    case light, dark, print, mono

    public var style: MapStyle {
        var s = MapStyle.house
        switch self {
        case .light:
            break
        case .dark:
            s.paper = .hex("#14181C"); s.sea = .hex("#1D2B36"); s.land = .hex("#2B2F33"); s.focusLand = .hex("#3A3F44")
            s.lake = s.sea; s.river = .hex("#3F6E8C"); s.border = .hex("#A9A39A"); s.provinceLine = .hex("#5A5A58")
            s.coast = .hex("#40566A"); s.cityDot = .hex("#D8D4CC"); s.cityText = .hex("#C9C4BA")
            s.capitalText = .hex("#F2EEE6"); s.provinceText = .hex("#8E877C"); s.countryText = .hex("#A39C91")
            s.seaText = .hex("#6E93AA"); s.siteText = .hex("#F5F2EC"); s.halo = .hex("#14181CD9")
            s.title = .hex("#F5F2EC"); s.subtitle = .hex("#C9C4BA"); s.footer = .hex("#9A958C"); s.frame = .hex("#5A5A58")
            s.attack = .hex("#FF8A3D"); s.strike = .hex("#56B4E9"); s.markerOutline = .hex("#14181C")
            s.leader = .hex("#B8B2A8"); s.legendPaper = .hex("#1E2327")
            // Highlights on a dark land glare: the relief is kept quieter.
            s.reliefStrength = 0.28
        case .print:
            s.sea = .hex("#DDEBF2"); s.land = .hex("#EDEDED"); s.focusLand = .hex("#FFFFFF"); s.lake = .hex("#DDEBF2")
            s.river = .hex("#7FB0D0"); s.border = .hex("#4D4D4D"); s.provinceLine = .hex("#A6A6A6")
            s.borderWidth = 1.0; s.riverWidth = 0.8; s.siteLabelSize = 8; s.cityLabelSize = 7; s.footerSize = 7
            s.halo = .hex("#FFFFFF")
        case .mono:
            s.sea = .hex("#E6E6E6"); s.land = .hex("#F2F2F2"); s.focusLand = .hex("#FFFFFF"); s.lake = .hex("#E6E6E6")
            s.river = .hex("#B3B3B3"); s.border = .hex("#333333"); s.provinceLine = .hex("#B3B3B3"); s.coast = .hex("#999999")
            s.cityDot = .hex("#333333"); s.cityText = .hex("#333333"); s.provinceText = .hex("#808080")
            s.countryText = .hex("#666666"); s.attack = .hex("#000000"); s.strike = .hex("#000000")
            s.otherEvent = .hex("#000000"); s.leader = .hex("#333333")
            s.monochromeMarkers = true
            // Grey shading under black markers and patterns muddies them in one-ink print.
            s.showRelief = false
            s.insetFrame = .hex("#000000"); s.graticule = .hex("#80808080")
        }
        return s
    }
}

public enum StyleFileError: Error, CustomStringConvertible {
    case unreadable(path: String, message: String)
    case invalid(path: String, key: String, message: String)

    public var description: String {
        switch self {
        case let .unreadable(path, message): return "\(path): cannot read style file: \(message)"
        case let .invalid(path, key, message):
            return "\(path): \(key.isEmpty ? "" : "key '\(key)': ")\(message) (the keys are listed in the README, \"Themes and style files\")"
        }
    }
}

extension MapStyle {
    /// The style with a style file's keys (JSON or YAML) laid over it. Unknown keys are errors,
    /// so a typo does not pass silently.
    public func overridden(byFile path: String) throws -> MapStyle {
        let o = try StyleOverrides.load(path: path)
        do { return try applying(o, keyPath: "") } catch {
            throw StyleFileError.invalid(path: path, key: error.keyPath, message: error.message)
        }
    }
}

enum NameDistance {
    static func of(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

extension StyleFileError: StrikeMapError {
    public var category: FailureCategory {
        if case .unreadable = self { return .notFound }
        return .badInput
    }
    public var setting: String? { "style" }
}
