import Foundation
import StrikeMapGeo

/// A country's name for titles, from the code the readers store (ISO alpha-2 where they can tell).
enum CountryNames {
    static func name(_ code: String) -> String { CountryTable.standard.find(code)?.shortName ?? code }
}
