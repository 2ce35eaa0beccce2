import Foundation
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer

/// The summary and caption headers stay within what proxies buffer: long place names made them
/// 36 KB, and nginx answered 502.
@Suite struct ServiceHeaderTests {
    @Test func aLongCaptionIsCutAtACharacterWithAnEllipsis() throws {
        let long = String(repeating: "Al-Ḥudaydah (عَدَن) area, ", count: 2000)
        let h = MapService.headerText(long)
        #expect(h.utf8.count <= MapService.headerLimit)
        #expect(h.hasSuffix("%E2%80%A6"))
        let decoded = try #require(h.removingPercentEncoding, "a cut in the middle of a character")
        #expect(long.hasPrefix(String(decoded.dropLast())))
        #expect(decoded.hasSuffix("…"))
        // A short one is untouched.
        #expect(MapService.headerText("Map of Iraq").removingPercentEncoding == "Map of Iraq")
    }
}
