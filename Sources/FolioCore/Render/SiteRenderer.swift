// Turns parsed chapters and their results into the files of the site.
import Foundation

/// One file of the generated site.
public struct SiteFile: Sendable, Hashable {
  /// The path inside the site folder, with `/` separators, e.g. `01-norms.html` or `assets/folio.css`.
  public var path: String
  /// The bytes to write.
  public var contents: Data

  /// Creates a file.
  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }
}

/// Everything one build hands the renderer.
public struct RenderInput: Sendable {
  /// The book, with its configuration.
  public var book: Book
  /// The parsed chapters, in order.
  public var chapters: [Chapter]
  /// One result set per chapter, same order as `chapters`.
  public var results: [ChapterResults]

  /// Creates the renderer's input.
  public init(book: Book, chapters: [Chapter], results: [ChapterResults]) {
    self.book = book
    self.chapters = chapters
    self.results = results
  }
}

/// What the renderer produces: the site's files, and anything it found wrong on the way
/// (a formula KaTeX cannot parse, say), located in the Markdown.
public struct RenderedSite: Sendable {
  /// Every file of the site, in a deterministic order.
  public var files: [SiteFile]
  /// Problems found while rendering.
  public var diagnostics: [Diagnostic]

  /// Creates a rendered site.
  public init(files: [SiteFile], diagnostics: [Diagnostic] = []) {
    self.files = files
    self.diagnostics = diagnostics
  }
}

/// The Render stage: turns parsed chapters and their cell results into the site's files.
///
/// Pure with respect to its input: the same book and results give byte-identical files
/// (no timestamps, no absolute paths, no random ids). Maths is rendered with KaTeX at build
/// time, Swift highlighted with swift-syntax, and search documents prepared for lunr, so the
/// pages need no build step in the browser and work from `file://`.
public struct SiteRenderer: Sendable {
  /// Where rendered formulas and highlighted code are cached between builds (nil: no cache).
  public let cacheDirectory: URL?
  /// Where the Debian assets are; replaceable in tests.
  var assets = SiteAssets()
  /// Rendered formulas: filled by ``prepare(_:)``, read by ``render(_:)``, saved by the latter.
  let mathCache: EntryStore
  /// Highlighted snippets, the same way.
  let highlightCache: EntryStore

  /// Creates a renderer that caches rendered maths and highlighted code in `cacheDirectory`, if given.
  public init(cacheDirectory: URL?) {
    self.cacheDirectory = cacheDirectory
    mathCache = EntryStore(file: cacheDirectory?.appendingPathComponent("katex.entries"))
    highlightCache = EntryStore(file: cacheDirectory?.appendingPathComponent("highlight.entries"))
  }

  /// Renders the whole site: `index.html`, one page per chapter, and `assets/`.
  public func render(_ input: RenderInput) throws -> RenderedSite {
    let math = try renderMath(input.chapters)
    var diagnostics: [Diagnostic] = []
    let labels = input.chapters.map { HeadingLabel.labels(for: $0, math: math) }
    let links = zip(input.chapters, labels).map { chapter, labels in
      PageLink(
        page: chapter.file.pageName, title: labels.first ?? HeadingLabel(text: chapter.title),
        sections: zip(chapter.headings, labels).dropFirst().filter { $0.0.level == 2 }.map {
          PageLink.Section(anchor: $0.0.anchor, label: $0.1)
        })
    }
    let layout = PageLayout(config: input.book.config, chapters: links)
    let search = SearchIndexBuilder()
    var files: [SiteFile] = []
    var summaries: [String] = []
    var documents: [SearchDocument] = []

    for (index, chapter) in input.chapters.enumerated() {
      let results = index < input.results.count ? input.results[index] : nil
      let writer = ChapterHTMLWriter(
        chapter: chapter, results: results, math: math,
        highlighter: SwiftHighlighter(cache: highlightCache))
      writer.afterTitle =
        Self.chapterProblems(results?.diagnostics ?? [])
        + PageLayout.tableOfContents(chapter.headings, labels: labels[index])
      let article = writer.articleHTML()
      diagnostics += writer.diagnostics
      files.append(
        SiteFile(
          path: chapter.file.pageName, contents: Data(layout.chapterPage(index: index, article: article).utf8)
        ))
      summaries.append(ChapterHTMLWriter(chapter: chapter, results: nil, math: math).summaryHTML())
      documents += search.documents(for: chapter, labels: labels[index])
    }
    files.append(SiteFile(path: "index.html", contents: Data(layout.indexPage(summaries: summaries).utf8)))
    files.append(SiteFile(path: "assets/search-index.js", contents: try search.script(documents)))
    files += try assets.files()
    files.sort { $0.path < $1.path }
    mathCache.save()
    highlightCache.save()
    return RenderedSite(files: files, diagnostics: diagnostics.sorted { $0.location < $1.location })
  }

  /// Does the result-independent work ahead of time: renders every formula and highlights
  /// every cell into the cache, so the builder can run it while chapter programs compile and
  /// `render` then only reads the cache.
  public func prepare(_ chapters: [Chapter]) throws {
    _ = try renderMath(chapters)
    let highlighter = SwiftHighlighter(cache: highlightCache)
    for chapter in chapters {
      for cell in chapter.cells where cell.options.showsCode { _ = highlighter.lines(cell.code) }
    }
  }

  /// Renders every formula of the book in one batch.
  private func renderMath(_ chapters: [Chapter]) throws -> [MathKey: MathOutput] {
    var keys: Set<MathKey> = []
    func collect(_ node: MarkdownNode) {
      if case .math(let tex, let display) = node.kind { keys.insert(MathKey(tex: tex, display: display)) }
      node.children.forEach(collect)
    }
    chapters.forEach { collect($0.document) }
    guard !keys.isEmpty else { return [:] }
    let renderer = MathRenderer(
      katexScript: try assets.katexScript(), renderScript: try SiteAssets.bundled("katex-render.js"),
      cache: mathCache)
    return try renderer.render(keys)
  }

  /// The chapter-wide problems (a timeout, say), shown at the top of the page.
  private static func chapterProblems(_ diagnostics: [Diagnostic]) -> String {
    guard !diagnostics.isEmpty else { return "" }
    let text = diagnostics.map(\.description).joined(separator: "\n")
    return "<div class=\"chapter-diagnostics\"><p class=\"cell-label cell-label-failed\">"
      + "<span aria-hidden=\"true\">✗ </span>This chapter did not build cleanly</p><pre>\(HTML.escape(text))</pre></div>\n"
  }
}
