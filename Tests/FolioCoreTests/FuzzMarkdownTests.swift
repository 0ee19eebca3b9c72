// Fuzz test of Markdown → HTML: random and mutated chapters from a seeded generator go through
// ChapterParser and SiteRenderer. The author's raw HTML reaches the page through GFM's tag filter;
// nothing a cell printed ever becomes markup; pages without raw HTML nest validly.
import Foundation
import Testing

@testable import FolioCore

/// Builds random chapters from fragments that stress the parser and the renderer.
struct ChapterFuzzer {
  var generator: SeededGenerator

  /// Fragments: fences, maths, tables, lists, emphasis, links, raw HTML (every tag GFM's filter
  /// escapes, comments left open), destinations to percent-encode, entities.
  static let fragments = [
    "# ", "## ", "### Heading <script>h()</script>\n", "\n", "\n\n", "\r\n", "    ", "\t", "> ", "- ", "* ",
    "1. ",
    "  - ", "- [ ] ", "- [x] ", "---\n", "***", "```swift\nprint(\"<b>\")\n```\n", "```swift\n", "```\n",
    "~~~\n", "```output\n<out>\n```\n", "```swift hide\nlet a = 1\n```\n", "```python\n<xq>\n```\n",
    "`code <xq>`",
    "$x$", "$$\\frac{a}{b}$$", "$", "\\$", "$a < b$", "$\\sqrt{2}$", "$\\bad{$", "$$",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "|", "*", "**", "_", "__", "~~", "[link](02-other.md#part)", "[js](javascript:alert(1))",
    "<https://e.com>",
    "![img](x.png \"t<xq>\")", "[^1]", "\n[^1]: note <xq>\n", "<script>alert(1)</script>", "<div>", "</div>",
    "<img src=x onerror=alert(1)>", "<!-- c -->", "<xq>", "</xq>", "<style>p{}</style>", "<iframe src=x>",
    "<a href=\"x\">",
    "&amp;", "&lt;", "&#x3C;script&#x3E;", "&nbsp;", "&bogus;", "&", "<", ">", "\"", "'", "\\", "[", "](",
    ")",
    "[ref]: http://x.y \"t\"\n", "[ref]", "word ", "text ", "é", "∑", "𝔼", "\u{202E}", "\u{FEFF}", "\u{301}",
    "😀",
    "<details><summary>S</summary>\n\n", "</details>\n", "<kbd>K</kbd>", "<sup>2</sup>",
    "<img src=\"a.png\" width=\"30\">", "<textarea>", "<title>", "<xmp>", "<plaintext>", "<noembed>",
    "<noframes>", "<SCRIPT>", "</style>", "<!-- open", "-->", "[s](</my uri>)", "<irc://x.y:1/z>",
    "[v](VBSCRIPT:x)", "[f](/f&ouml;)", "<http://e.com?q=\\*>",
  ]

  /// A random valid scalar that is not NUL, from the Basic Multilingual Plane. (Astral
  /// characters are in the fragments; random ones hit a known renderer bug, see
  /// `TrustFindingsTests.katexErrorCutInsideASurrogatePairBreaksTheBuild`, on most seeds.)
  mutating func scalar() -> Character {
    while true {
      let ranges: [ClosedRange<UInt32>] = [0x01...0x7F, 0x80...0x7FF, 0x800...0xFFFF]
      let range = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
      if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
        return Character(scalar)
      }
    }
  }

  /// A chapter of random fragments and random characters.
  mutating func chapter() -> String {
    var text = Bool.random(using: &generator) ? "# Title \(Int.random(in: 0..<9, using: &generator))\n\n" : ""
    for _ in 0..<Int.random(in: 1..<60, using: &generator) {
      if Int.random(in: 0..<5, using: &generator) == 0 {
        for _ in 0..<Int.random(in: 1..<8, using: &generator) { text.append(scalar()) }
      } else {
        text += Self.fragments.randomElement(using: &generator)!
      }
    }
    return text
  }

  /// `text` with a few random cuts, duplications and insertions (at character boundaries).
  mutating func mutate(_ text: String) -> String {
    var characters = Array(text)
    for _ in 0..<Int.random(in: 1..<6, using: &generator) {
      guard !characters.isEmpty else { break }
      let a = Int.random(in: 0..<characters.count, using: &generator)
      let b = min(characters.count, a + Int.random(in: 0..<40, using: &generator))
      switch Int.random(in: 0..<3, using: &generator) {
      case 0: characters.removeSubrange(a..<b)
      case 1:
        characters.insert(
          contentsOf: characters[a..<b], at: Int.random(in: 0...characters.count, using: &generator))
      default: characters.insert(contentsOf: Self.fragments.randomElement(using: &generator)!, at: a)
      }
    }
    return String(characters)
  }

  /// Results for a chapter's cells, made up: statuses, hostile text, trusted rich values.
  mutating func results(for chapter: Chapter) -> ChapterResults {
    // `<xo>` is in no chapter fragment: on a page, it can only have come from a cell's output.
    let hostile = [
      "<script>alert(1)</script>", "<b>b</b> & <xq>", "&amp;\n", "plain\n", "é 𝔼 😀\n", "",
      "<xo onclick=x>o</xo>", "<details open><summary>s", "<!-- c", "<xo>\n\n<div>",
    ]
    let cells = chapter.cells.map { cell -> CellResult in
      let statuses: [CellResult.Status] = [.ok, .failed, .notRun, .failedAsDeclared]
      var outputs: [OutputItem] = []
      for _ in 0..<Int.random(in: 0..<5, using: &generator) {
        let text = hostile.randomElement(using: &generator)!
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: outputs.append(.stdout(text))
        case 1: outputs.append(.stderr(text))
        case 2: outputs.append(.display(RichValue(kind: .text, data: text, summary: text)))
        case 3: outputs.append(.value(RichValue(kind: .text, data: text, summary: text)))
        case 4:
          outputs.append(
            .lineValue(
              line: cell.codeLine + Int.random(in: -1..<3, using: &generator),
              RichValue(kind: .text, data: text, summary: text)))
        case 5:
          outputs.append(
            .display(
              RichValue(
                kind: .svg, data: "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><path d=\"M0 0\"/></g></svg>",
                summary: text)))
        default:
          outputs.append(
            .display(
              RichValue(
                kind: .html, data: "<table><tr><td>1</td></tr></table>", summary: text)))
        }
      }
      let diagnostics =
        Bool.random(using: &generator)
        ? [
          Diagnostic(at: SourceLocation(file: chapter.file.path, line: cell.codeLine), "bad <xq> & <script>")
        ] : []
      return CellResult(
        status: statuses.randomElement(using: &generator)!, outputs: outputs, diagnostics: diagnostics,
        truncated: Bool.random(using: &generator))
    }
    return ChapterResults(cells: cells)
  }
}

/// Checks that a page's HTML carries no markup from cell output, lets through no element GFM's
/// tag filter stops, and (where the author wrote no raw HTML) nests.
enum PageInspector {
  /// Elements the renderer and the page layout write.
  static let known: Set<String> = [
    "a", "article", "blockquote", "br", "button", "code", "del", "div", "em", "figure", "h1", "h2", "h3",
    "h4",
    "h5", "h6", "header", "hr", "img", "input", "label", "li", "main", "nav", "ol", "p", "pre", "section",
    "span", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "aside", "footer", "details",
    "summary", "caption", "colgroup", "col", "dl", "dt", "dd", "figcaption", "small", "abbr", "kbd", "svg",
    "math",
  ]
  /// Elements without an end tag.
  static let void: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  ]
  /// What GFM's tag filter escapes: elements whose content a browser does not read as HTML.
  static let filtered: Set<String> = [
    "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "plaintext",
  ]
  /// The element that, in the fuzz test, only cell output contains.
  static let outputMarker = "xo"

  /// Problems in the `<main>` region of `html`. Everywhere: an element the tag filter stops, the
  /// cell-output marker as an element, a `javascript:` link, a comment left open. Where the author
  /// wrote no raw HTML (`authorHTML` false), also: misnested or unclosed elements, elements the
  /// renderer does not write, event-handler attributes, any comment. Each cell's region is held
  /// to the strict rules whatever the prose holds. KaTeX's output and SVG from the display
  /// channel are trusted and skipped.
  static func problems(_ html: String, authorHTML: Bool = false) -> [String] {
    guard let start = html.range(of: "<main"), let end = html.range(of: "</main>", options: .backwards) else {
      return ["no <main> element"]
    }
    let main = Array(html[start.lowerBound..<end.upperBound].utf8)
    var problems = scan(main, strict: !authorHTML)
    for cell in cellRegions(main) {
      problems += scan(cell, strict: true).map { "in a cell: \($0)" }
    }
    return problems
  }

  /// The HTML of every `<div class="cell …">`, from its start tag to the end tag matching it.
  static func cellRegions(_ main: [UInt8]) -> [[UInt8]] {
    let opening = Array("<div class=\"cell ".utf8)
    let divStart = Array("<div".utf8)
    let divEnd = Array("</div>".utf8)
    var regions: [[UInt8]] = []
    var i = 0
    while i < main.count {
      guard main[i...].starts(with: opening) else {
        i += 1
        continue
      }
      var depth = 0
      var j = i
      while j < main.count {
        if main[j...].starts(with: divStart) { depth += 1 }
        if main[j...].starts(with: divEnd) {
          depth -= 1
          if depth == 0 {
            j += divEnd.count
            break
          }
        }
        j += 1
      }
      regions.append(Array(main[i..<min(j, main.count)]))
      i = j
    }
    return regions
  }

  /// One pass over the tags of `html`; `strict` adds the rules only Folio's own markup can keep.
  static func scan(_ html: [UInt8], strict: Bool) -> [String] {
    var problems: [String] = []
    var stack: [String] = []
    var skipping: (name: String, depth: Int)? = nil
    var i = 0
    func isLetter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }
    while i < html.count {
      guard html[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if html[i...].starts(with: Array("<!--".utf8)) {
        if strict { problems.append("a comment reached the page") }
        // A browser ends a comment at the first `-->`, or at once for `<!-->` and `<!--->`.
        let body = i + 4
        if html[body...].starts(with: Array(">".utf8)) {
          i = body + 1
          continue
        }
        if html[body...].starts(with: Array("->".utf8)) {
          i = body + 2
          continue
        }
        var k = body
        while k < html.count, !html[k...].starts(with: Array("-->".utf8)) { k += 1 }
        if k >= html.count { problems.append("a comment left open hides the rest of the page") }
        i = k + 3
        continue
      }
      let closing = i + 1 < html.count && html[i + 1] == UInt8(ascii: "/")
      let nameStart = closing ? i + 2 : i + 1
      guard nameStart < html.count, isLetter(html[nameStart]) else {
        if strict { problems.append("a bare '<' in the HTML at \(i)") }
        i += 1
        continue
      }
      var j = nameStart
      while j < html.count,
        isLetter(html[j]) || (html[j] >= 48 && html[j] <= 57) || html[j] == UInt8(ascii: "-")
      {
        j += 1
      }
      let name = String(decoding: html[nameStart..<j], as: UTF8.self).lowercased()
      var k = j
      var quote: UInt8? = nil
      while k < html.count {
        if let q = quote {
          if html[k] == q { quote = nil }
        } else if html[k] == UInt8(ascii: "\"") || html[k] == UInt8(ascii: "'") {
          quote = html[k]
        } else if html[k] == UInt8(ascii: ">") {
          break
        }
        k += 1
      }
      let tag = String(decoding: html[i..<min(k + 1, html.count)], as: UTF8.self)
      i = k + 1
      let selfClosing = tag.hasSuffix("/>")
      if var skip = skipping {
        if name == skip.name && !selfClosing { skip.depth += closing ? -1 : 1 }
        skipping = skip.depth == 0 ? nil : skip
        continue
      }
      if !closing {
        let lowered = tag.lowercased()
        if filtered.contains(name) { problems.append("an element GFM's tag filter stops: \(tag)") }
        if name == outputMarker { problems.append("markup from a cell's output: \(tag)") }
        if lowered.contains("href=\"javascript:") || lowered.contains("src=\"javascript:") {
          problems.append("a javascript: link: \(tag)")
        }
        if strict {
          // Attribute values are text (`aria-label="&lt;b onclick=x&gt;"`): only names count.
          let names = lowered.replacingOccurrences(
            of: #""[^"]*"|'[^']*'"#, with: "", options: .regularExpression)
          if names.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil {
            problems.append("an event handler attribute: \(tag)")
          }
          if !known.contains(name) { problems.append("an element the renderer does not write: \(tag)") }
        }
        if name == "svg" || name == "math" || tag.contains("class=\"katex") {
          if !selfClosing { skipping = (name, 1) }
          continue
        }
        if void.contains(name) || selfClosing { continue }
        stack.append(name)
      } else if stack.last == name {
        stack.removeLast()
      } else {
        if strict { problems.append("</\(name)> closes <\(stack.last ?? "nothing")>") }
        if let index = stack.lastIndex(of: name) { stack.removeSubrange(index...) }
      }
    }
    if strict, let skipping { problems.append("unclosed \(skipping.name)") }
    if strict, !stack.isEmpty { problems.append("unclosed: \(stack)") }
    return problems
  }

  /// Problems outside `<main>`: a script that is not one of the site's own assets.
  static func headProblems(_ html: String) -> [String] {
    html.components(separatedBy: "<script").dropFirst().compactMap { rest in
      // `<scripts>` or `<script-x>` is another element (raw HTML the tag filter lets through).
      guard let next = rest.first, next == " " || next == ">" || next == "/" || next == "\t" || next == "\n"
      else { return nil }
      return rest.hasPrefix(" src=\"assets/")
        ? nil : "a script element outside the site's assets: <script\(rest.prefix(40))"
    }
  }

  /// Whether the author wrote raw HTML, other than whole comments, anywhere in `node`.
  static func hasRawHTML(_ node: MarkdownNode) -> Bool {
    switch node.kind {
    case .htmlBlock(let raw), .htmlInline(let raw):
      let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if !(trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")) { return true }
    default: break
    }
    return node.children.contains(where: hasRawHTML)
  }
}

@Suite struct FuzzMarkdownTests {
  /// Renders `texts` as one book of chapters with made-up cell results and inspects every page;
  /// returns how many pages it checked, and how many of them hold the author's raw HTML.
  func renderAndInspect(_ texts: [String], fuzzer: inout ChapterFuzzer, cache: URL) throws -> (
    checked: Int, withRawHTML: Int
  ) {
    let parser = ChapterParser()
    let chapters = texts.enumerated().map { index, text in
      let name = String(format: "%03d-case.md", index)
      return parser.parse(
        ChapterFile(path: "chapters/\(name)", slug: BookLoader.slug(forFileName: name), text: text))
    }
    let results = chapters.map { fuzzer.results(for: $0) }
    let site = try SiteRenderer(cacheDirectory: cache).render(
      RenderInput(book: RenderTestSupport.book(chapters), chapters: chapters, results: results))
    var checked = 0
    var withRawHTML = 0
    for (index, chapter) in chapters.enumerated() {
      let file = try #require(site.files.first { $0.path == chapter.file.pageName })
      let html = String(decoding: file.contents, as: UTF8.self)
      let authorHTML = PageInspector.hasRawHTML(chapter.document)
      withRawHTML += authorHTML ? 1 : 0
      let problems = PageInspector.problems(html, authorHTML: authorHTML) + PageInspector.headProblems(html)
      #expect(problems.isEmpty, "case \(index): \(problems.prefix(3))\n--- input ---\n\(texts[index])")
      checked += 1
    }
    return (checked, withRawHTML)
  }

  @Test func randomChaptersRenderToWellNestedEscapedHTML() throws {
    var fuzzer = ChapterFuzzer(generator: SeededGenerator(seed: 20_260_801))
    let cache = RenderTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: cache) }
    var checked = 0
    var withRawHTML = 0
    for _ in 0..<12 {
      let texts = (0..<100).map { _ in fuzzer.chapter() }
      let counts = try renderAndInspect(texts, fuzzer: &fuzzer, cache: cache)
      checked += counts.checked
      withRawHTML += counts.withRawHTML
    }
    #expect(checked == 1_200)
    // Raw HTML reaches the page in most chapters, so the cells beside it are what is tested.
    #expect(withRawHTML > 600, "only \(withRawHTML) chapters with raw HTML")
  }

  @Test func mutatedChaptersRenderToWellNestedEscapedHTML() throws {
    var fuzzer = ChapterFuzzer(generator: SeededGenerator(seed: 4_242))
    let cache = RenderTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: cache) }
    let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    let seeds = SiteWriter.listFiles(fixtures).filter { $0.key.hasSuffix(".md") }.sorted { $0.key < $1.key }
      .compactMap { try? String(contentsOf: $0.value, encoding: .utf8) }
    #expect(seeds.count >= 8)
    var checked = 0
    var withRawHTML = 0
    for _ in 0..<12 {
      let texts = (0..<100).map { _ in
        var text = seeds.randomElement(using: &fuzzer.generator)!
        for _ in 0..<Int.random(in: 1..<4, using: &fuzzer.generator) { text = fuzzer.mutate(text) }
        return text
      }
      let counts = try renderAndInspect(texts, fuzzer: &fuzzer, cache: cache)
      checked += counts.checked
      withRawHTML += counts.withRawHTML
    }
    #expect(checked == 1_200)
    #expect(withRawHTML > 100, "only \(withRawHTML) chapters with raw HTML")
  }
}

@Suite struct PageInspectorTests {
  @Test func inspectorCatchesWhatTheFuzzTestLooksFor() {
    func page(_ main: String) -> String { "<html><body><main id=\"m\">\(main)</main></body></html>" }
    #expect(
      PageInspector.problems(page("<p><em>ok</em><br></p><span class=\"katex\"><span><x>1</span></span>"))
        .isEmpty)
    #expect(!PageInspector.problems(page("<p><script>alert(1)</script></p>")).isEmpty)
    #expect(!PageInspector.problems(page("<p><em>bad</p></em>")).isEmpty)
    #expect(!PageInspector.problems(page("<div><p>unclosed</div>")).isEmpty)
    #expect(!PageInspector.problems(page("<p><xq>raw</xq></p>")).isEmpty)
    #expect(!PageInspector.problems(page("<img src=x onerror=alert(1)>")).isEmpty)
    #expect(!PageInspector.problems(page("<a href=\"javascript:alert(1)\">x</a>")).isEmpty)
    #expect(!PageInspector.problems(page("<p>a <!-- open</p>")).isEmpty)
    // Where the author wrote raw HTML, unknown elements, handlers and loose nesting are theirs…
    #expect(
      PageInspector.problems(page("<div><xq>raw<img src=x onerror=a()><!-- c -->"), authorHTML: true).isEmpty)
    // …but not what the tag filter stops, output markup, an open comment, or a loose cell.
    #expect(!PageInspector.problems(page("<p><textarea>t</p>"), authorHTML: true).isEmpty)
    #expect(!PageInspector.problems(page("<p><xo>from a cell</xo></p>"), authorHTML: true).isEmpty)
    #expect(!PageInspector.problems(page("<p>a <!-- open</p>"), authorHTML: true).isEmpty)
    let cell = "<div class=\"cell cell-ok\" id=\"cell-1\"><pre><b onclick=x>out</b></pre></div>"
    #expect(!PageInspector.problems(page("<xq>" + cell), authorHTML: true).isEmpty)
    #expect(PageInspector.cellRegions(Array(page("<p>x</p>" + cell + "<p>y</p>").utf8)).count == 1)
    #expect(!PageInspector.headProblems("<head><script>evil()</script></head>").isEmpty)
    #expect(PageInspector.headProblems("<script src=\"assets/folio.js\" defer></script>").isEmpty)
    #expect(PageInspector.headProblems("<p><scripts>not a script</scripts></p>").isEmpty)
    #expect(PageInspector.problems(page("<div aria-label=\"&lt;b onclick=x&gt;\">x</div>")).isEmpty)
  }
}
