// The remote results cache against a real nginx (WebDAV PUT): shared results, read-only use,
// and every fault a server can have, each ending in a correct site and one warning.
import Foundation
import Testing

@testable import FolioCore

@Suite("Remote cache", .serialized) struct RemoteCacheTests {
  /// Three chapters that print, one of them across two cells.
  static let chapters = [
    "chapters/01-one.md": "# One\n\n```swift\nprint(\"one\", 1 + 1)\n```\n",
    "chapters/02-two.md": "# Two\n\n```swift\nlet x = 21\n```\n\nProse.\n\n```swift\nprint(x * 2)\n```\n",
    "chapters/03-three.md": "# Three\n\n```swift\nprint((1...3).map { $0 * $0 })\n```\n",
  ]

  /// A fresh copy of the book in a folder of its own (a clone elsewhere, empty local cache).
  func clone(_ name: String) throws -> ScratchBook { try ScratchBook(texts: Self.chapters, name: name) }

  /// Builds `book` with the remote cache at `url`.
  func build(
    _ book: ScratchBook, url: String, readOnly: Bool = false, timeout: Double? = nil,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> BuiltBook {
    var options = book.options()
    options.cacheURL = url
    options.cacheReadOnly = readOnly
    options.cacheTimeout = timeout
    options.progress = progress
    return try #require(try Pipeline.run(options).built)
  }

  /// The warnings a build reported.
  func warnings(_ built: BuiltBook) -> [Diagnostic] { built.diagnostics.filter { $0.severity == .warning } }

  /// A book built with no remote cache at all: the pages every faulty build must still give.
  func reference() throws -> [String: Data] {
    let book = try clone("remote-reference")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    #expect(built.succeeded)
    return snapshot(book.root.appendingPathComponent("site"))
  }

  @Test func aSecondCloneRunsNothingAndWritesTheSamePages() throws {
    let server = try NginxCache()
    defer { server.remove() }
    let first = try clone("remote-fill")
    defer { first.remove() }
    let filled = try build(first, url: server.url)
    #expect(filled.succeeded)
    #expect(filled.summary.executedChapters == 3)
    #expect(warnings(filled).isEmpty, "\(filled.diagnostics)")
    // One record and one body per chapter.
    #expect(server.files.filter { $0.hasPrefix("folio/ac/") }.count == 3)
    #expect(server.files.filter { $0.hasPrefix("folio/cas/") }.count == 3)

    let second = try clone("remote-hit")
    defer { second.remove() }
    let hit = try build(second, url: server.url)
    #expect(hit.succeeded)
    #expect(hit.summary.executedChapters == 0)
    #expect(hit.summary.remoteChapters == 3)
    #expect(hit.summary.cachedChapters == 3)
    #expect(warnings(hit).isEmpty, "\(hit.diagnostics)")
    #expect(
      snapshot(second.root.appendingPathComponent("site"))
        == snapshot(first.root.appendingPathComponent("site")))
    // What came from the remote cache is now in the local one: a third build asks nothing.
    let localEntries = try FileManager.default.contentsOfDirectory(
      atPath: second.root.appendingPathComponent(".build/folio/results").path)
    #expect(localEntries.filter { $0.hasSuffix(".json") }.count == 3)
  }

  @Test func aCloneOfAPackageBookCompilesNothing() throws {
    let files = [
      "Package.swift": """
      // swift-tools-version: 6.0
      import PackageDescription
      let package = Package(
        name: "Tiny", products: [.library(name: "Tiny", targets: ["Tiny"])], targets: [.target(name: "Tiny")])

      """,
      "Sources/Tiny/Tiny.swift": "/// Twice `x`.\npublic func twice(_ x: Int) -> Int { 2 * x }\n",
      "chapters/01-twice.md":
        "# Twice\n\n``twice(_:)`` doubles.\n\n```swift\nimport Tiny\nprint(twice(21))\n```\n",
    ]
    let server = try NginxCache()
    defer { server.remove() }
    let first = try ScratchBook(texts: files, name: "remote-package-fill")
    defer { first.remove() }
    let filled = try build(first, url: server.url)
    #expect(filled.succeeded, "\(filled.diagnostics)")
    #expect(filled.summary.executedChapters == 1)
    // The chapter's results and the library's API symbols.
    #expect(server.files.filter { $0.hasPrefix("folio/ac/") }.count == 2)

    let second = try ScratchBook(texts: files, name: "remote-package-hit")
    defer { second.remove() }
    let hit = try build(second, url: server.url)
    #expect(hit.succeeded, "\(hit.diagnostics)")
    #expect(hit.summary.executedChapters == 0)
    #expect(hit.summary.remoteChapters == 1)
    #expect(warnings(hit).isEmpty, "\(hit.diagnostics)")
    #expect(
      snapshot(second.root.appendingPathComponent("site"))
        == snapshot(first.root.appendingPathComponent("site")))
    // SwiftPM never built the package: no library anywhere under the clone's build folder.
    let built =
      FileManager.default.enumerator(atPath: second.root.appendingPathComponent(".build").path)?
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".so") } ?? []
    #expect(built.isEmpty, "\(built)")
    #expect(
      FileManager.default.enumerator(atPath: first.root.appendingPathComponent(".build").path)?
        .contains { ($0 as? String)?.hasSuffix("libFolioCells.so") == true } == true)
  }

  @Test func aReadOnlyBuildNeverWrites() throws {
    let server = try NginxCache()
    defer { server.remove() }
    let book = try clone("remote-read-only")
    defer { book.remove() }
    let built = try build(book, url: server.url, readOnly: true)
    #expect(built.succeeded)
    #expect(built.summary.executedChapters == 3)
    #expect(warnings(built).isEmpty, "\(built.diagnostics)")
    #expect(server.files.isEmpty)
    #expect(!server.requests.isEmpty)
    #expect(
      server.requests.allSatisfy { $0.hasPrefix("GET ") || $0.hasPrefix("HEAD ") }, "\(server.requests)")
  }

  @Test func aServerKilledMidBuildCostsOneWarning() throws {
    let expected = try reference()
    let server = try NginxCache()
    defer { server.remove() }
    let book = try clone("remote-killed")
    defer { book.remove() }
    // Killed when the first chapter starts running: the lookups were answered, the uploads are not.
    let built = try build(book, url: server.url) { line in
      if line.contains("/3] chapters/") { server.kill() }
    }
    #expect(built.succeeded)
    #expect(built.summary.executedChapters == 3)
    let found = warnings(built)
    #expect(found.count == 1, "\(built.diagnostics)")
    #expect(found.first?.message.hasPrefix("remote cache: PUT ") == true, "\(found)")
    #expect(snapshot(book.root.appendingPathComponent("site")) == expected)
  }

  @Test func aServerAnswering500CostsOneWarningAndNoPassword() throws {
    let expected = try reference()
    let server = try NginxCache()
    defer { server.remove() }
    let book = try clone("remote-500")
    defer { book.remove() }
    let url = server.brokenURL.replacingOccurrences(of: "http://", with: "http://ci:s3cret-token@")
    let built = try build(book, url: url)
    #expect(built.succeeded)
    #expect(built.summary.executedChapters == 3)
    let found = warnings(built)
    #expect(found.count == 1, "\(built.diagnostics)")
    #expect(found.first?.message.contains("HTTP 500") == true, "\(found)")
    #expect(!found.description.contains("s3cret"))
    #expect(found.first?.location.file == server.brokenURL)
    #expect(snapshot(book.root.appendingPathComponent("site")) == expected)
    // The first failure turned the cache off: no request after the first few lookups in flight.
    #expect(server.requests.count <= 3, "\(server.requests)")
    #expect(server.requests.allSatisfy { $0.hasPrefix("GET /broken/ac/") }, "\(server.requests)")
  }

  @Test func entriesThatDoNotHashToTheirNamesAreRunAgainAndReplaced() throws {
    let server = try NginxCache()
    defer { server.remove() }
    let first = try clone("remote-digest-fill")
    defer { first.remove() }
    _ = try build(first, url: server.url)
    // One body is changed in place (same name, a flipped bit), another is cut short.
    let bodies = server.files.filter { $0.hasPrefix("folio/cas/") }.map {
      server.root.appendingPathComponent($0)
    }
    try #require(bodies.count == 3)
    let originals = try bodies.map { try Data(contentsOf: $0) }
    var flipped = originals[0]
    flipped[flipped.count - 3] ^= 0x01
    try flipped.write(to: bodies[0])
    try originals[1].prefix(originals[1].count / 2).write(to: bodies[1])

    let second = try clone("remote-digest-hit")
    defer { second.remove() }
    let built = try build(second, url: server.url)
    #expect(built.succeeded)
    #expect(built.summary.remoteChapters == 1)
    #expect(built.summary.executedChapters == 2)
    let found = warnings(built)
    #expect(found.count == 1, "\(built.diagnostics)")
    #expect(found.first?.message.contains("does not hash to its name") == true, "\(found)")
    #expect(found.first?.message.contains("(and 1 more problem)") == true, "\(found)")
    #expect(
      snapshot(second.root.appendingPathComponent("site"))
        == snapshot(first.root.appendingPathComponent("site")))
    // The chapters ran, and their good entries went back under the same names.
    #expect(try bodies.map { try Data(contentsOf: $0) } == originals)
  }

  @Test func anEntryWhoseOwnHeaderDoesNotCheckIsRunAgain() throws {
    let server = try NginxCache()
    defer { server.remove() }
    let first = try clone("remote-header-fill")
    defer { first.remove() }
    _ = try build(first, url: server.url, readOnly: false)
    // A body and a record that agree with each other, but the entry's own header is wrong:
    // written by something that is not folio, or by a folio with another entry format.
    let record = try #require(server.files.first { $0.hasPrefix("folio/ac/") })
    let recordURL = server.root.appendingPathComponent(record)
    let stored = try #require(ActionRecord(decoding: try Data(contentsOf: recordURL)))
    let body = Data((String(repeating: "0", count: 64) + "\n{}").utf8)
    let forged = ActionRecord(entry: body)
    try body.write(to: server.store.appendingPathComponent("cas/\(forged.hash)"))
    try forged.encoded.write(to: recordURL)
    #expect(forged != stored)

    let second = try clone("remote-header-hit")
    defer { second.remove() }
    let built = try build(second, url: server.url, readOnly: true)
    #expect(built.succeeded)
    #expect(built.summary.executedChapters == 1)
    #expect(warnings(built).count == 1, "\(built.diagnostics)")
    #expect(
      snapshot(second.root.appendingPathComponent("site"))
        == snapshot(first.root.appendingPathComponent("site")))
  }

  @Test func aServerThatNeverAnswersCostsOneTimeout() throws {
    let expected = try reference()
    let listener = try SilentListener()
    defer { listener.close() }
    let book = try clone("remote-hang")
    defer { book.remove() }
    let built = try build(book, url: listener.url, timeout: 1)
    #expect(built.succeeded)
    #expect(built.summary.executedChapters == 3)
    let found = warnings(built)
    #expect(found.count == 1, "\(built.diagnostics)")
    #expect(found.first?.message.contains("no answer within 1 s") == true, "\(found)")
    #expect(snapshot(book.root.appendingPathComponent("site")) == expected)
  }

  @Test func aRefusedConnectionPrintsOneWarningFromTheCommandLine() throws {
    let book = try clone("remote-refused")
    defer { book.remove() }
    let port = try freePort()
    var environment = ProcessInfo.processInfo.environment
    environment["FOLIO_CACHE_URL"] = "http://ci:s3cret-token@127.0.0.1:\(port)/folio"
    let run = try FolioBinary.run(["build", "--book", book.root.path], environment: environment)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.errorLines.filter { $0.contains("warning:") }
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(lines.first?.hasPrefix("http://127.0.0.1:\(port)/folio: warning: remote cache: GET ac/") == true)
    #expect(lines.first?.contains("connection refused") == true, "\(run.stderr)")
    #expect(!run.stderr.contains("s3cret"))
    // The command line wins over the environment: '' turns the remote cache off.
    let again = try FolioBinary.run(
      ["build", "--book", book.root.path, "--no-cache", "--cache-url", ""], environment: environment)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(!again.stderr.contains("warning:"), "\(again.stderr)")
  }
}

@Suite struct RemoteCacheSettingsTests {
  @Test func theCommandLineWinsAndReadOnlyGoesWithTheBooksURL() throws {
    let config = BookConfig(
      cache: CacheConfig(url: "https://cache.example.org/folio/", readOnly: true, timeout: 2))
    var options = BuildOptions(book: URL(fileURLWithPath: "/tmp/book"))
    let fromBook = try #require(try RemoteCacheSettings.resolve(options, config: config))
    #expect(fromBook.base.absoluteString == "https://cache.example.org/folio")
    #expect(fromBook.readOnly)
    #expect(fromBook.timeout == 2)
    options.cacheURL = "https://ci:token@cache.example.org/folio?x=1"
    let fromCI = try #require(try RemoteCacheSettings.resolve(options, config: config))
    #expect(!fromCI.readOnly)
    #expect(fromCI.authorization == "Basic " + Data("ci:token".utf8).base64EncodedString())
    #expect(fromCI.displayName == "https://cache.example.org/folio")
    options.cacheReadOnly = true
    #expect(try RemoteCacheSettings.resolve(options, config: config)?.readOnly == true)
    options.cacheURL = ""
    #expect(try RemoteCacheSettings.resolve(options, config: config) == nil)
    options.cacheURL = nil
    options.useCache = false
    #expect(try RemoteCacheSettings.resolve(options, config: config) == nil)
    #expect(throws: FolioError.self) {
      try RemoteCacheSettings.resolve(
        BuildOptions(book: URL(fileURLWithPath: "/tmp/book")),
        config: BookConfig(cache: CacheConfig(url: "ftp://x")))
    }
  }

  @Test func clonesInOtherFoldersShareResultsKeys() throws {
    let clones = try [FixtureBook("package-book"), FixtureBook("package-book")]
    defer { clones.forEach { $0.remove() } }
    let keys = try clones.map { book in
      var options = BuildOptions(book: book.root)
      options.packageBuildDirectory = book.root.appendingPathComponent(".build/test-package")
      let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
      let config = try BookLoader().loadConfig(book.root)
      return try BookPackage.resolve(book: book.root, config: config, options: options, toolchain: toolchain)
        .key()
    }
    #expect(clones[0].root != clones[1].root)
    #expect(keys[0] == keys[1])
  }

  @Test func bookYMLNamesTheCache() throws {
    let book = try ScratchBook(texts: [
      "book.yml": "title: T\ncache:\n  url: http://127.0.0.1:9/folio\n  read-only: true\n  timeout: 3\n",
      "chapters/01.md": "# A\n",
    ])
    defer { book.remove() }
    let config = try BookLoader().loadConfig(book.root)
    #expect(config.cache == CacheConfig(url: "http://127.0.0.1:9/folio", readOnly: true, timeout: 3))
  }

  @Test func theActionRecordIsAnActionResultProtocolBuffer() throws {
    let entry = Data("entry bytes".utf8)
    let record = ActionRecord(entry: entry)
    #expect(record.size == entry.count)
    // ActionResult{output_files: [OutputFile{path: "folio-results.json", digest: {hash, size}}]}
    var expected: [UInt8] =
      [0x12, 0x5A, 0x0A, 0x12] + Array("folio-results.json".utf8) + [0x12, 0x44, 0x0A, 0x40]
    expected += Array(record.hash.utf8) + [0x10, UInt8(entry.count)]
    #expect([UInt8](record.encoded) == expected)
    #expect(ActionRecord(decoding: record.encoded) == record)
    #expect(ActionRecord(decoding: Data("not a protocol buffer".utf8)) == nil)
    #expect(ActionRecord(decoding: Data()) == nil)
  }
}
