// Markdown through ChapterParser and the renderer, compared with what cmark-gfm's own HTML
// renderer writes for the same input (`cmark-gfm -e table -e strikethrough -e autolink -e tagfilter
// -e tasklist`, raw HTML allowed, unsafe link schemes not), and the differences Folio makes on purpose.
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

@Suite("Where Folio's HTML differs from cmark-gfm's on purpose")
struct GFMDifferenceTests {
  typealias R = GFMRender

  @Test("one h1 per page: the first heading, whatever its level; a later # heading is an h2")
  func oneH1() throws {
    // cmark-gfm: <h2>First</h2> <h1>B</h1> <h3>C</h3>
    let html = try R.page("## First\n\n# B\n\n### C\n")
    #expect(html.components(separatedBy: "<h1").count == 2)
    #expect(html.contains("<h1 id=\"first\">First"))
    #expect(html.contains("<h2 id=\"b\">B"))
    #expect(html.contains("<h3 id=\"c\">C"))
  }

  @Test("a chapter without a heading gets an h1 of its title")
  func titleWithoutHeading() throws {
    // cmark-gfm: <p>Just prose.</p>
    let html = try R.page("Just prose.\n")
    #expect(html.contains("<article>\n<h1>01-a</h1>\n<p>Just prose.</p>"))
  }

  @Test("headings carry an id and a link to themselves")
  func headingAnchors() throws {
    // cmark-gfm: <h2>The L2 norm</h2>
    #expect(
      try R.article("# A\n\n## The L2 norm\n").hasSuffix(
        "</nav>\n<h2 id=\"the-l2-norm\">The L2 norm <a class=\"heading-anchor\" href=\"#the-l2-norm\" "
          + "aria-label=\"Link to this section\">#</a></h2>\n"))
  }

  @Test("a table of contents follows the h1")
  func tableOfContents() throws {
    let html = try R.article("# A\n\n## B\n\n### C\n")
    #expect(html.hasPrefix("<nav class=\"toc\" aria-label=\"On this page\">"))
    #expect(html.contains("<a href=\"#b\">B</a>") && html.contains("<a href=\"#c\">C</a>"))
  }

  @Test("front matter is settings, not content")
  func frontMatter() throws {
    // cmark-gfm: <hr /> <h2>tolerance: relative: 1e-6</h2> <h1>A</h1>
    let html = try R.page("---\ntolerance:\n  relative: 1e-6\n---\n\n# A\n\nText.\n")
    #expect(!html.contains("tolerance") && !html.contains("<hr"))
    #expect(try R.article("---\ntolerance:\n  relative: 1e-6\n---\n\n# A\n\nText.\n") == "<p>Text.</p>\n")
  }

  @Test("a table is wrapped to scroll on its own, and aligned with style, not align")
  func tableWrapper() throws {
    // cmark-gfm: <table> … <th align="left">a</th> … (no wrapper; `align` is obsolete in HTML)
    #expect(
      try R.article("# A\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        == """
        <div class="table-wrap"><table>
        <thead>
        <tr><th style="text-align:left">a</th><th style="text-align:right">b</th></tr>
        </thead>
        <tbody>
        <tr><td style="text-align:left">1</td><td style="text-align:right">2</td></tr>
        </tbody>
        </table></div>

        """)
  }

  @Test("a code block gets the class code on its pre, and loses its last line break")
  func codeBlockClasses() throws {
    // cmark-gfm: <pre><code class="language-python">x = 1\n</code></pre>
    #expect(
      try R.article("# A\n\n```python\nx = 1\n```\n")
        == "<pre class=\"code\"><code class=\"language-python\">x = 1</code></pre>\n")
  }

  @Test("a swift block is a cell: highlighted code and its output; its output block is not shown")
  func swiftCells() throws {
    // cmark-gfm: two <pre><code> blocks, language-swift and language-output.
    let markdown = "# A\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n"
    let results = ChapterResults(cells: [CellResult(status: .ok, outputs: [.stdout("1\n")])])
    let html = try R.article(markdown, results: results)
    #expect(html.hasPrefix("<div class=\"cell "))
    #expect(!html.contains("language-output"))
    #expect(html.components(separatedBy: "<div class=\"cell ").count == 2)
    #expect(html.contains("<pre class=\"output-stdout\">1\n</pre>"))
  }

  @Test("a task item's checkbox is labelled for screen readers")
  func taskListLabels() throws {
    // cmark-gfm: <li><input type="checkbox" checked="" disabled="" /> done</li>
    #expect(
      try R.article("# A\n\n- [x] done\n- [ ] todo\n")
        == """
        <ul>
        <li class="task-item"><input type="checkbox" disabled checked aria-label="done"> done</li>
        <li class="task-item"><input type="checkbox" disabled aria-label="not done"> todo</li>
        </ul>

        """)
  }

  @Test("maths between dollars is rendered by KaTeX")
  func maths() throws {
    // cmark-gfm: <p>Euler: $e^{i\pi} = -1$</p>
    let html = try R.article(#"# A\#n\#nEuler: $e^{i\pi} = -1$\#n"#)
    #expect(html.hasPrefix("<p>Euler: <span class=\"katex\">"))
    #expect(!html.contains("$"))
  }

  @Test("footnotes: labelled references, a labelled section, numbered items")
  func footnotes() throws {
    // cmark-gfm: <sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup>
    // and <section class="footnotes" data-footnotes> … class="footnote-backref" … "Back to content"
    #expect(
      try R.article("# A\n\na[^n]\n\n[^n]: note\n")
        == """
        <p>a<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" aria-label="Footnote 1">1</a></sup></p>
        <section class="footnotes" aria-label="Footnotes">
        <ol>
        <li id="fn-1" value="1"><p>note <a href="#fnref-1" class="footnote-back" aria-label="Back to reference 1">↩</a></p></li>
        </ol>
        </section>

        """)
  }

  @Test("HTML comments stay out of the page; one left open is closed at the end of its block")
  func comments() throws {
    // cmark-gfm: <p>x <!-- c --> y</p> <!-- block --> and, for the quote, <!-- open\nstill
    // inside the blockquote: a browser would then hide everything after it.
    #expect(try R.article("# A\n\nx <!-- c --> y\n\n<!-- block -->\n") == "<p>x  y</p>\n")
    #expect(
      try R.article("# A\n\n> <!-- open\n> still\n\nafter\n")
        == "<blockquote>\n<!-- open\nstill -->\n</blockquote>\n<p>after</p>\n")
  }

  @Test("a link to a chapter's Markdown file points at its page")
  func chapterLinks() throws {
    // cmark-gfm: <a href="02-b.md#part">
    #expect(
      try R.article("# A\n\nSee [b](02-b.md#part).\n") == "<p>See <a href=\"02-b.html#part\">b</a>.</p>\n")
  }

  @Test("HTML syntax, not XHTML: void elements without a slash; ' written as a reference")
  func serialisation() throws {
    // cmark-gfm: <p>line<br />\nit's <img src="a.png" alt="i" /></p>\n<hr />
    #expect(
      try R.article("# A\n\nline  \nit's ![i](a.png)\n\n***\n")
        == "<p>line<br>\nit&#39;s <img src=\"a.png\" alt=\"i\"></p>\n<hr>\n")
  }
}
