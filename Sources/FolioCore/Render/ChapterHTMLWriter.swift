// Walks one chapter's Markdown tree and writes the HTML of its article.
import Foundation

/// Converts a chapter's `MarkdownNode` tree into HTML, with cells, maths and footnotes.
///
/// One writer renders one chapter once; it keeps the running state a walk needs (which
/// heading comes next, which cell, the footnotes seen) and collects KaTeX errors as
/// diagnostics at the formula's line.
final class ChapterHTMLWriter {
  /// The chapter being written.
  let chapter: Chapter
  /// Its results, one per cell.
  let results: ChapterResults?
  /// Every formula of the build, rendered.
  let math: [MathKey: MathOutput]
  /// Inserted right after the page's `<h1>` (the table of contents).
  var afterTitle = ""
  /// Where symbol links and `<doc:>` links lead, and where the page sits in the site.
  var links = PageLinks()
  /// Where rendered cells are kept, with a digest of everything a cell's HTML is made of besides
  /// the cell itself (the renderer, the results entry, the code links); nil: every cell is
  /// rendered. A cell with its figures is most of a page's work, and a prose edit changes none.
  var cellCache: (store: EntryStore, context: String)?

  /// Problems found while writing (KaTeX errors).
  private(set) var diagnostics: [Diagnostic] = []
  private var headingCount = 0
  private var footnotes: [Int: String] = [:]
  private var footnoteRefCounts: [Int: Int] = [:]
  private var footnoteNumbers: [String: Int] = [:]
  private var footnoteDefinitionCount = 0
  private let cellRenderer: CellRenderer
  private var currentLine = 0
  private var currentColumn = 0

  /// Creates a writer for one chapter.
  init(
    chapter: Chapter, results: ChapterResults?, math: [MathKey: MathOutput],
    highlighter: SwiftHighlighter = SwiftHighlighter()
  ) {
    self.chapter = chapter
    self.cellRenderer = CellRenderer(highlighter: highlighter)
    self.results = results
    self.math = math
  }

  /// What links the chapter's code to the API pages, as its key (empty without a linker).
  var linkerKey: String { cellRenderer.highlighter.linker?.cacheKey ?? "" }

  /// One cell's HTML, from the cell cache when it has it.
  private func cellHTML(_ cell: Cell, result: CellResult?) -> String {
    guard let cellCache else { return cellRenderer.render(cell, result: result) }
    var hasher = FieldHasher()
    hasher.add("cell-html-v1")
    hasher.add(cellCache.context)
    hasher.add("\(cell.index) \(cell.codeLine) \(cell.options.mode.rawValue)")
    hasher.add("\(cell.options.lineValues) \(cell.options.live) \(cell.options.startsProgram)")
    hasher.add(cell.code)
    let key = hasher.hex()
    if let html = cellCache.store.value(for: key) { return html }
    let html = cellRenderer.render(cell, result: result)
    cellCache.store.store(html, for: key)
    return html
  }

  /// The article's HTML.
  func articleHTML() -> String {
    var out = ""
    if chapter.headings.isEmpty || !containsHeading(chapter.document) {
      out += "<h1>\(HTML.escape(chapter.title))</h1>\n" + afterTitle
    }
    for child in chapter.document.children { block(child, into: &out, tight: false) }
    if !footnotes.isEmpty {
      out += "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n"
      for index in footnotes.keys.sorted() {
        out += "<li id=\"fn-\(index)\" value=\"\(index)\">\(footnotes[index]!)</li>\n"
      }
      out += "</ol>\n</section>\n"
    }
    return out
  }

  /// The blocks' HTML alone, without a title (a doc comment's parts).
  func bodyHTML() -> String {
    var out = ""
    for child in chapter.document.children { block(child, into: &out, tight: false) }
    return out
  }

  /// The first sentence of the chapter's first paragraph, as inline HTML (the index's summary).
  func summaryHTML() -> String {
    guard let paragraph = Self.firstParagraph(chapter.document) else { return "" }
    var kept: [MarkdownNode] = []
    for node in paragraph.children {
      if case .footnoteReference = node.kind { continue }
      // Raw HTML stays out: a sentence cut could keep an element's start tag without its end.
      if case .htmlInline = node.kind { continue }
      if case .text(let text) = node.kind, let end = Self.sentenceEnd(text) {
        kept.append(MarkdownNode(.text(String(text[..<end])), line: node.line, column: node.column))
        break
      }
      if case .softBreak = node.kind, let last = kept.last, case .text(let t) = last.kind,
        t.hasSuffix(".") || t.hasSuffix("!") || t.hasSuffix("?")
      {
        break
      }
      kept.append(node)
    }
    var out = ""
    for node in kept { inline(node, into: &out) }
    return out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: - Blocks

  private func block(_ node: MarkdownNode, into out: inout String, tight: Bool) {
    if node.line > 0 {
      currentLine = node.line
      currentColumn = node.column
    }
    switch node.kind {
    case .document:
      for child in node.children { block(child, into: &out, tight: false) }
    case .paragraph:
      if tight {
        inlines(node.children, into: &out)
        out += "\n"
      } else {
        out += "<p>"
        inlines(node.children, into: &out)
        out += "</p>\n"
      }
    case .heading(let level, let index):
      heading(node, level: level, index: index, into: &out)
    case .blockQuote:
      out += "<blockquote>\n"
      for child in node.children { block(child, into: &out, tight: false) }
      out += "</blockquote>\n"
    case .list(let ordered, let start, let isTight):
      if ordered {
        out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
      } else {
        out += "<ul>\n"
      }
      for child in node.children { block(child, into: &out, tight: isTight) }
      out += ordered ? "</ol>\n" : "</ul>\n"
    case .item(let checked):
      if let checked {
        out +=
          "<li class=\"task-item\"><input type=\"checkbox\" disabled"
          + (checked ? " checked" : "") + " aria-label=\"\(checked ? "done" : "not done")\"> "
      } else {
        out += "<li>"
      }
      for child in node.children { block(child, into: &out, tight: tight) }
      if out.hasSuffix("\n") { out.removeLast() }
      out += "</li>\n"
    case .codeBlock(let info, let code):
      codeBlock(node, info: info, code: code, into: &out)
    case .cell(let index):
      if chapter.cells.indices.contains(index) {
        let result = results.flatMap { index < $0.cells.count ? $0.cells[index] : nil }
        out += cellHTML(chapter.cells[index], result: result)
      }
    case .cellOutput:
      break  // the page shows what the cell printed; the pinned text is for `folio check`
    case .htmlBlock(let raw):
      // The author's markup, as cmark-gfm passes it through (tag filter already applied).
      if !Self.isComment(raw) {
        let html = Self.closingComment(raw)
        out += html.hasSuffix("\n") ? html : html + "\n"
      }
    case .thematicBreak:
      out += "<hr>\n"
    case .table(let alignments):
      table(node, alignments: alignments, into: &out)
    case .footnoteDefinition:
      // cmark-gfm lists definitions at the end in the order they are first referenced, so
      // the n-th definition is footnote n.
      footnoteDefinitionCount += 1
      let index = footnoteDefinitionCount
      var body = ""
      for child in node.children { block(child, into: &body, tight: false) }
      let back =
        "<a href=\"#fnref-\(index)\" class=\"footnote-back\" aria-label=\"Back to reference \(index)\">↩</a>"
      if body.hasSuffix("</p>\n") {
        body = String(body.dropLast(5)) + " " + back + "</p>\n"
      } else {
        body += back
      }
      footnotes[index] = body.trimmingCharacters(in: .newlines)
    default:
      // Inline content where a block was expected: wrap it in a paragraph.
      out += "<p>"
      inline(node, into: &out)
      out += "</p>\n"
    }
  }

  private func heading(_ node: MarkdownNode, level: Int, index: Int, into out: inout String) {
    let isFirst = headingCount == 0
    headingCount += 1
    let anchor =
      chapter.headings.indices.contains(index) ? chapter.headings[index].anchor : "section-\(headingCount)"
    // The first heading is the page's only <h1>; a later level-1 heading becomes an <h2>.
    let shown = isFirst ? 1 : max(2, min(level, 6))
    let id = HTML.escape(anchor)
    out += "<h\(shown) id=\"\(id)\">"
    inlines(node.children, into: &out)
    out +=
      " <a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(shown)>\n"
    if isFirst { out += afterTitle }
  }

  private func codeBlock(_ node: MarkdownNode, info: String, code: String, into out: inout String) {
    let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    let lines = CellRenderer.displayCode(code)
    let body: String
    if language == "swift" {
      body = cellRenderer.highlighter.lines(lines.joined(separator: "\n")).joined(separator: "\n")
    } else {
      body = HTML.escape(lines.joined(separator: "\n"))
    }
    let cls = language.isEmpty ? "" : " class=\"language-\(HTML.escape(HTML.identifier(language)))\""
    out += "<pre class=\"code\"><code\(cls)>\(body)</code></pre>\n"
  }

  private func table(_ node: MarkdownNode, alignments: [MarkdownNode.TableAlignment], into out: inout String)
  {
    out += "<div class=\"table-wrap\"><table>\n"
    var inBody = false
    for row in node.children {
      let isHeader: Bool
      switch row.kind {
      case .tableRow(let header): isHeader = header
      default: continue
      }
      if isHeader {
        out += "<thead>\n"
      } else if !inBody {
        out += "<tbody>\n"
        inBody = true
      }
      out += "<tr>"
      for (column, cellNode) in row.children.enumerated() {
        let tag = isHeader ? "th" : "td"
        var style = ""
        switch column < alignments.count ? alignments[column] : .none {
        case .left: style = " style=\"text-align:left\""
        case .center: style = " style=\"text-align:center\""
        case .right: style = " style=\"text-align:right\""
        case .none: break
        }
        out += "<\(tag)\(style)>"
        inlines(cellNode.children, into: &out)
        out += "</\(tag)>"
      }
      out += "</tr>\n"
      if isHeader { out += "</thead>\n" }
    }
    if inBody { out += "</tbody>\n" }
    out += "</table></div>\n"
  }

  // MARK: - Inlines

  private func inlines(_ nodes: [MarkdownNode], into out: inout String) {
    for node in nodes { inline(node, into: &out) }
  }

  private func inline(_ node: MarkdownNode, into out: inout String) {
    switch node.kind {
    case .text(let text):
      out += HTML.escape(text)
    case .softBreak:
      out += "\n"
    case .lineBreak:
      out += "<br>\n"
    case .code(let code):
      out += "<code>\(HTML.escape(code))</code>"
    case .symbolLink(let path):
      out += links.symbolLinkHTML(path)
    case .htmlInline(let raw):
      if !Self.isComment(raw) { out += raw }
    case .emphasis:
      out += "<em>"
      inlines(node.children, into: &out)
      out += "</em>"
    case .strong:
      out += "<strong>"
      inlines(node.children, into: &out)
      out += "</strong>"
    case .strikethrough:
      out += "<del>"
      inlines(node.children, into: &out)
      out += "</del>"
    case .link(let destination, let title):
      // A `<doc:Chapter>` link goes to the chapter; any other is pointed at the site's page and
      // percent-encoded as cmark encodes it (empty for an unsafe scheme), from this page's folder.
      let encoded = HTML.href(destination)
      let href =
        links.docLink(destination).map(HTML.escape) ?? (encoded.isEmpty ? "" : links.fromRoot(encoded))
      out += "<a href=\"\(href)\""
      if !title.isEmpty { out += " title=\"\(HTML.escape(title))\"" }
      out += ">"
      // `<doc:01-norms>` shows the chapter's title, as DocC shows an article's.
      if node.plainText == destination, let name = links.docTitle(destination) {
        out += HTML.escape(name)
      } else {
        inlines(node.children, into: &out)
      }
      out += "</a>"
    case .image(let source, let title):
      out += "<img src=\"\(HTML.href(source))\" alt=\"\(HTML.escape(node.plainText))\""
      if !title.isEmpty { out += " title=\"\(HTML.escape(title))\"" }
      out += ">"
    case .footnoteReference(let label, _):
      let index = footnoteNumber(label)
      let count = footnoteRefCounts[index, default: 0] + 1
      footnoteRefCounts[index] = count
      let id = count == 1 ? "fnref-\(index)" : "fnref-\(index)-\(count)"
      out +=
        "<sup class=\"footnote-ref\"><a href=\"#fn-\(index)\" id=\"\(id)\" aria-label=\"Footnote \(index)\">\(index)</a></sup>"
    case .math(let tex, let display):
      mathHTML(node, tex: tex, display: display, into: &out)
    default:
      // A block inside inline content (not produced by cmark); render its text.
      out += HTML.escape(node.plainText)
    }
  }

  private func mathHTML(_ node: MarkdownNode, tex: String, display: Bool, into out: inout String) {
    switch math[MathKey(tex: tex, display: display)] {
    case .html(let html):
      // KaTeX's display output is already a block-level `span.katex-display`.
      out += html
    case .error(let message):
      let line = node.line > 0 ? node.line : currentLine
      let column = node.line > 0 ? node.column : currentColumn
      diagnostics.append(
        Diagnostic(
          .error, at: SourceLocation(file: chapter.file.path, line: line, column: column), "KaTeX: \(message)"
        ))
      let source = display ? "$$\(tex)$$" : "$\(tex)$"
      out += "<span class=\"math-error\" title=\"\(HTML.escape(message))\">\(HTML.escape(source))</span>"
    case nil:
      out += "<code class=\"math-error\">\(HTML.escape(tex))</code>"
    }
  }

  // MARK: - Helpers

  /// Footnotes are numbered in the order they are first referenced.
  private func footnoteNumber(_ label: String) -> Int {
    if let number = footnoteNumbers[label] { return number }
    let number = footnoteNumbers.count + 1
    footnoteNumbers[label] = number
    return number
  }

  private func containsHeading(_ node: MarkdownNode) -> Bool {
    if case .heading = node.kind { return true }
    return node.children.contains(where: containsHeading)
  }

  private static func firstParagraph(_ node: MarkdownNode) -> MarkdownNode? {
    for child in node.children {
      if case .paragraph = child.kind { return child }
      if case .codeBlock = child.kind { continue }
      if case .cell = child.kind { continue }
      if case .cellOutput = child.kind { continue }
      if case .footnoteDefinition = child.kind { continue }
      if case .blockQuote = child.kind, let p = firstParagraph(child) { return p }
    }
    return nil
  }

  /// The end of the first sentence in `text` (after `.`, `!` or `?` followed by a space).
  private static func sentenceEnd(_ text: String) -> String.Index? {
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(after: index)
      if ".!?".contains(text[index]), next < text.endIndex, text[next] == " " { return next }
      index = next
    }
    return nil
  }

  /// Whether a raw HTML node is one HTML comment: such a node is left out of the page.
  private static func isComment(_ raw: String) -> Bool {
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")
  }

  /// `raw` with ` -->` added when it leaves an HTML comment open. A raw HTML block that opens a
  /// comment runs to the end of its container in Markdown, but in the browser the comment would
  /// run on through the rest of the page (cells, footnotes, pager) and hide it.
  static func closingComment(_ raw: String) -> String {
    var rest = raw[...]
    while let open = rest.range(of: "<!--") {
      let body = rest[open.upperBound...]
      // `<!-->` and `<!--->` are complete (empty) comments to a browser.
      if body.hasPrefix(">") || body.hasPrefix("->") {
        rest = body.dropFirst(body.hasPrefix(">") ? 1 : 2)
        continue
      }
      guard let close = body.range(of: "-->") else {
        return (raw.hasSuffix("\n") ? String(raw.dropLast()) : raw) + " -->\n"
      }
      rest = body[close.upperBound...]
    }
    return raw
  }
}
