import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A layer ready to draw: its document and the features (or events) its source and filter give.
struct LayerInput {
    let document: MapLayerDocument
    let features: [Feature]
    let events: [Event]

    var id: String { document.id }

    /// The spec's layers that show at the frame's scale, with their data.
    static func resolve(spec: MapSpec, frame: MapFrame) throws -> [LayerInput] {
        let scale = frame.scaleDenominator(dpi: spec.dpi)
        let variables = spec.filterVariables
        var out: [LayerInput] = []
        let files = spec.allFileFeatures
        for doc in spec.effectiveLayers {
            guard doc.visible.resolve(spec.style), doc.showsAt(scaleDenominator: scale) else { continue }
            var features: [Feature] = []
            var events: [Event] = []
            switch doc.source {
            case .background: break
            case .basemap(let b): features = spec.basemap.features(b)
            case .file:
                guard let loaded = files[doc.id] else {
                    throw RenderError.layerNotLoaded(id: doc.id)
                }
                features = loaded
            case .events: events = spec.events
            }
            if let f = doc.filter {
                features = features.filter { feature in f.matches({ feature[$0] }, variables: variables) }
                events = events.filter { e in f.matches({ e.field($0) }, variables: variables) }
            }
            out.append(LayerInput(document: doc, features: features, events: events))
        }
        return out
    }

    /// Layers whose drawing depends on nothing but the basemap and the style (cached by frames).
    var isStaticBase: Bool {
        document.source.isBasemap && document.symbolizers.allSatisfy { $0.traits.contains(.staticBase) }
    }
}

extension Basemap {
    func features(_ layer: LayerSource.BasemapLayer) -> [Feature] {
        switch layer {
        case .land: return land
        case .lakes: return lakes
        case .rivers: return rivers
        case .borders: return borders
        case .admin1: return admin1
        case .admin1Lines: return admin1Lines
        case .places: return places
        }
    }
}

extension Event {
    /// An event's fields by name, for layer filters.
    func field(_ name: String) -> String? {
        switch name {
        case "id": return id
        case "kind": return kind.rawValue
        case "weapon": return weapon.rawValue
        case "actor": return actor
        case "target": return target
        case "country": return country
        case "confidence": return confidence.rawValue
        case "site": return siteID ?? siteName
        case "date": return date.description
        case "killed": return killed.map(String.init)
        case "injured": return injured.map(String.init)
        default: return nil
        }
    }
}

extension MapFrame {
    /// The map's scale as 1:N at the centre of the frame, for layers' scale ranges.
    func scaleDenominator(dpi: Double) -> Double {
        kmPerUnitAtCenter * 1000 / (0.0254 / dpi)
    }
}
