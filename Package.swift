// swift-tools-version: 6.0
// Folio: Markdown chapters in, a static HTML book whose Swift examples really ran, out.
import Foundation
import PackageDescription

/// The toolchain's own SwiftSyntax, SwiftParser and SwiftIDEUtils (`usr/lib/swift/host`, built
/// with the compiler that builds the chapters, shipped with every Linux toolchain): prebuilt
/// and optimised, they spare a fresh build compiling swift-syntax from source, most of its
/// time. Set FOLIO_SWIFT_SYNTAX_PACKAGE=1 to use the swift-syntax package instead.
let toolchainSyntax: String? = {
  let environment = ProcessInfo.processInfo.environment
  guard environment["FOLIO_SWIFT_SYNTAX_PACKAGE"] == nil else { return nil }
  for directory in (environment["PATH"] ?? "").split(separator: ":") {
    let swiftc = URL(fileURLWithPath: String(directory)).appendingPathComponent("swiftc")
    guard FileManager.default.isExecutableFile(atPath: swiftc.path) else { continue }
    let host = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("lib/swift/host")
    let modules = ["SwiftSyntax", "SwiftParser", "SwiftIDEUtils"]
    let present = modules.allSatisfy {
      FileManager.default.fileExists(atPath: host.appendingPathComponent("\($0).swiftmodule").path)
        && FileManager.default.fileExists(atPath: host.appendingPathComponent("lib\($0).so").path)
    }
    return present ? host.path : nil
  }
  return nil
}()

/// How FolioCore gets swift-syntax: from the toolchain when it has it, else from the package.
let syntaxDependencies: [Target.Dependency] =
  toolchainSyntax == nil
  ? [
    .product(name: "SwiftSyntax", package: "swift-syntax"),
    .product(name: "SwiftParser", package: "swift-syntax"),
    .product(name: "SwiftIDEUtils", package: "swift-syntax"),
  ] : []
/// Every target that imports FolioCore finds the toolchain's modules too.
let syntaxSwiftSettings: [SwiftSetting] = toolchainSyntax.map { [.unsafeFlags(["-I", $0])] } ?? []
let syntaxLinkerSettings: [LinkerSetting] =
  toolchainSyntax.map {
    [
      .unsafeFlags([
        "-L", $0, "-lSwiftSyntax", "-lSwiftParser", "-lSwiftIDEUtils", "-Xlinker", "-rpath", "-Xlinker", $0,
      ])
    ]
  } ?? []

let librariesOnly = ProcessInfo.processInfo.environment["FOLIO_BOOK_LIBRARIES"] != nil
/// For the chapters, the maths is optimised and the rest is compiled quickly: the runtime, the
/// wire format, the plots and the tables take a chapter program a few milliseconds at `-Onone`
/// (this book's five run 0.03–0.08 s longer in all), and a first build of the libraries 13 s
/// instead of 20 s here.
let quickly: [SwiftSetting] = librariesOnly ? [.unsafeFlags(["-Onone"])] : []

/// What a book's chapters link: the maths the book teaches, the runtime and the plots. Folio
/// builds them for the chapters with `FOLIO_BOOK_LIBRARIES=1` in SwiftPM's environment, and then
/// this manifest declares nothing else: no tool, no test and no dependency to resolve, check out or
/// build (the engine-digest plugin among them) for a build of the chapters' libraries.
let bookLibraries: [Target] = [
  // The maths the book teaches. No dependencies.
  .target(name: "MLMath"),
  // The wire format between a chapter program and the engine, defined once for both sides.
  .target(name: "FolioProtocol", swiftSettings: quickly),
  // Linked into every chapter program: cell boundaries, display channel, notebook values.
  // It travels with folio (RuntimeSources) and depends on nothing a book's package provides.
  .target(name: "FolioRuntime", dependencies: ["FolioProtocol"], swiftSettings: quickly),
  // MLMath's vectors and matrices shown as tables in a cell's output: a product the book lists.
  .target(name: "MLMathDisplay", dependencies: ["MLMath", "FolioRuntime"], swiftSettings: quickly),
  // SVG plots the cells draw.
  .target(name: "FolioPlot", dependencies: ["FolioRuntime"], swiftSettings: quickly),
]
let bookProducts: [Product] = [
  .library(name: "MLMath", targets: ["MLMath"]),
  .library(name: "FolioPlot", targets: ["FolioPlot"]),
  .library(name: "FolioRuntime", targets: ["FolioRuntime"]),
  .library(name: "MLMathDisplay", targets: ["MLMathDisplay"]),
]

/// The tool: the engine, its commands, its server, their tests and dependencies.
let toolTargets: [Target] = [
  // Debian's cmark-gfm through pkg-config (C is touched in one file per library).
  .systemLibrary(
    name: "CCmarkGFM",
    pkgConfig: "libcmark-gfm",
    providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
  ),
  // SHA-256 for every cache key: Debian's OpenSSL libcrypto through pkg-config.
  .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
  // The remote cache's HTTP: libcurl, opened with dlopen on its first request (its header from
  // Debian's libcurl4-openssl-dev; nothing is linked, so folio starts without it).
  .target(name: "CFolioHTTP"),
  // The engine: load, parse, plan, execute, check, render, write.
  .target(
    name: "FolioCore",
    dependencies: [
      "CCmarkGFM",
      "CFolioHTTP",
      "COpenSSL",
      "FolioProtocol",
      .product(name: "Yams", package: "Yams"),
      .product(name: "SymbolKit", package: "swift-docc-symbolkit"),
    ] + syntaxDependencies,
    resources: [.copy("Render/Assets")],
    swiftSettings: syntaxSwiftSettings,
    linkerSettings: syntaxLinkerSettings,
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
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: syntaxSwiftSettings
  ),
  // `folio serve`: the live preview's HTTP server, watcher and reload events.
  .target(
    name: "FolioServer",
    dependencies: ["FolioCore", .product(name: "FlyingFox", package: "FlyingFox")],
    swiftSettings: syntaxSwiftSettings
  ),
  .executableTarget(name: "folio", dependencies: ["FolioCLI"], swiftSettings: syntaxSwiftSettings),
  // `folio serve`, which `folio` hands over to: FlyingFox links Foundation's networking (libcurl
  // and two dozen libraries, 13 ms of every start-up), which no other command needs.
  .executableTarget(
    name: "folio-serve",
    dependencies: [
      "FolioCLI", "FolioServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: syntaxSwiftSettings),
  // Times MLMath's kernels; Tests/Benchmarks/mlmath runs it beside numpy.
  .executableTarget(name: "mlmath-bench", dependencies: ["MLMath"]),
  .testTarget(name: "MLMathTests", dependencies: ["MLMath"]),
  .testTarget(
    name: "FolioServerTests", dependencies: ["FolioServer", "FolioCore"], swiftSettings: syntaxSwiftSettings
  ),
  .testTarget(
    name: "FolioRuntimeTests", dependencies: ["FolioRuntime", "FolioProtocol", "MLMath", "MLMathDisplay"]),
  .testTarget(name: "FolioPlotTests", dependencies: ["FolioPlot"], resources: [.copy("Golden")]),
  .testTarget(
    name: "FolioCoreTests",
    dependencies: ["FolioCore", "FolioCLI", .product(name: "Yams", package: "Yams")],
    resources: [.copy("Fixtures")],
    swiftSettings: syntaxSwiftSettings
  ),
]

let package = Package(
  name: "Folio",
  // Linux only for now (Glibc process control, /proc, Debian's cmark-gfm, KaTeX and lunr): no
  // Apple platform is claimed, rather than one the code does not build on.
  products: bookProducts
    + (librariesOnly
      ? []
      : [
        .executable(name: "folio", targets: ["folio"]),
        .executable(name: "folio-serve", targets: ["folio-serve"]),
      ]),
  dependencies: librariesOnly
    ? []
    : [
      .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
      .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
      .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
      .package(url: "https://github.com/swiftlang/swift-docc-symbolkit", from: "1.0.0"),
    ]
      // Only when the toolchain has no SwiftSyntax of its own (see `toolchainSyntax`).
      + (toolchainSyntax == nil
        ? [.package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1")] : []),
  targets: bookLibraries + (librariesOnly ? [] : toolTargets),
  swiftLanguageModes: [.v6]
)
