import ArgumentParser
import Foundation
import StrikeMapCore
import StrikeMapEvents
import StrikeMapRender
import StrikeMapServer

extension ServiceVocabulary {
    /// The render command's flags, parser and words, as `serve` lends them to the service.
    public static let renderCommand = ServiceVocabulary(
        flags: renderFlags,
        document: { arguments in
            let render: Render
            do {
                render = try Render.parse(arguments)
            } catch {
                throw Refusal(Render.message(for: error))
            }
            // The command's own checks speak in flags: passed on as refusals, for the service to
            // word as parameters. The library's typed errors pass as they are.
            do {
                return try render.buildDocument()
            } catch let e as UsageError {
                throw Refusal(e.description)
            } catch let e as ValidationError {
                throw Refusal(e.message)
            }
        },
        summaryLine: { RenderSummary.line($0, report: $0.report) },
        listEvents: { events, list in
            let format: Events.Format = switch list { case .json: .json; case .geojson: .geojson; case .csv: .csv }
            return try EventFormatter.format(events, as: format)
        },
        listSites: { try Sites.format($0, as: .json) })

    /// Every long flag of `strikemap render`, read from the command's own description of its
    /// arguments (the CLI's help is built from the same).
    static let renderFlags: [Flag] = {
        guard let data = Render._dumpHelp().data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let command = json["command"] as? [String: Any],
              let arguments = command["arguments"] as? [[String: Any]] else { return [] }
        var out: [Flag] = []
        for a in arguments {
            for n in (a["names"] as? [[String: Any]]) ?? [] where (n["kind"] as? String) == "long" {
                guard let name = n["name"] as? String else { continue }
                out.append(Flag(name: name, isSwitch: (a["kind"] as? String) == "flag",
                                repeating: (a["isRepeating"] as? Bool) ?? false, abstract: (a["abstract"] as? String) ?? ""))
            }
        }
        return out
    }()
}
