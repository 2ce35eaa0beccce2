import Foundation

/// The house style: colours, type and line weights. Sizes are in points (1/72 in), so a map
/// looks the same at any resolution.
///
/// Event colours come from the Okabe–Ito palette (readable with the common colour-vision
/// deficiencies); attacks and strikes also differ in shape and in grey value, so they stay
/// apart in grayscale print.
public struct MapStyle: Sendable, Codable {
    public var paper = Color.hex("#FFFFFF")
    public var sea = Color.hex("#D5E5EE")
    public var land = Color.hex("#EAE6DD")
    /// Countries where events happened: lighter, so the eye lands on them.
    public var focusLand = Color.hex("#FAF8F3")
    public var lake = Color.hex("#D5E5EE")
    public var river = Color.hex("#8DB8D3")
    public var border = Color.hex("#6F6A64")
    public var provinceLine = Color.hex("#BEB7AC")
    public var coast = Color.hex("#9EB7C4")
    public var cityDot = Color.hex("#4A4A4A")
    public var cityText = Color.hex("#4A4A4A")
    public var capitalText = Color.hex("#222222")
    public var provinceText = Color.hex("#9A9287")
    public var countryText = Color.hex("#7D766D")
    public var seaText = Color.hex("#6E93AA")
    public var siteText = Color.hex("#111111")
    public var halo = Color.hex("#FFFFFFD9")
    public var title = Color.hex("#111111")
    public var subtitle = Color.hex("#444444")
    public var footer = Color.hex("#666666")
    public var frame = Color.hex("#8C8C8C")
    public var attack = Color.hex("#D55E00")
    // A darker shade of Okabe–Ito blue, so strikes stay darker than attacks in grayscale.
    public var strike = Color.hex("#00588A")
    public var otherEvent = Color.hex("#6A3D9A")
    public var markerOutline = Color.hex("#FFFFFF")
    public var leader = Color.hex("#555555")
    /// Background of the legend and scale panels.
    public var legendPaper = Color.hex("#FFFFFF")

    public var font = "Noto Sans, Noto Sans Arabic"
    public var boldFont = "Noto Sans, Noto Sans Arabic Bold"
    public var italicFont = "Noto Sans, Noto Sans Arabic Italic"

    public var titleSize = 17.0
    public var subtitleSize = 9.5
    public var footerSize = 6.5
    public var siteLabelSize = 7.5
    public var cityLabelSize = 6.5
    public var capitalLabelSize = 7.5
    public var provinceLabelSize = 6.0
    public var countryLabelSize = 8.5
    public var legendSize = 7.0
    public var countSize = 6.5

    public var borderWidth = 0.9
    public var provinceWidth = 0.4
    public var riverWidth = 0.7
    public var coastWidth = 0.4
    /// Radius of a single-event marker.
    public var markerRadius = 4.2
    public var markerMaxRadius = 11.0
    public var margin = 14.0

    // Layer visibility.
    public var showRivers = true
    /// Terrain: Natural Earth's shaded relief blended over the land.
    public var showRelief = true
    /// How strongly the relief shows, 0 to 1.
    public var reliefStrength = 0.45
    public var showLakes = true
    public var showProvinces = true
    public var showCities = true
    public var showCountryLabels = true
    public var showProvinceLabels = true
    public var showLegend = true
    public var showScaleBar = true
    public var showNorthArrow = true
    public var showWeaponBadges = true
    /// A small locator map of the wider region, with the frame marked (regional maps only).
    public var showInset = true
    /// Meridians and parallels with degree labels.
    public var showGraticule = false
    /// A second scale bar in miles.
    public var scaleMiles = false
    public var graticule = Color.hex("#8C8C8C80")
    public var insetFrame = Color.hex("#C0392B")
    /// Markers drawn with a fill pattern instead of colour alone (the mono theme).
    public var monochromeMarkers = false

    public init() {}

    public static let house = MapStyle()
}
