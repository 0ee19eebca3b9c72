// End-to-end render tests: a fixture book parsed from Markdown, given results, compared with goldens.
import Foundation
import Testing

@testable import FolioCore

/// Renders `Fixtures/render-basic` and compares each page's `<main>` with the golden file beside
/// it. Re-record with `RECORD_SNAPSHOTS=1 swift test --filter RenderFixtureTests`. Set
/// `FOLIO_FIXTURE_SITE=DIR` to also write the whole site there (the browser suite can run on it).
@Suite("Render fixtures")
struct RenderFixtureTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/render-basic", isDirectory: true)

  /// The fixture book, parsed, with results as the executor would report them.
  static func input() throws -> RenderInput {
    let folder = fixture.appendingPathComponent("chapters")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".md")
    }.sorted()
    let files = try names.map { name in
      ChapterFile(
        path: "chapters/\(name)", slug: String(name.dropLast(3)),
        text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }
    let chapters = files.map { ChapterParser().parse($0) }
    let results = chapters.map { chapter -> ChapterResults in
      guard chapter.file.slug == "02-cells" else {
        return ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
      }
      let trap = Diagnostic(
        at: SourceLocation(file: "chapters/02-cells.md", line: 23, column: 1), "Fatal error: boom")
      return ChapterResults(cells: [
        CellResult(status: .ok, outputs: [.stdout("<script>alert(1)</script>\n")]),
        CellResult(
          status: .ok,
          outputs: [
            .lineValue(line: 17, RichValue(kind: .text, data: "5")),
            .value(RichValue(kind: .text, data: "10")),
          ]),
        CellResult(status: .failed, outputs: [.stderr("Fatal error: boom\n")], diagnostics: [trap]),
        CellResult(status: .notRun),
      ])
    }
    let book = Book(
      root: fixture, config: BookConfig(title: "Fixture book", author: "Folio tests"), chapters: files)
    return RenderInput(book: book, chapters: chapters, results: results)
  }

  @Test("pages match their golden <main> regions")
  func goldens() throws {
    let site = try SiteRenderer(cacheDirectory: RenderTestSupport.temporaryDirectory()).render(Self.input())
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    for page in ["index.html", "01-softmax.html", "02-cells.html"] {
      let actual = RenderTestSupport.main(try RenderTestSupport.page(site, page)) + "\n"
      let golden = Self.fixture.appendingPathComponent("expected/\(page.dropLast(5)).main.html")
      let expected = (try? String(contentsOf: golden, encoding: .utf8)) ?? ""
      if record {
        // Recording writes the new golden file, and fails if it changed: a recording run is
        // never mistaken for a passing one. Run again without RECORD_SNAPSHOTS to verify.
        try Data(actual.utf8).write(to: golden)
        #expect(actual == expected, "recorded a new \(golden.lastPathComponent); inspect it and run again")
        continue
      }
      #expect(
        actual == expected, "\(page) differs from \(golden.lastPathComponent); RECORD_SNAPSHOTS=1 re-records")
    }
    if let out = ProcessInfo.processInfo.environment["FOLIO_FIXTURE_SITE"] {
      let root = URL(fileURLWithPath: out, isDirectory: true)
      for file in site.files {
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url)
      }
    }
  }

  @Test("the fixture's one bad formula is reported at its Markdown line")
  func badFormula() throws {
    let site = try SiteRenderer(cacheDirectory: nil).render(Self.input())
    #expect(site.diagnostics.map(\.location.file) == ["chapters/01-softmax.md"])
    #expect(site.diagnostics.map(\.location.line) == [27])
    #expect(site.diagnostics.first?.message.hasPrefix("KaTeX: ") == true)
  }

  @Test("the expected-output block is not rendered; the actual output is")
  func expectedOutputReplaced() throws {
    let site = try SiteRenderer(cacheDirectory: nil).render(Self.input())
    let html = try RenderTestSupport.page(site, "02-cells.html")
    #expect(
      html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count == 3,
      "once in code, once in output")
    #expect(
      html.contains(
        "<pre class=\"code\"><code class=\"language-text\">plain &lt;b&gt;text&lt;/b&gt;</code></pre>"))
  }
}
