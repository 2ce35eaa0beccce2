import Foundation
import Testing
import StrikeMapCore
@testable import StrikeMapGeo

/// Range rings that go round the globe: cut where they cross the meridian opposite the map's
/// centre, so that no piece jumps across the map, and one round a pole is left open.
@Suite struct GeodesicRingTests {
    let alAsad = GeoPoint(lat: 33.8, lon: 42.4)

    /// Longitude relative to `lon0`, in [-180, 180].
    func relative(_ lon: Double, _ lon0: Double) -> Double {
        var r = (lon - lon0).truncatingRemainder(dividingBy: 360)
        if r > 180 { r -= 360 } else if r < -180 { r += 360 }
        return r
    }

    func checkPieces(_ pieces: [[GeoPoint]], lon0: Double) {
        for piece in pieces {
            for p in piece { #expect(abs(p.lon - lon0) <= 180, "\(p) is not within 180° of \(lon0)") }
            for (a, b) in zip(piece, piece.dropFirst()) {
                #expect(abs(a.lon - b.lon) < 30, "a piece jumps from \(a) to \(b)")
            }
        }
    }

    @Test func aRingThatStaysOnOneSideIsOneClosedPiece() {
        let ring = Geodesic.circle(center: alAsad, radiusKm: 300)
        let cut = Geodesic.pieces(ofRing: ring, centralMeridian: 44)
        #expect(cut.closed && cut.pieces.count == 1 && cut.pieces[0].count == ring.count)
        checkPieces(cut.pieces, lon0: 44)
    }

    /// 15,000 km from Iraq is a loop round its antipode in the Pacific: cut twice at 180°.
    @Test func aRingAcrossTheCutIsTwoOpenPiecesEndingOnIt() {
        let ring = Geodesic.circle(center: alAsad, radiusKm: 15_000)
        let cut = Geodesic.pieces(ofRing: ring, centralMeridian: 0)
        #expect(!cut.closed && cut.pieces.count == 2, "\(cut.pieces.count) pieces")
        checkPieces(cut.pieces, lon0: 0)
        for piece in cut.pieces {
            #expect(abs(abs(piece.first!.lon) - 180) < 1e-3 && abs(abs(piece.last!.lon) - 180) < 1e-3)
        }
        // Every point of the ring is kept (plus the two ends of each cut).
        #expect(cut.pieces.map(\.count).reduce(0, +) == ring.count - 1 + 4)
        // On a map of the Pacific, centred on Iraq's antipode (-33.8, -137.6), it is one loop.
        let centred = Geodesic.pieces(ofRing: ring, centralMeridian: -137.6)
        #expect(centred.closed && centred.pieces.count == 1)
        checkPieces(centred.pieces, lon0: -137.6)
    }

    /// 10,000 km from Iraq takes in the North Pole: the ring crosses every meridian once, so it
    /// is one open piece from one side of the cut to the other.
    @Test func aRingRoundAPoleIsOneOpenPiece() {
        for lon0 in [0.0, 42.4, 150, -100] {
            let cut = Geodesic.pieces(ofRing: Geodesic.circle(center: alAsad, radiusKm: 10_000), centralMeridian: lon0)
            #expect(!cut.closed && cut.pieces.count == 1, "\(lon0): \(cut.pieces.count) pieces")
            checkPieces(cut.pieces, lon0: lon0)
            let ends = (cut.pieces[0].first!, cut.pieces[0].last!)
            #expect(abs(abs(relative(ends.0.lon, lon0)) - 180) < 1e-3 && abs(abs(relative(ends.1.lon, lon0)) - 180) < 1e-3)
            #expect(abs(ends.0.lat - ends.1.lat) < 1e-9, "both ends at the crossing: \(ends)")
        }
    }

    /// Up to the 20,000 km the flag allows: a small loop round the antipode.
    @Test func aRingNearTheLimitIsASmallLoop() {
        let ring = Geodesic.circle(center: alAsad, radiusKm: 20_000)
        let cut = Geodesic.pieces(ofRing: ring, centralMeridian: 0)
        #expect(cut.closed && cut.pieces.count == 1)
        for p in ring { #expect(abs(p.lat + 33.8) < 1 && abs(relative(p.lon, -137.6)) < 1, "\(p)") }
    }

    @Test func theCentralMeridianComesFromTheDefinition() throws {
        #expect(try Projection(crs: "+proj=merc +lon_0=-100.5 +datum=WGS84 +units=m +no_defs").centralMeridian == -100.5)
        #expect(try Projection(crs: "+proj=merc +datum=WGS84 +units=m +no_defs").centralMeridian == 0)
    }
}
