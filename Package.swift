// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "StrikeMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "strikemap", targets: ["strikemap"]),
        // The library renders maps without the CLI: import StrikeMapRender.
        .library(name: "StrikeMap", targets: ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "StrikeMapRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Map documents and style files in YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `strikemap serve`: HTTP server (with swift-service-lifecycle and swift-log), Prometheus metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // The render queue's first-come-first-served deque (already built for SwiftNIO).
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // The connection cap sits in front of Hummingbird's HTTP/1 channel (NIO's Channel).
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
    ],
    targets: [
        // C libraries, each behind a thin Swift layer that owns its handles.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // Headers only: GDAL is opened with dlopen when a vector file is read (see GDALLibrary.swift).
        .systemLibrary(name: "CGDAL", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),

        // Core values: points, boxes, days and date ranges. Depends on nothing but Foundation.
        .target(name: "StrikeMapCore"),
        // Geodata: projections (PROJ), vector data (OGR), gazetteer, regions, basemap.
        .target(name: "StrikeMapGeo", dependencies: ["StrikeMapCore", "CProj", "CGDAL"]),
        // Events: model, readers, filters.
        .target(name: "StrikeMapEvents", dependencies: ["StrikeMapCore", "StrikeMapGeo", "CGDAL"]),
        // Rendering: Cairo canvas, Pango text, map composition.
        .target(name: "StrikeMapRender",
                dependencies: ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "CCairo", "CPangoCairo", "CZlib",
                              "CLibDeflate", .product(name: "Yams", package: "Yams")]),
        // The commands and the HTTP service: a library, so tests and fuzz harnesses can use them.
        // The HTTP service: routes, caches and limits over the render pipeline. It knows no
        // command: the CLI lends it the render command's flags and words (`ServiceVocabulary`).
        .target(name: "StrikeMapServer", dependencies: [
            "StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "StrikeMapRender",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "DequeModule", package: "swift-collections"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
        ]),
        .target(name: "StrikeMapCLI", dependencies: [
            "StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "StrikeMapRender", "StrikeMapServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "strikemap", dependencies: ["StrikeMapCLI"]),
        // `make bench`: timings, never run as tests.
        .executableTarget(name: "strikemap-bench",
                          dependencies: ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "StrikeMapRender"],
                          path: "Benchmarks/strikemap-bench"),

        .testTarget(name: "StrikeMapGeoTests", dependencies: ["StrikeMapCore", "StrikeMapGeo"]),
        .testTarget(name: "StrikeMapEventsTests", dependencies: ["StrikeMapCore", "StrikeMapEvents"]),
        .testTarget(name: "StrikeMapRenderTests", dependencies: ["StrikeMapCore", "StrikeMapRender", "CCairo"]),
        // What more than one test target needs: the throw-away PostGIS cluster's databases.
        .target(name: "StrikeMapTestSupport", path: "Tests/StrikeMapTestSupport"),
        .testTarget(name: "StrikeMapCLITests", dependencies: ["StrikeMapCore", "StrikeMapRender", "StrikeMapTestSupport"]),
        // The HTTP service in process (@testable: its routes, cache and limits), over loopback.
        .testTarget(name: "StrikeMapServerTests", dependencies: ["StrikeMapServer", "StrikeMapCLI", "strikemap", "StrikeMapRender", "StrikeMapTestSupport",
                                                                 .product(name: "Hummingbird", package: "hummingbird")]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` sets STRIKEMAP_FUZZ=1 and builds these libFuzzer harnesses with -sanitize=fuzzer
// (each defines LLVMFuzzerTestOneInput; libFuzzer supplies main). Ordinary builds never see them.
if ProcessInfo.processInfo.environment["STRIKEMAP_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/support"))
    for name in ["csv", "acled", "geojson", "dates", "gazetteer", "columns", "crs"] {
        package.targets.append(.executableTarget(
            name: "fuzz-\(name)", dependencies: ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
    for name in ["document", "filter"] {
        package.targets.append(.executableTarget(
            name: "fuzz-\(name)", dependencies: ["StrikeMapRender", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
    package.targets.append(.executableTarget(
        name: "fuzz-query", dependencies: ["StrikeMapServer", "StrikeMapCLI", "StrikeMapRender", "FuzzSupport"], path: "Fuzz/query"))
    package.targets.append(.executableTarget(
        name: "fuzz-store", dependencies: ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "FuzzSupport"], path: "Fuzz/store"))
}

// `make test` sets STRIKEMAP_OPTIMIZED_TESTS=1: the modules that draw maps are then compiled with
// -O in the debug build the tests run. A clean build takes about two minutes more, and the
// hundreds of maps the tests draw take a third of the CPU (the tests ran in 94-208 s, not 373).
// The CLI module and the dependencies stay -Onone: -O there cost more build than it saved.
// Off by default: unsafe flags would stop other packages from depending on the library.
if ProcessInfo.processInfo.environment["STRIKEMAP_OPTIMIZED_TESTS"] == "1" {
    let own: Set<String> = ["StrikeMapCore", "StrikeMapGeo", "StrikeMapEvents", "StrikeMapRender"]
    for target in package.targets where own.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
    }
}
