// A site rendered a page at a time: the builder renders each chapter's page as soon as its
// results are known, while other chapters still compile.
import Foundation

/// The files of one site, filled in page by page.
///
/// Made by ``SiteRenderer/pages(book:chapters:)``, which renders what does not depend on any
/// cell's results; ``render(_:results:)`` then adds one chapter page, and ``finish()`` returns
/// the whole site. Pages can be rendered in any order and the site is the same. One thread at a
/// time uses it.
public final class SitePages: @unchecked Sendable {
  private let renderer: SiteRenderer
  private let chapters: [Chapter]
  private let math: [MathKey: MathOutput]
  private let labels: [[HeadingLabel]]
  private let layout: PageLayout
  private var pages: [Int: SiteFile] = [:]
  private var liveScripts: [Int: SiteFile] = [:]
  private var pageDiagnostics: [Int: [Diagnostic]] = [:]
  private var shared: [SiteFile]

  init(renderer: SiteRenderer, book: Book, chapters: [Chapter], math: [MathKey: MathOutput])
    throws(FolioError)
  {
    self.renderer = renderer
    self.chapters = chapters
    self.math = math
    labels = chapters.map { HeadingLabel.labels(for: $0, math: math) }
    let links = zip(chapters, labels).map { chapter, labels in
      PageLink(
        page: chapter.file.pageName, title: labels.first ?? HeadingLabel(text: chapter.title),
        sections: zip(chapter.headings, labels).dropFirst().filter { $0.0.level == 2 }.map {
          PageLink.Section(anchor: $0.0.anchor, label: $0.1)
        })
    }
    layout = PageLayout(config: book.config, chapters: links)
    let search = SearchIndexBuilder()
    var summaries: [String] = []
    var documents: [SearchDocument] = []
    for (index, chapter) in chapters.enumerated() {
      summaries.append(ChapterHTMLWriter(chapter: chapter, results: nil, math: math).summaryHTML())
      documents += search.documents(for: chapter, labels: labels[index])
    }
    shared = [
      SiteFile(path: "index.html", contents: Data(layout.indexPage(summaries: summaries).utf8)),
      SiteFile(path: "assets/search-index.js", contents: try search.script(documents)),
    ]
    shared += try renderer.assets.files()
  }

  /// Renders chapter `index`'s page with its cells' `results` (nil: the cells are shown without output).
  public func render(_ index: Int, results: ChapterResults?) {
    let chapter = chapters[index]
    let writer = ChapterHTMLWriter(
      chapter: chapter, results: results, math: math,
      highlighter: SwiftHighlighter(cache: renderer.highlightCache))
    writer.afterTitle =
      SiteRenderer.chapterProblems(results?.diagnostics ?? [])
      + PageLayout.tableOfContents(chapter.headings, labels: labels[index])
    let article = writer.articleHTML()
    pageDiagnostics[index] = writer.diagnostics
    var scripts: [String] = []
    if let live = Self.liveScript(chapter, results: results) {
      liveScripts[index] = live
      scripts = ["assets/folio-live.js", live.path]
    } else {
      liveScripts[index] = nil
    }
    pages[index] = SiteFile(
      path: chapter.file.pageName,
      contents: Data(layout.chapterPage(index: index, article: article, scripts: scripts).utf8))
  }

  /// The script that ships a chapter's live modules, `live/<page>.js`: base64 in a script, as the
  /// search index is shipped, so the page needs no `fetch` and works from `file://`. Nil when no
  /// cell of the chapter has a module.
  static func liveScript(_ chapter: Chapter, results: ChapterResults?) -> SiteFile? {
    guard let results else { return nil }
    var entries: [String] = []
    for (cell, result) in zip(chapter.cells, results.cells) where cell.options.live && result.status == .ok {
      guard let module = result.live else { continue }
      entries.append("\"cell-\(cell.index + 1)\":\"\(module.bytes.base64EncodedString())\"")
    }
    guard !entries.isEmpty else { return nil }
    let name = (chapter.file.pageName as NSString).deletingPathExtension
    let script =
      "// The live cells of \(chapter.file.path), compiled to WebAssembly with Embedded Swift.\n"
      + "FolioLive.register({\n" + entries.joined(separator: ",\n") + "\n});\n"
    return SiteFile(path: "live/\(name).js", contents: Data(script.utf8))
  }

  /// Every file rendered so far, in path order, with the problems found; saves the caches.
  public func finish() -> RenderedSite {
    let files = (shared + pages.values + liveScripts.values).sorted { $0.path < $1.path }
    let diagnostics = pageDiagnostics.keys.sorted().flatMap { pageDiagnostics[$0]! }
      .sorted { $0.location < $1.location }
    renderer.mathCache.save()
    renderer.highlightCache.save()
    return RenderedSite(files: files, diagnostics: diagnostics)
  }
}
