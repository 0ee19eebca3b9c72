// Markdown through ChapterParser and the renderer, compared with what cmark-gfm's own HTML
// renderer writes for the same input (`cmark-gfm -e table -e strikethrough -e autolink -e tagfilter
// -e tasklist`, raw HTML allowed, unsafe link schemes not).
import Foundation
import Testing

@testable import FolioCore

/// Renders Markdown as a one-chapter book and returns what the article holds after its `<h1>`.
enum GFMRender {
  /// The chapter page's article for `markdown`, from the line after the title on; `results` are
  /// the cells' results (all ok and silent when nil).
  static func article(_ markdown: String, results: ChapterResults? = nil) throws -> String {
    let page = try page(markdown, results: results)
    let article = try #require(RenderTestSupport.region(page, from: "<article>\n", to: "</article>"))
    let body = article.dropFirst("<article>\n".count).dropLast("</article>".count)
    guard let titleEnd = body.range(of: "</h1>\n") else { return String(body) }
    return String(body[titleEnd.upperBound...])
  }

  /// The whole chapter page for `markdown` (whose first line should be its `# Title`).
  static func page(_ markdown: String, results: ChapterResults? = nil) throws -> String {
    let chapter = ChapterParser().parse(ChapterFile(path: "chapters/01-a.md", slug: "01-a", text: markdown))
    let results = results ?? ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
    return try RenderTestSupport.page(RenderTestSupport.render([chapter], results: [results]), "01-a.html")
  }
}

@Suite("Markdown as cmark-gfm renders it")
struct GFMParityTests {
  typealias R = GFMRender

  @Test("a <details> block holds Markdown, as in GFM")
  func detailsBlock() throws {
    let html = try R.article(
      """
      # A

      <details><summary>Hint</summary>

      Body *em*

      </details>
      """)
    #expect(
      html == """
        <details><summary>Hint</summary>
        <p>Body <em>em</em></p>
        </details>

        """)
  }

  @Test("inline raw HTML passes through: <kbd>, <sup>, <img width>")
  func inlineHTML() throws {
    let html = try R.article(
      """
      # A

      Press <kbd>Ctrl</kbd> and x<sup>2</sup> <img src="a.png" width="30" alt="a">
      """)
    #expect(
      html == "<p>Press <kbd>Ctrl</kbd> and x<sup>2</sup> <img src=\"a.png\" width=\"30\" alt=\"a\"></p>\n")
  }

  @Test("an HTML block passes through")
  func htmlBlock() throws {
    let html = try R.article(
      """
      # A

      <div class="note">
      block *not emphasis*
      </div>
      """)
    #expect(
      html == """
        <div class="note">
        block *not emphasis*
        </div>

        """)
  }

  @Test("GFM's tag filter: <script>, <style>, <iframe> in an HTML block stay text")
  func tagFilterBlock() throws {
    let html = try R.article(
      """
      # A

      <script>alert(1)</script> and <style>p{}</style> <iframe src=x>
      """)
    #expect(html == "&lt;script>alert(1)&lt;/script> and &lt;style>p{}&lt;/style> &lt;iframe src=x>\n")
    #expect(!html.contains("<script"))
  }

  @Test("GFM's tag filter inline: the nine tags in any case, and only those tags")
  func tagFilterInline() throws {
    let html = try R.article(
      """
      # A

      Inline <textarea>t</textarea>, <title>, <xmp>, <noembed>, <noframes>, <plaintext>, <SCRIPT> and <scripts>.
      """)
    #expect(
      html
        == "<p>Inline &lt;textarea>t&lt;/textarea>, &lt;title>, &lt;xmp>, &lt;noembed>, &lt;noframes>, "
        + "&lt;plaintext>, &lt;SCRIPT> and <scripts>.</p>\n")
  }

  @Test("a destination in pointy brackets with a space is percent-encoded")
  func spaceInDestination() throws {
    #expect(try R.article("# A\n\n[a](</my uri>)\n") == "<p><a href=\"/my%20uri\">a</a></p>\n")
  }

  @Test("an entity in a destination becomes its UTF-8 bytes, percent-encoded")
  func entityInDestination() throws {
    #expect(try R.article("# A\n\n[b](/f&ouml;&ouml;)\n") == "<p><a href=\"/f%C3%B6%C3%B6\">b</a></p>\n")
  }

  @Test("an autolink keeps its backslash, encoded")
  func backslashInAutolink() throws {
    #expect(
      try R.article(#"# A\#n\#n<http://example.com?find=\*>\#n"#)
        == "<p><a href=\"http://example.com?find=%5C*\">http://example.com?find=\\*</a></p>\n")
  }

  @Test("every autolink cmark recognises is a link, whatever its scheme")
  func autolinkSchemes() throws {
    #expect(
      try R.article("# A\n\n<irc://foo.bar:2233/baz> <a+b+c:d>\n")
        == "<p><a href=\"irc://foo.bar:2233/baz\">irc://foo.bar:2233/baz</a> <a href=\"a+b+c:d\">a+b+c:d</a></p>\n"
    )
  }

  @Test("extended autolinks: www., bare URLs and e-mail addresses")
  func extendedAutolinks() throws {
    #expect(
      try R.article("# A\n\nwww.example.com and http://x.org/a?b=c and me@example.com\n")
        == "<p><a href=\"http://www.example.com\">www.example.com</a> and "
        + "<a href=\"http://x.org/a?b=c\">http://x.org/a?b=c</a> and "
        + "<a href=\"mailto:me@example.com\">me@example.com</a></p>\n")
  }

  @Test("houdini's href escaping: reserved characters kept, & and ' as references, the rest encoded")
  func hrefEscaping() throws {
    let html = try R.article(
      #"""
      # A

      [q](/a'b&c"d[e]{f}|g\\h^i`j~k$l@m;n=o?p#r)
      """#)
    #expect(
      html == "<p><a href=\"/a&#x27;b&amp;c%22d%5Be%5D%7Bf%7D%7Cg%5Ch%5Ei%60j~k$l@m;n=o?p#r\">q</a></p>\n")
  }

  @Test("unsafe schemes are neutralised as cmark does: an empty href; PNG data stays")
  func unsafeSchemes() throws {
    let html = try R.article(
      """
      # A

      [js](javascript:alert(1)) [v](VBSCRIPT:x) [f](file:///etc/passwd) [d](data:text/html,x) [i](data:image/png;base64,AA) <javascript:alert(1)>
      """)
    #expect(
      html
        == "<p><a href=\"\">js</a> <a href=\"\">v</a> <a href=\"\">f</a> <a href=\"\">d</a> "
        + "<a href=\"data:image/png;base64,AA\">i</a> <a href=\"\">javascript:alert(1)</a></p>\n")
    // An image's source goes through the same rule (cmark writes `<img src="" alt="x" />`).
    #expect(try R.article("# A\n\n![x](javascript:y)\n") == "<p><img src=\"\" alt=\"x\"></p>\n")
  }

  @Test("maths put back into raw HTML goes through the tag filter too")
  func mathsInRawHTML() throws {
    // The `$…$` pairs are found before cmark parses, so the formula's source is put back into the
    // HTML block after cmark filtered it; it must not bring a <textarea> with it.
    let html = try R.article("# A\n\n<div>$x <textarea> y$</div>\n")
    #expect(html == "<div>$x &lt;textarea> y$</div>\n")
  }

  @Test("<script> in prose stays text; markup in a cell's output stays text, whichever channel")
  func cellOutputStaysText() throws {
    let markdown = """
      # A

      Prose <kbd>K</kbd> and <script>evil()</script>.

      ```swift
      print("<kbd>x</kbd>")
      ```
      """
    let hostile = "<kbd>x</kbd> <details open><summary>s</summary></details> <img src=x onerror=alert(1)>"
    let value = RichValue(kind: .text, data: hostile, summary: hostile)
    let results = ChapterResults(cells: [
      CellResult(
        status: .ok, outputs: [.stdout(hostile + "\n"), .stderr(hostile), .value(value)],
        diagnostics: [Diagnostic(at: SourceLocation(file: "chapters/01-a.md", line: 6), hostile)])
    ])
    let html = try R.article(markdown, results: results)
    #expect(html.hasPrefix("<p>Prose <kbd>K</kbd> and &lt;script>evil()&lt;/script>.</p>\n"))
    let cell = RenderTestSupport.cellRegion(try R.page(markdown, results: results), 1)
    #expect(cell.contains("&lt;kbd&gt;x&lt;/kbd&gt; &lt;details open&gt;"))
    for markup in ["<kbd>x", "<details", "<img", "<summary"] {
      #expect(!cell.contains(markup), "\(markup) from the cell's output became markup")
    }
  }
}
