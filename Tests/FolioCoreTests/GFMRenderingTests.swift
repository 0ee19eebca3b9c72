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
