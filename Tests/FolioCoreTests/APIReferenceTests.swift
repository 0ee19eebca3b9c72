// API pages, symbol links and linked code, end to end on a small module compiled for the test.
import Foundation
import Testing

@testable import FolioCore

/// Compiles `Fixtures/api-basic/Sources/Geometry` (a struct, an extension, overloaded functions,
/// doc comments with formulas) with the symbol graph the library build writes, and checks what
/// the book makes of it: the API pages' `<main>` regions against goldens beside the fixture
/// (re-record with `RECORD_SNAPSHOTS=1 swift test --filter APIReferenceTests`), symbol links
/// resolved or reported at their line with candidates, and cells' calls linked to the right
/// overload.
@Suite("API reference", .serialized)
struct APIReferenceTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/api-basic", isDirectory: true)

  /// The fixture module's reference, compiled once per test run.
  static let reference: Result<APIReference, any Error> = Result {
    let folder = RenderTestSupport.temporaryDirectory()
    let graphs = folder.appendingPathComponent("symbol-graphs")
    try FileManager.default.createDirectory(at: graphs, withIntermediateDirectories: true)
    let toolchain = try Toolchain.locate(stateDirectory: folder)
    let sources = try FileManager.default.contentsOfDirectory(
      atPath: fixture.appendingPathComponent("Sources/Geometry").path
    ).sorted().map { fixture.appendingPathComponent("Sources/Geometry/\($0)").path }
    let log = folder.appendingPathComponent("swiftc.log")
    let outcome = try ProcessRunner.run(
      toolchain.swiftc,
      ["-O", "-wmo", "-parse-as-library", "-swift-version", "6"] + [
        "-module-name", "Geometry", "-emit-module", "-emit-module-path",
        folder.appendingPathComponent("Geometry.swiftmodule").path,
        "-emit-symbol-graph", "-emit-symbol-graph-dir", graphs.path,
      ] + sources, stdout: log, stderr: log, timeout: 300)
    guard outcome.succeeded else {
      throw FolioError(.environment, (try? String(contentsOf: log, encoding: .utf8)) ?? "swiftc failed")
    }
    let symbols = try SymbolGraphLoader.load(modules: ["Geometry"], from: graphs, repository: fixture)
    return APIReference(modules: ["Geometry"], symbols: symbols)
  }

  static func chapters() throws -> [Chapter] {
    let folder = fixture.appendingPathComponent("chapters")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
      ChapterParser().parse(
        ChapterFile(
          path: "chapters/\(name)", slug: BookLoader.slug(forFileName: name),
          text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
    }
  }

  static func site() throws -> RenderedSite {
    let chapters = try chapters()
    let book = Book(root: fixture, config: BookConfig(title: "Geometry"), chapters: chapters.map(\.file))
    let pages = try SiteRenderer(cacheDirectory: RenderTestSupport.temporaryDirectory()).pages(
      book: book, chapters: chapters, reference: try reference.get())
    for index in chapters.indices { pages.render(index, results: nil) }
    return try pages.finish()
  }

  @Test("the API pages match their golden <main> regions")
  func goldens() throws {
    let site = try Self.site()
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    for page in [
      "api/Geometry.html", "api/Geometry.Point.html", "api/Geometry.Double.html", "01-points.html",
    ] {
      let actual = RenderTestSupport.main(try RenderTestSupport.page(site, page)) + "\n"
      let name = page.replacingOccurrences(of: "api/", with: "api-").dropLast(5)
      let golden = Self.fixture.appendingPathComponent("expected/\(name).main.html")
      let expected = (try? String(contentsOf: golden, encoding: .utf8)) ?? ""
      if record {
        try Data(actual.utf8).write(to: golden)
        #expect(actual == expected, "recorded a new \(golden.lastPathComponent); inspect it and run again")
        continue
      }
      #expect(
        actual == expected, "\(page) differs from \(golden.lastPathComponent); RECORD_SNAPSHOTS=1 re-records")
    }
    #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
  }

  @Test("every public symbol has a page section, and types their own page")
  func everySymbolHasAPage() throws {
    let reference = try Self.reference.get()
    let site = try Self.site()
    #expect(
      reference.pages.map(\.path) == [
        "api/Geometry.html", "api/Geometry.Double.html", "api/Geometry.Point.html",
      ])
    for symbol in reference.symbols {
      let address = try #require(reference.address(of: symbol.id), "\(symbol.path) has no page")
      let page = try RenderTestSupport.page(site, address.page)
      if let anchor = address.anchor {
        #expect(
          page.contains("id=\"\(HTML.escape(anchor))\""), "\(symbol.path) has no section on \(address.page)")
      }
    }
    // The overloads get DocC's hash suffix, and a shared anchor code can link to.
    let overloads = reference.symbols.filter { $0.title == "distance(_:_:)" }
    #expect(overloads.count == 2)
    for symbol in overloads {
      #expect(reference.address(of: symbol.id)?.anchor == "distance(_:_:)-\(symbol.hash)")
    }
    #expect(try RenderTestSupport.page(site, "api/Geometry.html").contains("id=\"distance(_:_:)\""))
    // Code in a doc comment is shown highlighted, never as a cell that did not run.
    let module = try RenderTestSupport.page(site, "api/Geometry.html")
    #expect(
      module.contains("<pre class=\"code\"><code class=\"language-swift\"><span class=\"hl-k\">let</span> d"))
    #expect(!module.contains("cell-label"))
  }

  @Test("symbol links resolve as DocC resolves them")
  func resolution() throws {
    let reference = try Self.reference.get()
    func path(_ link: String, scope: [String] = []) -> [String]? {
      guard case .symbol(let id) = reference.resolve(link, scope: scope) else { return nil }
      return reference.symbol(id)?.path
    }
    #expect(path("Point") == ["Point"])
    #expect(path("Geometry/Point/length") == ["Point", "length"])
    #expect(path("/Geometry/Point/scaled(by:)") == ["Point", "scaled(by:)"])
    #expect(path("Point/init(x:y:)") == ["Point", "init(x:y:)"])
    #expect(path("length", scope: ["Point"]) == ["Point", "length"])
    #expect(path("length") == nil)
    #expect(path("Point/length-swift.property") == ["Point", "length"])
    #expect(path("Point/length-swift.method") == nil)
    #expect(reference.resolve("Geometry") == .module("Geometry"))
    let byTypes = try #require(path("distance(_:_:)-(Point,Point)"))
    #expect(byTypes == ["distance(_:_:)"])
    guard case .symbol(let pointDistance) = reference.resolve("distance(_:_:)-(Point,Point)"),
      case .symbol(let lineDistance) = reference.resolve("distance(_:_:)-(Double,_)")
    else {
      Issue.record("type disambiguation failed")
      return
    }
    #expect(pointDistance != lineDistance)
    let hash = try #require(reference.symbol(lineDistance)?.hash)
    #expect(reference.resolve("distance(_:_:)-\(hash)") == .symbol(lineDistance))
    #expect(reference.resolve("distance(_:_:)->Double") != .symbol(lineDistance))
    guard case .ambiguous(let candidates) = reference.resolve("distance(_:_:)") else {
      Issue.record("an overloaded name resolved to one symbol")
      return
    }
    #expect(
      candidates == ["Geometry/distance(_:_:)-(Double,Double)", "Geometry/distance(_:_:)-(Point,Point)"])
  }

  @Test("an unresolved or ambiguous symbol link is an error at its line, with the candidates")
  func linkErrors() throws {
    let reference = try Self.reference.get()
    let chapters = try Self.chapters()
    let first = ReferenceStage.linkProblems(in: chapters[0], reference, chapters: chapters)
    #expect(first.map(\.location.line) == [7, 9])
    #expect(first.allSatisfy { $0.severity == .error && $0.location.file == "chapters/01-points.md" })
    #expect(first[0].message.contains("ambiguous"))
    #expect(first[0].message.contains("``Geometry/distance(_:_:)-(Point,Point)``"))
    #expect(first[0].message.contains("``Geometry/distance(_:_:)-(Double,Double)``"))
    #expect(first[1].message.contains("``Point/area``"))
    guard case .notFound(let near) = reference.resolve("Point/lenght") else {
      Issue.record("a misspelt link resolved")
      return
    }
    #expect(near == ["Geometry/Point/length"])
    #expect(ReferenceStage.linkProblems(in: chapters[1], reference, chapters: chapters).isEmpty)
    // A doc comment's links too, at the source line, resolved from the symbol it documents.
    #expect(ReferenceStage.docLinkProblems(reference).isEmpty)
    let broken = APIReference(
      modules: reference.modules,
      symbols: reference.symbols.map { symbol in
        var symbol = symbol
        if symbol.path == ["Point", "length"] {
          symbol.docComment = "The length; see ``scaled(by:)`` and ``distance(_:_:)``."
        }
        return symbol
      })
    // The pages' cache key follows the interface and the doc comments, nothing else.
    #expect(broken.digest != APIReference(modules: reference.modules, symbols: reference.symbols).digest)
    #expect(
      APIReference(modules: reference.modules, symbols: reference.symbols).digest
        == APIReference(modules: reference.modules, symbols: reference.symbols).digest)
    let problems = ReferenceStage.docLinkProblems(broken)
    #expect(problems.map(\.location.file) == ["Sources/Geometry/Point+Norm.swift"])
    #expect(problems.map(\.location.line) == [4])
    #expect(problems.first?.message.contains("ambiguous") == true)
    // <doc:> links reach chapters by file name, with or without the number in front.
    #expect(ChapterLinks.page(for: "02-more", in: chapters) == "02-more.html")
    #expect(ChapterLinks.page(for: "points", in: chapters) == "01-points.html")
  }

  @Test("symbols survive their plain copy: every field, every fragment of every declaration")
  func plainCopy() throws {
    let reference = try Self.reference.get()
    let data = try JSONEncoder().encode(reference.symbols)
    let back = try JSONDecoder().decode([APISymbol].self, from: data)
    #expect(back == reference.symbols)
    #expect(back.map(\.declaration) == reference.symbols.map(\.declaration))
    #expect(back.contains { $0.declaration.contains { $0.target != nil } })
    #expect(back.contains { $0.docComment == nil } && back.contains { $0.parent != nil })
    #expect(back.map(\.location) == reference.symbols.map(\.location))
    // A damaged copy does not decode (the reference stage then reads the symbol graphs again).
    #expect(SymbolGraphLoader.decode(data.dropLast(10)) == nil)
    #expect(SymbolGraphLoader.decode(data)?.symbols == reference.symbols)
  }

  @Test("what builds need of every doc comment is kept in its facts file and read back from it")
  func docFacts() throws {
    let reference = try Self.reference.get()
    let file = RenderTestSupport.temporaryDirectory().appendingPathComponent("facts/doc-facts.json")
    let first = APIReference(modules: reference.modules, symbols: reference.symbols, factsFile: file)
    let facts = first.docFacts()
    // The same facts as parsing every comment: summaries, formulas in order, broken links.
    #expect(facts == reference.docFacts())
    #expect(first.summary(of: first.symbols.first { $0.path == ["Point"] }!.id).hasPrefix("A point"))
    #expect(!facts.math.isEmpty)
    #expect(FileManager.default.fileExists(atPath: file.path))
    // A later reference with the same file reads it rather than parsing the comments.
    var planted = facts
    let id = first.symbols.first { $0.path == ["Point"] }!.id
    planted.summaries[id] = "read from the facts file"
    try JSONEncoder().encode(planted).write(to: file)
    let second = APIReference(modules: reference.modules, symbols: reference.symbols, factsFile: file)
    #expect(second.summary(of: id) == "read from the facts file")
    // A file that does not decode is worked out again and replaced.
    try Data("not json".utf8).write(to: file)
    let third = APIReference(modules: reference.modules, symbols: reference.symbols, factsFile: file)
    #expect(third.docFacts() == facts)
    #expect(try JSONDecoder().decode(APIDocFacts.self, from: Data(contentsOf: file)) == facts)
  }

  @Test("a public declaration without a doc comment is reported at its line, as the book asks")
  func coverage() throws {
    let reference = try Self.reference.get()
    let warnings = ReferenceStage.undocumented(reference, severity: .warning)
    #expect(
      warnings.map(\.description) == [
        "Sources/Geometry/Point.swift:31:15: warning: public instance method `Geometry.Point.flipped()` has no doc comment (`///`); the API page has nothing to say about it"
      ])
    #expect(ReferenceStage.undocumented(reference, severity: .error).allSatisfy { $0.severity == .error })
  }

  @Test("a cell's calls link to the overload their labels name; the chapter's own names stay plain")
  func codeLinks() throws {
    let site = try Self.site()
    let first = RenderTestSupport.cellRegion(try RenderTestSupport.page(site, "01-points.html"), 1)
    #expect(first.contains("href=\"api/Geometry.html#distance(from:norm:)\""))
    #expect(first.contains("href=\"api/Geometry.html#distance(_:_:)\""))
    #expect(first.contains("href=\"api/Geometry.Point.html#init(x:y:)\""))
    #expect(first.contains("href=\"api/Geometry.Point.html#origin\""))
    #expect(first.contains("href=\"api/Geometry.html\""))  // import Geometry
    #expect(try RenderTestSupport.page(site, "01-points.html").contains("<a href=\"02-more.html\">More</a>"))
    // A member of a value whose type the chapter wrote out once (`let p = Point(…)`).
    #expect(first.contains("href=\"api/Geometry.Point.html#length\""))
    let second = RenderTestSupport.cellRegion(try RenderTestSupport.page(site, "02-more.html"), 1)
    #expect(!second.contains("#distance("))
    #expect(second.contains("href=\"api/Geometry.Point.html#init(radius:angle:)\""))
    // `q` is declared twice (a closure's parameter too): which one `q.length` means is not certain.
    #expect(!second.contains("#length\""))
  }

  @Test("a build of a book: API pages for the library, symbol links checked at their line, code linked")
  func endToEnd() throws {
    let book = try ScratchBook(
      texts: [
        "book.yml": "title: Links\nundocumented: error\nproducts: [MLMath, FolioPlot]\n",
        "chapters/01-a.md": """
        # A

        ``Vector/norm(_:)`` is fine; ``Vector/nrm(_:)`` is not, and ``softmax(_:)`` is ambiguous.

        ```swift
        import MLMath
        let v: Vector = [3, 4]
        print(v.norm())
        ```
        """,
      ], name: "api-links")
    defer { book.remove() }
    // The cells import this repository's package, built once for the test run.
    var options = book.options()
    options.package = FolioBinary.packageRoot
    options.packageBuildDirectory = FolioBinary.packageRoot.appendingPathComponent(
      ".build/folio-tests/package")
    let report = try Pipeline.run(options)
    let errors = report.diagnostics.filter { $0.severity == .error }.sorted { $0.location < $1.location }
    #expect(errors.map(\.location.line) == [3, 3], "\(errors)")
    #expect(errors.map(\.location.file) == ["chapters/01-a.md", "chapters/01-a.md"])
    #expect(errors.first?.message.contains("did you mean: MLMath/Vector/norm(_:)") == true)
    #expect(errors.last?.message.contains("``MLMath/softmax(_:)-(Vector)``") == true)
    // The book's products are documented, every public symbol of them on its page.
    let vector = try book.page("api/MLMath.Vector.html")
    #expect(vector.contains("id=\"norm(_:)\""))
    #expect(try book.page("api/FolioPlot.html").contains("<h1><code>FolioPlot</code></h1>"))
    let chapter = try book.page("01-a.html")
    #expect(chapter.contains("<a class=\"symbol-link\" href=\"api/MLMath.Vector.html#norm(_:)\""))
    #expect(chapter.contains("<a class=\"code-link\" href=\"api/MLMath.Vector.html\""))
    // The library documents every public declaration, so even as an error nothing is reported.
    #expect(!report.diagnostics.contains { $0.message.contains("has no doc comment") })
  }
}
