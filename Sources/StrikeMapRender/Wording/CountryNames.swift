import Foundation

/// A country's name for titles, from the code the readers store.
enum CountryNames {
    static func name(_ code: String) -> String { code }
}
