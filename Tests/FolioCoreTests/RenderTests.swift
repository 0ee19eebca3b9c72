// Unit tests for the Render stage on small hand-built chapters.
import Foundation
import Testing

@testable import FolioCore

private typealias S = RenderTestSupport

@Suite("Render stage")
struct RenderTests {
  @Test("stdout is escaped: a printed <script> stays text")
  func stdoutEscaped() throws {
    let (cell, node) = S.cell(0, "print(\"<script>alert(1)</script>\")\n", line: 3)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), node], cells: [cell])
    let results = [
      ChapterResults(cells: [CellResult(status: .ok, outputs: [.stdout("<script>alert(1)</script>\n")])])
    ]
    let html = try S.page(S.render([chapter], results: results), "01-a.html")
    let region = S.cellRegion(html, 1)
    #expect(region.contains("<pre class=\"output-stdout\">&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>"))
    #expect(!S.main(html).contains("<script>"))
  }

  @Test("SVG is inlined from the display channel only, never from stdout")
  func svgFromDisplayOnly() throws {
    let (cell, node) = S.cell(0, "plot()\n", line: 3)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), node], cells: [cell])
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"1\"/></svg>"
    let results = [
      ChapterResults(cells: [
        CellResult(
          status: .ok,
          outputs: [.stdout(svg), .display(RichValue(kind: .svg, data: svg, summary: "A circle"))])
      ])
    ]
    let region = S.cellRegion(try S.page(S.render([chapter], results: results), "01-a.html"), 1)
    #expect(region.components(separatedBy: svg).count == 2, "exactly one raw SVG: the displayed one")
    #expect(region.contains("&lt;svg xmlns="))
    #expect(
      region.contains(
        "<div class=\"output-display rich-svg\" role=\"img\" aria-label=\"A circle\">\(svg)</div>"))
  }

  @Test("headings get their anchors, a self-link, and the first is the only h1")
  func headings() throws {
    let chapter = S.chapter(
      "01-a",
      [
        S.heading(1, "Norms and more"), S.paragraph("Hello."), S.heading(2, "The L2 norm", line: 5),
        S.heading(3, "Details", line: 7), S.heading(1, "Second top", line: 9),
      ])
    let html = try S.page(S.render([chapter]), "01-a.html")
    #expect(
      html.contains(
        "<h1 id=\"norms-and-more\">Norms and more <a class=\"heading-anchor\" href=\"#norms-and-more\""))
    #expect(html.contains("<h2 id=\"the-l2-norm\">The L2 norm"))
    #expect(html.contains("<h3 id=\"details\">Details"))
    #expect(html.contains("<h2 id=\"second-top\">Second top"))
    #expect(html.components(separatedBy: "<h1").count == 2)
    // The table of contents lists levels 2 and 3 and comes right after the h1.
    let toc = try #require(S.region(html, from: "<nav class=\"toc\"", to: "</nav>"))
    #expect(toc.contains("href=\"#the-l2-norm\"") && toc.contains("href=\"#details\""))
    #expect(!toc.contains("#norms-and-more"))
    #expect(html.range(of: "</h1>")!.lowerBound < html.range(of: "<nav class=\"toc\"")!.lowerBound)
    #expect(html.contains("<html lang=\"en-GB\">"))
  }

  @Test("links to other chapters point at their pages; an unsafe scheme gets an empty href")
  func links() throws {
    let link = { (destination: String) in
      MarkdownNode(.link(destination: destination, title: ""), children: [MarkdownNode(.text("go"))])
    }
    let chapter = S.chapter(
      "01-a",
      [
        S.heading(1, "A"),
        S.paragraph([
          link("02-b.md"), link("./02-b.md#the-part"), link("https://example.org/x.md"),
          link("javascript:alert(1)"),
        ]),
      ])
    let html = S.main(try S.page(S.render([chapter]), "01-a.html"))
    #expect(html.contains("<a href=\"02-b.html\">go</a>"))
    #expect(html.contains("<a href=\"02-b.html#the-part\">go</a>"))
    #expect(html.contains("<a href=\"https://example.org/x.md\">go</a>"))
    #expect(html.contains("<a href=\"\">go</a>"))
    #expect(!html.contains("javascript:"))
  }

  @Test("maths is rendered by KaTeX with MathML; a bad formula is a located diagnostic")
  func maths() throws {
    let chapter = S.chapter(
      "01-a",
      [
        S.heading(1, "A"),
        S.paragraph(
          [
            MarkdownNode(.text("Let "), line: 4, column: 1),
            MarkdownNode(.math(tex: "\\frac{a}{b}", display: false), line: 4, column: 5),
            MarkdownNode(.math(tex: "\\frac{1", display: false), line: 4, column: 20),
          ], line: 4),
        S.paragraph([MarkdownNode(.math(tex: "\\sum_i x_i", display: true), line: 6, column: 1)], line: 6),
      ])
    let site = try S.render([chapter])
    let html = S.main(try S.page(site, "01-a.html"))
    #expect(html.contains("<span class=\"katex\"><span class=\"katex-mathml\"><math"))
    #expect(html.contains("<span class=\"katex-display\">"))
    #expect(html.contains("<span class=\"math-error\""))
    let diagnostic = try #require(site.diagnostics.first)
    #expect(site.diagnostics.count == 1)
    #expect(diagnostic.description.hasPrefix("chapters/01-a.md:4:20: error: KaTeX: "))
  }

  @Test("the maths cache is used: a rebuild with known formulas starts no process")
  func mathsCache() throws {
    let cache = S.temporaryDirectory()
    let assets = SiteAssets()
    let script = try SiteAssets.bundled("katex-render.js")
    let keys: Set<MathKey> = [MathKey(tex: "x^2", display: false), MathKey(tex: "\\frac{1", display: true)]
    let file = cache.appendingPathComponent("katex.entries")
    let store = EntryStore(file: file)
    let first = try MathRenderer(katexScript: assets.katexScript(), renderScript: script, cache: store)
      .render(keys)
    store.save()
    // A node that cannot start: any attempt to spawn would throw.
    let offline = MathRenderer(
      katexScript: try assets.katexScript(), renderScript: script, cache: EntryStore(file: file),
      node: URL(fileURLWithPath: "/nonexistent/node"))
    let second = try offline.render(keys)
    #expect(first == second)
    guard case .error = second[MathKey(tex: "\\frac{1", display: true)] else {
      Issue.record("the bad formula should be cached as an error")
      return
    }
    #expect(throws: FolioError.self) { try offline.render([MathKey(tex: "y^3", display: false)]) }
  }

  @Test("highlighted code is cached: a rebuild reads the snippet instead of parsing it again")
  func highlightCache() throws {
    let cache = S.temporaryDirectory()
    let (c0, n0) = S.cell(0, "let cached = 1\n", line: 3)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0], cells: [c0])
    _ = try S.render([chapter], cache: cache)
    let file = cache.appendingPathComponent("highlight.entries")
    let entries = try #require(EntryStore.parse(Data(contentsOf: file)))
    #expect(entries.count == 1)
    // Mark the cache entry; the next render must show the mark, proving it did not re-parse.
    let store = EntryStore(file: file)
    store.store("<span class=\"hl-k\">marked</span>", for: try #require(entries.keys.first))
    store.save()
    let html = try S.page(S.render([chapter], cache: cache), "01-a.html")
    #expect(
      S.cellRegion(html, 1).contains(
        "<code class=\"language-swift\"><span class=\"hl-k\">marked</span></code>"))
  }

  @Test("a failed cell is marked with its diagnostics; later cells are marked not run")
  func failedAndNotRun() throws {
    let (c0, n0) = S.cell(0, "fatalError(\"boom\")\n", line: 3)
    let (c1, n1) = S.cell(1, "print(1)\n", line: 7)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0, n1], cells: [c0, c1])
    let trap = Diagnostic(
      at: SourceLocation(file: "chapters/01-a.md", line: 4, column: 1), "Fatal error: boom")
    let results = [
      ChapterResults(cells: [
        CellResult(status: .failed, outputs: [.stderr("Fatal error: boom\n")], diagnostics: [trap]),
        CellResult(status: .notRun),
      ])
    ]
    let html = try S.page(S.render([chapter], results: results), "01-a.html")
    let failed = S.cellRegion(html, 1)
    #expect(failed.contains("class=\"cell cell-normal cell-status-failed\""))
    #expect(failed.contains("This cell failed"))
    #expect(failed.contains("chapters/01-a.md:4:1: error: Fatal error: boom"))
    #expect(failed.contains("<div class=\"output-stderr\"><span class=\"output-label\">stderr</span>"))
    let notRun = S.cellRegion(html, 2)
    #expect(notRun.contains("cell-status-not-run"))
    #expect(notRun.contains("Not run: an earlier cell failed."))
    #expect(!notRun.contains("cell-output"))
  }

  @Test("truncated output carries a visible note; a value is shown without a notebook prompt")
  func truncatedAndValues() throws {
    let (c0, n0) = S.cell(0, "for i in 0..<9999 { print(i) }\n42\n", line: 3)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0], cells: [c0])
    let results = [
      ChapterResults(cells: [
        CellResult(
          status: .ok, outputs: [.stdout("0\n1\n"), .value(RichValue(kind: .text, data: "42"))],
          truncated: true)
      ])
    ]
    let region = S.cellRegion(try S.page(S.render([chapter], results: results), "01-a.html"), 1)
    #expect(region.contains("cell-truncated"))
    #expect(region.contains("<p class=\"output-truncated\">Output truncated"))
    #expect(
      region.contains(
        "<div class=\"output-value\"><span class=\"visually-hidden\">Value of the last expression: </span>"
          + "<pre class=\"output-value-body rich-text\">42</pre></div>"))
    #expect(!region.contains("Out["))
  }

  @Test("a value the cell already printed at the end of a line is not shown again")
  func valueRepeatingPrintedText() throws {
    let (c0, n0) = S.cell(0, "print(\"p =\", p)\np\n", line: 3)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0], cells: [c0])
    let vector = RichValue(kind: .html, data: "<table>t</table>", summary: "[0.5, 0.25]")
    let results = [
      ChapterResults(cells: [
        CellResult(status: .ok, outputs: [.stdout("p = [0.5, 0.25]\nsum: 0.75\n"), .value(vector)])
      ])
    ]
    let region = S.cellRegion(try S.page(S.render([chapter], results: results), "01-a.html"), 1)
    #expect(region.contains("p = [0.5, 0.25]"))
    #expect(!region.contains("output-value"))
    #expect(!region.contains("<table>t</table>"))
  }

  @Test("a value is still shown when its text is only part of a printed word or line")
  func valueNotRepeatingPrintedText() {
    let value = RichValue(kind: .text, data: "1")
    #expect(!CellRenderer.repeatsPrintedText(value, printed: "x = 21\n"))
    #expect(!CellRenderer.repeatsPrintedText(value, printed: "1 is the answer\n"))
    #expect(!CellRenderer.repeatsPrintedText(value, printed: ""))
    #expect(CellRenderer.repeatsPrintedText(value, printed: "1\n"))
    #expect(CellRenderer.repeatsPrintedText(value, printed: "count: 1  \nmore\n"))
    let multiline = RichValue(kind: .text, data: "a\nb")
    #expect(!CellRenderer.repeatsPrintedText(multiline, printed: "a\nb\n"))
    let plot = RichValue(kind: .svg, data: "<svg/>", summary: "")
    #expect(!CellRenderer.repeatsPrintedText(plot, printed: "\n"))
  }

  @Test("per-line values sit beside their code line")
  func lineValues() throws {
    let (c0, n0) = S.cell(0, "let y = 2 + 3\ny * 2\n", lineValues: true, line: 10)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0], cells: [c0])
    let results = [
      ChapterResults(cells: [
        CellResult(status: .ok, outputs: [.lineValue(line: 12, RichValue(kind: .text, data: "10"))])
      ])
    ]
    let region = S.cellRegion(try S.page(S.render([chapter], results: results), "01-a.html"), 1)
    let lines = try #require(S.region(region, from: "<code", to: "</code>")).components(separatedBy: "\n")
    #expect(lines.count == 2)
    #expect(!lines[0].contains("line-value"))
    #expect(
      lines[1].hasSuffix(
        "<span class=\"line-value\"><span class=\"visually-hidden\">value: </span>10</span></code>"))
  }

  @Test("should-fail and compile-fail cells show their message as expected; hide and setup hide code")
  func modes() throws {
    let (c0, n0) = S.cell(0, "fatalError(\"x\")\n", mode: .shouldFail, line: 3)
    let (c1, n1) = S.cell(1, "let x: Int = \"s\"\n", mode: .compileFail, line: 7)
    let (c2, n2) = S.cell(2, "secret()\n", mode: .hide, line: 11)
    let (c3, n3) = S.cell(3, "setupOnly()\n", mode: .setup, line: 15)
    let chapter = S.chapter("01-a", [S.heading(1, "A"), n0, n1, n2, n3], cells: [c0, c1, c2, c3])
    let compileError = Diagnostic(
      at: SourceLocation(file: "chapters/01-a.md", line: 8, column: 14),
      "cannot convert value of type 'String'")
    let results = [
      ChapterResults(cells: [
        CellResult(status: .failedAsDeclared, outputs: [.stderr("Fatal error: x\n")]),
        CellResult(status: .failedAsDeclared, diagnostics: [compileError]),
        CellResult(status: .ok, outputs: [.stdout("shown\n")]),
        CellResult(status: .ok, outputs: [.stdout("not shown\n")]),
      ])
    ]
    let html = try S.page(S.render([chapter], results: results), "01-a.html")
    #expect(S.cellRegion(html, 1).contains("Fails, as expected"))
    #expect(S.cellRegion(html, 1).contains("Fatal error: x"))
    #expect(S.cellRegion(html, 2).contains("Does not compile, as expected"))
    #expect(
      S.cellRegion(html, 2).contains(
        "chapters/01-a.md:8:14: error: cannot convert value of type &#39;String&#39;"))
    let hidden = S.cellRegion(html, 3)
    #expect(!hidden.contains("secret") && hidden.contains("shown"))
    #expect(!html.contains("setupOnly") && !html.contains("not shown") && !html.contains("id=\"cell-4\""))
  }

  @Test("Swift is highlighted at build time")
  func highlighting() throws {
    let lines = SwiftHighlighter().lines("let x = 1 // one\nprint(\"a<b\")")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("<span class=\"hl-k\">let</span> x = <span class=\"hl-n\">1</span>"))
    #expect(lines[0].contains("<span class=\"hl-c\">// one</span>"))
    #expect(lines[1].contains("<span class=\"hl-s\">&quot;a&lt;b&quot;</span>"))
  }

  @Test("two renders of the same input are byte-identical")
  func deterministic() throws {
    let (c0, n0) = S.cell(0, "print(1)\n", line: 5)
    let chapter = S.chapter(
      "01-a",
      [
        S.heading(1, "A"), S.paragraph([MarkdownNode(.math(tex: "e^x", display: false), line: 3, column: 1)]),
        n0,
      ], cells: [c0])
    let one = try S.render([chapter], cache: S.temporaryDirectory())
    let two = try S.render([chapter], cache: S.temporaryDirectory())
    #expect(one.files.map(\.path) == two.files.map(\.path))
    #expect(one.files == two.files)
    for file in one.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".js") {
      let text = String(decoding: file.contents, as: UTF8.self)
      #expect(!text.contains(FileManager.default.temporaryDirectory.path), "\(file.path) names a local path")
    }
  }

  @Test("the index lists every chapter with the first sentence of its first paragraph")
  func index() throws {
    let a = S.chapter(
      "01-a", [S.heading(1, "Norms"), S.paragraph("Norms measure size. They come in kinds.")])
    let b = S.chapter("02-b", [S.heading(1, "Softmax"), S.paragraph("Scores become probabilities! Next.")])
    let html = try S.page(S.render([a, b]), "index.html")
    #expect(html.contains("<h1>Test book</h1>"))
    #expect(html.contains("<p class=\"author\">Ada</p>"))
    #expect(html.contains("<li><a href=\"01-a.html\">Norms</a><p>Norms measure size.</p></li>"))
    #expect(html.contains("<li><a href=\"02-b.html\">Softmax</a><p>Scores become probabilities!</p></li>"))
  }

  @Test("a figure's SVG is kept in results as its bytes: no escapes to decode, the same text back")
  func richValueCoding() throws {
    let svg = #"<svg viewBox="0 0 10 10"><text x="1">a \ "quoted" é ∑</text></svg>"#
    let value = RichValue(kind: .svg, data: svg, summary: "a \"plot\"")
    let json = try JSONEncoder().encode(value)
    #expect(!String(decoding: json, as: UTF8.self).contains("viewBox"))
    #expect(try JSONDecoder().decode(RichValue.self, from: json) == value)
  }

  @Test("summaries, search documents and cells kept between builds give the same site, and follow an edit")
  func keptOverviewAndCells() throws {
    func chapters(_ prose: String) -> [Chapter] {
      [
        ChapterParser().parse(
          ChapterFile(
            path: "chapters/01-a.md", slug: "01-a",
            text: "# Alpha\n\n\(prose) With $x^2$.\n\n```swift\nlet total = 40 + 2\nprint(total)\n```\n")),
        ChapterParser().parse(
          ChapterFile(
            path: "chapters/02-b.md", slug: "02-b", text: "# Beta\n\nSecond chapter.\n\n## More\n\nText.\n")),
      ]
    }
    let results = [
      ChapterResults(cells: [CellResult(status: .ok, outputs: [.stdout("42\n")])]),
      ChapterResults(cells: []),
    ]
    func site(_ chapters: [Chapter], cache: URL?) throws -> RenderedSite {
      let renderer = SiteRenderer(cacheDirectory: cache, engine: "test engine")
      let pages = try renderer.pages(book: RenderTestSupport.book(chapters), chapters: chapters)
      for index in chapters.indices {
        pages.render(index, results: results[index], resultsDigest: "digest \(index)")
      }
      return try pages.finish()
    }
    let cache = RenderTestSupport.temporaryDirectory()
    let plain = try site(chapters("First words."), cache: nil)
    let first = try site(chapters("First words."), cache: cache)
    for name in ["overview.entries", "cells.entries"] {
      #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(name).path), "\(name)")
    }
    // A second build takes them from the caches: the site is byte for byte the one made without.
    let second = try site(chapters("First words."), cache: cache)
    #expect(first.files == plain.files)
    #expect(second.files == plain.files)
    // An edit shows in the index and the search documents at once.
    let edited = try site(chapters("Changed words."), cache: cache)
    #expect(try RenderTestSupport.page(edited, "index.html").contains("Changed words."))
    #expect(try RenderTestSupport.page(edited, SearchIndexBuilder.path).contains("Changed words."))
    #expect(!(try RenderTestSupport.page(edited, SearchIndexBuilder.path)).contains("First words."))
    #expect(try RenderTestSupport.page(edited, "01-a.html").contains("42"))
  }

  @Test("search text collapses every run of Unicode white space to one space, by bytes as by scalars")
  func searchWhiteSpace() {
    func byScalars(_ text: String) -> String {
      var out = String.UnicodeScalarView()
      var pending = false
      for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
          pending = !out.isEmpty
        } else {
          if pending { out.append(" ") }
          pending = false
          out.append(scalar)
        }
      }
      return String(out)
    }
    let samples = [
      "", " ", "a", "  two  words  ", "tab\tand\nlines\r\n", "no\u{A0}break and\u{2003}em\u{3000}ideographic",
      "θ = 0.5 × x — ok\u{85}next", "emoji 🧮\u{2028}line\u{2029}para", "\u{1C}\u{1F} are not white space",
      "ξ\u{200B}zero width", "\u{FEFF}bom \u{180E}mongolian", "日本語 テキスト",
    ]
    for sample in samples {
      #expect(
        SearchIndexBuilder.collapsingWhiteSpace(sample) == byScalars(sample), "\(sample.debugDescription)")
    }
  }

  @Test("the search index has one document per section with prose and code identifiers")
  func searchIndex() throws {
    let (c0, n0) = S.cell(0, "let probabilities = softmax(scores)\n", line: 7)
    let chapter = S.chapter(
      "01-a", [S.heading(1, "Softmax"), S.paragraph("Intro words."), S.heading(2, "In code", line: 5), n0],
      cells: [c0])
    let script = try S.page(S.render([chapter]), "assets/search-index.js")
    #expect(script.hasPrefix("window.folioSearchDocuments = [{"))
    #expect(
      script.contains(
        "\"a\":\"softmax\",\"c\":\"Softmax\",\"h\":\"Softmax\",\"k\":\"\",\"p\":\"01-a.html\",\"t\":\"Intro words.\""
      ))
    #expect(
      script.contains(
        "\"a\":\"in-code\",\"c\":\"Softmax\",\"h\":\"In code\",\"k\":\"probabilities softmax scores\""))
  }

  @Test("every stylesheet url in the shipped KaTeX CSS names a shipped font")
  func katexAssets() throws {
    let site = try S.render([S.chapter("01-a", [S.heading(1, "A")])])
    let css = try S.page(site, "assets/katex/katex.min.css")
    let paths = Set(site.files.map(\.path))
    let urls = css.components(separatedBy: "url(").dropFirst().map { String($0.prefix { $0 != ")" }) }
    #expect(!urls.isEmpty)
    for url in urls { #expect(paths.contains("assets/katex/" + url), "missing \(url)") }
    for needed in ["assets/folio.css", "assets/folio.js", "assets/lunr.min.js", "index.html", "01-a.html"] {
      #expect(paths.contains(needed))
    }
  }

  @Test("a missing Debian asset names the package to install")
  func missingPackage() throws {
    var renderer = SiteRenderer(cacheDirectory: nil)
    renderer.assets.lunrDirectory = URL(fileURLWithPath: "/nonexistent/lunr")
    let chapter = S.chapter("01-a", [S.heading(1, "A")])
    let input = RenderInput(
      book: S.book([chapter]), chapters: [chapter], results: [ChapterResults(cells: [])])
    let error = try #require(throws: FolioError.self) { try renderer.render(input) }
    #expect(error.message.contains("install the Debian package libjs-lunr"))
  }

  @Test("raw HTML nodes go to the page as the parser gave them; a comment does not")
  func rawHTML() throws {
    let chapter = S.chapter(
      "01-a",
      [
        S.heading(1, "A"), MarkdownNode(.htmlBlock("<div class=\"x\">\n</div>\n")),
        MarkdownNode(.htmlBlock("<!-- note -->\n")),
        S.paragraph([
          MarkdownNode(.htmlInline("<kbd>")), MarkdownNode(.text("K")), MarkdownNode(.htmlInline("</kbd>")),
        ]),
      ])
    let html = S.main(try S.page(S.render([chapter]), "01-a.html"))
    #expect(html.contains("<div class=\"x\">\n</div>\n<p><kbd>K</kbd></p>"))
    #expect(!html.contains("note"))
  }
}

@Suite("headings with maths in navigation")
struct HeadingMathsTests {
  typealias S = RenderTestSupport

  @Test("a heading's maths is rendered in the sidebar and contents, and read as text in titles and search")
  func headingsWithMaths() throws {
    let markdown = """
      # The $L_2$ norm

      Some prose.

      ## Why $\\|w\\|_1$ and `code`

      More prose.

      """
    let chapter = ChapterParser().parse(
      ChapterFile(path: "chapters/01-norm.md", slug: "01-norm", text: markdown))
    let site = try S.render([chapter])
    let page = try S.page(site, "01-norm.html")

    #expect(page.contains("<title>The L2 norm · Test book</title>"))
    let toc = try #require(S.region(page, from: "<nav class=\"toc\"", to: "</nav>"))
    #expect(toc.contains("class=\"katex\""))
    #expect(toc.contains("Why "))
    #expect(toc.contains(" and code</a>"))
    #expect(!toc.contains("$"))
    let sidebar = try #require(S.region(page, from: "<nav id=\"sidebar\"", to: "</nav>"))
    #expect(sidebar.contains("<span class=\"chapter-number\">1.</span> The <span class=\"katex\">"))
    #expect(!sidebar.contains("The $L_2$") && !sidebar.contains("The L_2 norm"))
    let index = try S.page(site, "index.html")
    #expect(index.contains("<a href=\"01-norm.html\">The <span class=\"katex\">"))

    let search = try S.page(site, "assets/search-index.js")
    #expect(search.contains("\"h\":\"Why ∥w∥1 and code\""))
    #expect(search.contains("\"c\":\"The L2 norm\""))
  }

  @Test("the text of KaTeX's MathML reads like the formula")
  func mathText() {
    let katex =
      "<span class=\"katex\"><span class=\"katex-mathml\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
      + "<semantics><mrow><mi>a</mi><mo>&lt;</mo><msub><mi>x</mi><mn>1</mn></msub><mo>&amp;</mo><mi>&#x3B1;</mi></mrow>"
      + "<annotation encoding=\"application/x-tex\">a &lt; x_1 \\&amp; \\alpha</annotation></semantics></math></span></span>"
    #expect(HeadingLabel.mathText(katex) == "a<x1&α")
    #expect(HeadingLabel.mathText("<span>no maths</span>") == nil)
    #expect(HTML.unescape("&lt;&gt;&quot;&#39;&#x2225;&amp;amp; & ;&bogus;") == "<>\"'∥&amp; & ;&bogus;")
  }
}
