import Foundation
import Testing
@testable import StrikeMapGeo

@Suite struct CountryTableTests {
    let table = CountryTable.standard

    @Test(arguments: ["MX", "mx", "MEX", "Mexico", "mexico", "484"])
    func everyFormFindsTheCountry(text: String) {
        #expect(table.find(text)?.alpha2 == "MX", "\(text)")
    }

    /// The names conflict datasets use where they differ from ISO's.
    @Test(arguments: [
        ("Democratic Republic of Congo", "CD"), ("Republic of Congo", "CG"), ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"), ("Tanzania", "TZ"), ("Gambia", "GM"), ("Turkey", "TR"), ("Syria", "SY"),
        ("Iran", "IR"), ("Palestine", "PS"), ("eSwatini", "SZ"), ("Kosovo", "XK"), ("AFG", "AF"), ("4", "AF"),
    ])
    func datasetNames(name: String, alpha2: String) {
        #expect(table.find(name)?.alpha2 == alpha2, "\(name)")
    }

    @Test func unknownStaysItself() {
        #expect(table.find("Atlantis") == nil)
        #expect(table.key("Atlantis") == "ATLANTIS")
        #expect(table.key("Iraq") == table.key("IRQ") && table.key("IQ") == "IQ")
        #expect(table.countries.count >= 249)
    }
}
