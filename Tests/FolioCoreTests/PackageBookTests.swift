// Any Swift package: a book runs against the package it documents (and that package's own
// dependencies), built by SwiftPM, with an installed folio that needs nothing of this checkout.
import Foundation
import Testing

@testable import FolioCore

@Suite(.serialized) struct PackageBookTests {
  /// `folio` installed the way `make install` lays it out, in a fresh prefix.
  static func install() throws -> URL {
    let fm = FileManager.default
    let prefix = fm.temporaryDirectory.appendingPathComponent("folio-prefix-\(UUID().uuidString)")
    let bin = prefix.appendingPathComponent("bin")
    let sources = prefix.appendingPathComponent("share/folio/Sources")
    try fm.createDirectory(at: bin, withIntermediateDirectories: true)
    try fm.createDirectory(at: sources, withIntermediateDirectories: true)
    let build = FolioBinary.url.deletingLastPathComponent()
    try fm.copyItem(at: FolioBinary.url, to: bin.appendingPathComponent("folio"))
    try fm.copyItem(
      at: build.appendingPathComponent("Folio_FolioCore.resources"),
      to: bin.appendingPathComponent("Folio_FolioCore.resources"))
    for module in RuntimeSources.modules {
      try fm.copyItem(
        at: FolioBinary.packageRoot.appendingPathComponent("Sources/\(module)"),
        to: sources.appendingPathComponent(module))
    }
    return prefix
  }

  /// Runs the installed `folio` in `folder`.
  static func run(_ prefix: URL, _ arguments: [String], in folder: URL) throws -> FolioBinary.Run {
    let outputs = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outputs) }
    let process = try FolioBinary.start(
      arguments, outputs: outputs, executable: prefix.appendingPathComponent("bin/folio"), in: folder)
    process.waitUntilExit()
    return FolioBinary.finished(process, outputs: outputs)
  }

  @Test(.timeLimit(.minutes(10)))
  func anInstalledFolioBuildsABookAgainstItsPackageAndItsDependencies() throws {
    let prefix = try Self.install()
    defer { try? FileManager.default.removeItem(at: prefix) }
    let book = try FixtureBook("package-book")
    defer { book.remove() }
    // Run from the book's folder, as an author would: its package is the book's folder.
    let built = try Self.run(prefix, ["build"], in: book.root)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(try book.page("01-logistic.html").contains("0.5"))
    let page = try book.page("02-log-sum-exp.html")
    #expect(page.contains("0.69314718055994"))
    let checked = try Self.run(prefix, ["check"], in: book.root)
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stdout.contains("2 passed, 0 failed"))
    // The package was built under the book's own build folder.
    let folder = book.root.appendingPathComponent(".build/folio/package")
    #expect(FileManager.default.fileExists(atPath: folder.path))

    // A package that no longer builds: SwiftPM's error with its file and line, exit 2, and the
    // site as it was.
    let site = snapshot(book.root.appendingPathComponent("site"))
    let source = book.root.appendingPathComponent("Sources/Stats/Stats.swift")
    try (try String(contentsOf: source, encoding: .utf8) + "\npublic let broken: Int = \"text\"\n").write(
      to: source, atomically: true, encoding: .utf8)
    let broken = try Self.run(prefix, ["build"], in: book.root)
    #expect(broken.status == 2, "\(broken.stderr)")
    #expect(broken.stderr.contains("the package does not build"))
    #expect(broken.stderr.contains("Stats.swift:13:"), "\(broken.stderr)")
    #expect(snapshot(book.root.appendingPathComponent("site")) == site)
  }

  @Test(.timeLimit(.minutes(10)))
  func anEditInsideALibraryFunctionRunsTheChaptersAgainWithoutCompilingThem() throws {
    let book = try FixtureBook("package-book")
    defer { book.remove() }
    let options = BuildOptions(book: book.root, jobs: 2)
    let source = book.root.appendingPathComponent("Sources/Stats/Stats.swift")
    let kept = book.root.appendingPathComponent(".build/folio/programs/01-logistic/program0/chapter")
    func keptDate() throws -> Date {
      try #require(try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date)
    }
    func edit(_ from: String, _ to: String) throws {
      let text = try String(contentsOf: source, encoding: .utf8)
      #expect(text.contains(from))
      try text.replacingOccurrences(of: from, with: to).write(to: source, atomically: true, encoding: .utf8)
    }

    let first = try #require(try Pipeline.run(options).built)
    // logistic(0), then logistic(2) + logistic(-2) (1 within rounding).
    func printed(_ book: BuiltBook) -> String? {
      guard case .stdout(let text) = book.results[0].cells[0].outputs.first else { return nil }
      return text.split(separator: "\n").first.map(String.init)
    }
    #expect(printed(first) == "0.5")
    let compiled = try keptDate()

    // Inside a body: the library's interface is unchanged, so the programs run again as they are.
    try edit("{ 1 / (1 + .exp(-x)) }", "{ 2 / (1 + .exp(-x)) }")
    let second = try #require(try Pipeline.run(options).built)
    #expect(second.cachedChapters == 0)
    #expect(printed(second) == "1.0")
    #expect(try book.page("01-logistic.html").contains("1.9999999999999998"))
    #expect(try keptDate() == compiled)

    // A new declaration changes the interface: the programs are compiled again.
    try edit(
      "/// The logistic function",
      "/// Twice x.\npublic func twice(_ x: Double) -> Double { 2 * x }\n\n/// The logistic function")
    let third = try #require(try Pipeline.run(options).built)
    #expect(printed(third) == "1.0")
    #expect(try keptDate() > compiled)
  }

  @Test func theKeyCoversTheProductsSourcesAndNotTheRestOfThePackage() throws {
    let book = try FixtureBook("package-book")
    defer { book.remove() }
    var options = BuildOptions(book: book.root)
    options.packageBuildDirectory = book.root.appendingPathComponent(".build/test-package")
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    func key() throws -> String {
      let config = try BookLoader().loadConfig(book.root)
      return try BookPackage.resolve(book: book.root, config: config, options: options, toolchain: toolchain)
        .key()
    }
    let first = try key()
    #expect(try key() == first)
    // The executable target is not part of the product the cells import.
    try "print(1)\n".write(
      to: book.root.appendingPathComponent("Sources/StatsTool/main.swift"), atomically: true, encoding: .utf8)
    #expect(try key() == first)
    // A setting of the product's target changes what it is compiled into.
    let manifest = book.root.appendingPathComponent("Package.swift")
    let original = try String(contentsOf: manifest, encoding: .utf8)
    try original.replacingOccurrences(
      of: #"package: "swift-numerics")])"#,
      with: #"package: "swift-numerics")], swiftSettings: [.define("FAST")])"#
    ).write(to: manifest, atomically: true, encoding: .utf8)
    let defined = try key()
    #expect(defined != first)
    try original.write(to: manifest, atomically: true, encoding: .utf8)
    #expect(try key() == first)
    try "// edited\npublic let edited = 1\n".write(
      to: book.root.appendingPathComponent("Sources/Stats/Edited.swift"), atomically: true, encoding: .utf8)
    #expect(try key() != first)
  }

  @Test func aManifestCanDeclareOnlyWhatChaptersLinkWhenFolioReadsIt() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-split-\(UUID())")
    defer { try? FileManager.default.removeItem(at: root) }
    for target in ["Core", "Tool"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("Sources/\(target)"), withIntermediateDirectories: true)
      try "public let x = 1\n".write(
        to: root.appendingPathComponent("Sources/\(target)/x.swift"), atomically: true, encoding: .utf8)
    }
    try """
    // swift-tools-version: 6.0
    import Foundation
    import PackageDescription

    let forChapters = ProcessInfo.processInfo.environment["FOLIO_BOOK_LIBRARIES"] != nil
    let package = Package(
      name: "Split",
      products: [.library(name: "Core", targets: ["Core"])]
        + (forChapters ? [] : [.executable(name: "tool", targets: ["Tool"])]),
      targets: [.target(name: "Core")] + (forChapters ? [] : [.executableTarget(name: "Tool")])
    )

    """.write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    let options = BuildOptions(book: root)
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    let manifest = try BookPackage.describe(
      root, toolchain: toolchain, cache: root.appendingPathComponent(".build/folio-test"))
    #expect(manifest.targets.map(\.name) == ["Core"])
    #expect(manifest.products.map(\.name) == ["Core"])
    #expect(!manifest.digest.isEmpty)
  }

  @Test func badPackageSettingsAreOneErrorAtTheirLine() throws {
    let book = try FixtureBook("package-book")
    defer { book.remove() }
    let options = BuildOptions(book: book.root)
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    func error(_ yaml: String) throws -> FolioError? {
      try yaml.write(to: book.root.appendingPathComponent("book.yml"), atomically: true, encoding: .utf8)
      let config = try BookLoader().loadConfig(book.root)
      do {
        _ = try BookPackage.resolve(book: book.root, config: config, options: options, toolchain: toolchain)
        return nil
      } catch {
        return error
      }
    }
    let missing = try #require(try error("title: T\npackage: no-such-folder\n"))
    #expect(missing.kind == .input)
    #expect(missing.location == SourceLocation(file: "book.yml", line: 2))
    #expect(missing.message.contains("has no Package.swift"))
    let notLibrary = try #require(try error("title: T\nproducts: [Stats, stats-tool]\n"))
    #expect(notLibrary.location == SourceLocation(file: "book.yml", line: 2))
    #expect(notLibrary.message.contains("'stats-tool' is not a library product of Stats"))
    #expect(notLibrary.message.contains("its library products: Stats"))
  }

  @Test func aCellImportingAModuleNoProductProvidesIsToldAboutProducts() throws {
    // A book without a package imports only Folio's runtime.
    let book = try ScratchBook(
      texts: ["chapters/01-a.md": "# A\n\n```swift\nimport FolioPlot\nimport MLMath\nprint(1)\n```\n"],
      name: "unlisted")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    let diagnostics = built.results[0].cells[0].diagnostics
    #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("no such module 'MLMath'") })
    #expect(diagnostics.contains { $0.severity == .note && $0.message.contains("`products:` in book.yml") })
    #expect(diagnostics.first?.location.line == 5)
  }

  @Test func initStartsABookForThePackage() throws {
    let book = try FixtureBook("package-book")
    defer { book.remove() }
    try FileManager.default.removeItem(at: book.root.appendingPathComponent("book.yml"))
    try FileManager.default.removeItem(at: book.root.appendingPathComponent("chapters"))
    let created = try BookScaffold.create(in: book.root)
    #expect(created.products == ["Stats"])
    let config = try BookLoader().loadConfig(book.root)
    #expect(config.products == ["Stats"])
    #expect(config.package == ".")
    let chapter = try book.chapter("01-getting-started.md")
    #expect(chapter.contains("```swift\nimport Stats\n"))
    // A second init overwrites nothing.
    #expect(throws: FolioError.self) { try BookScaffold.create(in: book.root) }
  }
}
