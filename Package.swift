// swift-tools-version: 6.0
// Folio: Markdown chapters in, a static HTML book whose Swift examples really ran, out.
import PackageDescription

let package = Package(
  name: "Folio",
  // Linux only for now (Glibc process control, /proc, Debian's cmark-gfm, KaTeX and lunr): no
  // Apple platform is claimed, rather than one the code does not build on.
  products: [
    .library(name: "MLMath", targets: ["MLMath"]),
    .library(name: "FolioPlot", targets: ["FolioPlot"]),
    .executable(name: "folio", targets: ["folio"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    // The only place C is touched: Debian's cmark-gfm through pkg-config.
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // The maths the book teaches. No dependencies.
    .target(name: "MLMath"),
    // The wire format between a chapter program and the engine, defined once for both sides.
    .target(name: "FolioProtocol"),
    // Linked into every chapter program: cell boundaries, display channel, notebook values.
    .target(name: "FolioRuntime", dependencies: ["MLMath", "FolioProtocol"]),
    // SVG plots the cells draw.
    .target(name: "FolioPlot", dependencies: ["FolioRuntime"]),
    // The engine: load, parse, plan, execute, check, render, write.
    .target(
      name: "FolioCore",
      dependencies: [
        "CCmarkGFM",
        "FolioProtocol",
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftIDEUtils", package: "swift-syntax"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [.copy("Render/Assets")],
      plugins: ["EngineDigestPlugin"]
    ),
    // The engine digest in every results key: computed from the engine's sources at build time.
    .executableTarget(name: "folio-engine-digest"),
    .plugin(
      name: "EngineDigestPlugin", capability: .buildTool(), dependencies: ["folio-engine-digest"],
      path: "Sources/EngineDigestPlugin"),
    // The commands, as a library the tests call directly.
    .target(
      name: "FolioCLI",
      dependencies: [
        "FolioCore",
        "FolioServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `folio serve`: the live preview's HTTP server, watcher and reload events.
    .target(
      name: "FolioServer",
      dependencies: ["FolioCore", .product(name: "FlyingFox", package: "FlyingFox")]
    ),
    .executableTarget(name: "folio", dependencies: ["FolioCLI"]),
    // Times MLMath's kernels; Tests/Benchmarks/mlmath runs it beside numpy.
    .executableTarget(name: "mlmath-bench", dependencies: ["MLMath"]),
    .testTarget(name: "MLMathTests", dependencies: ["MLMath"]),
    .testTarget(name: "FolioServerTests", dependencies: ["FolioServer", "FolioCore"]),
    .testTarget(name: "FolioRuntimeTests", dependencies: ["FolioRuntime", "FolioProtocol"]),
    .testTarget(name: "FolioPlotTests", dependencies: ["FolioPlot"], resources: [.copy("Golden")]),
    .testTarget(
      name: "FolioCoreTests",
      dependencies: ["FolioCore", "FolioCLI"],
      resources: [.copy("Fixtures")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
