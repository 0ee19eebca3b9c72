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
  private let reference: APIReference?
  private let apiDiagnostics: [Diagnostic]
  private var pages: [Int: SiteFile] = [:]
  private var liveScripts: [Int: SiteFile] = [:]
  private var pageDiagnostics: [Int: [Diagnostic]] = [:]
  /// Whether a page (or the API pages) was taken from the page cache.
  private var keptPages = false
  /// Whether a chapter page was rendered (its cells then went through the cell cache).
  private var renderedPages = false
  private let shared: [SiteFile]
  /// The index page and the search documents, being made.
  private let overview: Parallel.Spawned<[SiteFile]>
  /// What every page is made from besides its own chapter (nil: pages are not kept).
  private let siteKey: String?

  init(
    renderer: SiteRenderer, book: Book, chapters: [Chapter], reference: APIReference? = nil,
    math: [MathKey: MathOutput]
  )
    throws(FolioError)
  {
    self.renderer = renderer
    self.chapters = chapters
    self.reference = reference
    self.math = math
    labels = chapters.map { HeadingLabel.labels(for: $0, math: math) }
    let links = zip(chapters, labels).map { chapter, labels in
      PageLink(
        page: chapter.file.pageName, title: labels.first ?? HeadingLabel(text: chapter.title),
        sections: zip(chapter.headings, labels).dropFirst().filter { $0.0.level == 2 }.map {
          PageLink.Section(anchor: $0.0.anchor, label: $0.1)
        })
    }
    let api = (reference?.modules ?? []).compactMap { module -> PageLayout.APIModuleLink? in
      guard let pages = reference?.pages.filter({ $0.module == module }), let first = pages.first else {
        return nil
      }
      return PageLayout.APIModuleLink(
        page: first.path, module: module, types: pages.dropFirst().map { ($0.path, $0.title) })
    }
    let layout = PageLayout(config: book.config, chapters: links, api: api)
    self.layout = layout
    let siteKey = renderer.pageCache == nil ? nil : Self.siteKey(renderer, book, chapters, labels, reference)
    self.siteKey = siteKey
    var shared: [SiteFile] = []
    var apiDiagnostics: [Diagnostic] = []
    let apiKey = siteKey.map { siteKey in
      var hasher = FieldHasher()
      hasher.add(siteKey)
      hasher.add("api pages")
      Self.addMath(reference?.docFacts().math ?? [], math, to: &hasher)
      return hasher.hex()
    }
    if reference != nil, let apiKey, let kept = renderer.pageCache?.page(for: apiKey) {
      shared += kept.files
      apiDiagnostics = kept.diagnostics
      keptPages = true
    } else if let reference {
      var writer = APIPageWriter(
        reference: reference, math: math, highlighter: SwiftHighlighter(cache: renderer.highlightCache),
        chapters: chapters)
      let pages = reference.pages
      for (i, page) in pages.enumerated() {
        func link(_ j: Int) -> PageLink? {
          if j < 0 {
            return links.last
          }
          guard j < pages.count else { return nil }
          return PageLink(page: pages[j].path, title: HeadingLabel(text: pages[j].title), sections: [])
        }
        let html = layout.apiPage(
          path: page.path, title: page.title, previous: link(i - 1), next: link(i + 1),
          main: Self.article(page, writer: &writer, cache: renderer.highlightCache, chapters: chapters))
        shared.append(SiteFile(path: page.path, contents: Data(html.utf8)))
      }
      apiDiagnostics = writer.diagnostics
      if let apiKey {
        renderer.pageCache?.store(PageCache.Page(files: shared, diagnostics: apiDiagnostics), for: apiKey)
      }
    }
    self.apiDiagnostics = apiDiagnostics
    shared += [
      SiteFile(
        path: PageLayout.contentsPath,
        contents: try layout.contentsScript(filler: SiteAssets.text(SiteAssets.bundled("folio-contents.js"))))
    ]
    shared += try renderer.assets.files()
    self.shared = shared
    // The index page and the search documents need every chapter but no page: made on a
    // thread of their own while the pages render.
    let labels = labels
    let math = math
    let renderer = self.renderer
    overview = Parallel.spawn { () throws(FolioError) -> [SiteFile] in
      let search = SearchIndexBuilder()
      // A chapter's summary and search documents depend on its text and on how formulas
      // render, nothing else: kept by those, so an edit makes only its own chapter's again.
      let identity = renderer.engine + "\n" + ((try? renderer.mathVersion()) ?? "no maths")
      // (A chapter made without source text, as tests make them, is never kept.)
      func kept(_ fields: [String], _ make: () throws(FolioError) -> String) throws(FolioError) -> String {
        guard !fields.contains("") else { return try make() }
        var hasher = FieldHasher()
        hasher.add("overview-v1")
        hasher.add(identity)
        fields.forEach { hasher.add($0) }
        let key = hasher.hex()
        if let value = renderer.overviewCache.value(for: key) { return value }
        let value = try make()
        renderer.overviewCache.store(value, for: key)
        return value
      }
      var summaries: [String] = []
      var fragments: [String] = []
      for (index, chapter) in chapters.enumerated() {
        let both = try kept([chapter.file.path, chapter.file.text]) { () throws(FolioError) in
          ChapterHTMLWriter(chapter: chapter, results: nil, math: math).summaryHTML() + "\u{0}"
            + (try search.fragment(search.documents(for: chapter, labels: labels[index])))
        }
        let parts = both.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        summaries.append(String(parts[0]))
        fragments.append(parts.count > 1 ? String(parts[1]) : "")
      }
      if let reference {
        fragments.append(
          try kept(["API reference", reference.digest]) { () throws(FolioError) in
            try search.fragment(search.documents(for: reference))
          })
      }
      renderer.overviewCache.save()
      return [
        SiteFile(path: "index.html", contents: Data(layout.indexPage(summaries: summaries).utf8)),
        SiteFile(path: SearchIndexBuilder.path, contents: search.script(fragments: fragments)),
      ]
    }
  }

  // However the site ends, the overview's thread does not outlive it.
  deinit { _ = overview.wait() }

  /// What every page is made from besides its own chapter and results: the engine, the
  /// settings, every chapter's place, title and headings (the sidebar, the neighbours, links
  /// between chapters), and the API reference (its pages, symbol links, linked code).
  private static func siteKey(
    _ renderer: SiteRenderer, _ book: Book, _ chapters: [Chapter], _ labels: [[HeadingLabel]],
    _ reference: APIReference?
  ) -> String {
    var hasher = FieldHasher()
    hasher.add("folio-pages-v1")
    hasher.add(renderer.engine)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    hasher.add(bytes: (try? encoder.encode(book.config)) ?? Data())
    for (chapter, labels) in zip(chapters, labels) {
      hasher.add(chapter.file.path)
      hasher.add(chapter.title)
      for (heading, label) in zip(chapter.headings, labels) {
        hasher.add("\(heading.level) \(heading.anchor)")
        hasher.add(heading.text)
        hasher.add(label.html)
      }
    }
    hasher.add(reference?.digest ?? "no API reference")
    return hasher.hex()
  }

  /// Adds the rendering of every formula in `node` to `hasher`: a page shows KaTeX's output,
  /// which changes with KaTeX.
  private static func addMath(
    in node: MarkdownNode, _ math: [MathKey: MathOutput], to hasher: inout FieldHasher
  ) {
    addMath(SiteRenderer.mathKeys(in: node), math, to: &hasher)
  }

  /// Adds the rendering of each formula of `keys` to `hasher`, in order.
  private static func addMath(_ keys: [MathKey], _ math: [MathKey: MathOutput], to hasher: inout FieldHasher)
  {
    for key in keys {
      switch math[key] {
      case .html(let html): hasher.add(html)
      case .error(let message): hasher.add("error: " + message)
      case nil: hasher.add("not rendered")
      }
    }
  }

  /// The key of chapter `index`'s page, given the digest of its results' cache entry; nil when
  /// pages are not kept or the results are not a cache entry's (just run, or none).
  private func pageKey(_ index: Int, resultsDigest: String?) -> String? {
    guard let siteKey, let resultsDigest else { return nil }
    let chapter = chapters[index]
    var hasher = FieldHasher()
    hasher.add(siteKey)
    hasher.add("chapter \(index)")
    hasher.add(chapter.file.text)
    hasher.add(resultsDigest)
    Self.addMath(in: chapter.document, math, to: &hasher)
    return hasher.hex()
  }

  /// Renders chapter `index`'s page with its cells' `results` (nil: the cells are shown without
  /// output). Given `resultsDigest`, the digest of the cache entry the results were read from,
  /// a page kept from an earlier build with the same key is taken instead, and a rendered one
  /// is kept.
  public func render(_ index: Int, results: ChapterResults?, resultsDigest: String? = nil) {
    let chapter = chapters[index]
    let key = pageKey(index, resultsDigest: results == nil ? nil : resultsDigest)
    if let key, let kept = renderer.pageCache?.page(for: key),
      let page = kept.files.first(where: { $0.path == chapter.file.pageName })
    {
      pages[index] = page
      liveScripts[index] = kept.files.first { $0.path != page.path }
      pageDiagnostics[index] = kept.diagnostics
      keptPages = true
      return
    }
    let writer = ChapterHTMLWriter(
      chapter: chapter, results: results, math: math,
      highlighter: SwiftHighlighter(cache: renderer.highlightCache, linker: linker(for: chapter)))
    writer.links = PageLinks(reference: reference, chapters: chapters)
    if key != nil, let resultsDigest {
      writer.cellCache = (
        renderer.cellCache,
        [renderer.engine, resultsDigest, writer.linkerKey].joined(separator: "\n")
      )
    }
    renderedPages = true
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
    let page = SiteFile(
      path: chapter.file.pageName,
      contents: Data(layout.chapterPage(index: index, article: article, scripts: scripts).utf8))
    pages[index] = page
    if let key {
      renderer.pageCache?.store(
        PageCache.Page(
          files: [page] + (liveScripts[index].map { [$0] } ?? []), diagnostics: writer.diagnostics),
        for: key)
    }
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

  /// Bumped whenever the API pages' markup changes, so cached articles are not reused.
  private static let apiVersion = "api-article-2"

  /// An API page's article, from the cache when the reference and the chapters' names (which
  /// `<doc:>` links need) are what they were: a prose edit renders no API page again.
  private static func article(
    _ page: APIReference.Page, writer: inout APIPageWriter, cache: EntryStore, chapters: [Chapter]
  ) -> String {
    let key = FieldHasher.hex(
      SHA256.hash(
        data: Data(
          ([apiVersion, writer.reference.digest, page.path] + chapters.map(\.file.slug)).joined(
            separator: "\n"
          )
          .utf8)))
    if let html = cache.value(for: key) { return html }
    let before = writer.diagnostics.count
    let html = writer.article(page)
    // A page with a problem is rendered again next time, so the problem is reported again.
    if writer.diagnostics.count == before { cache.store(html, for: key) }
    return html
  }

  /// Links the chapter's code to the API pages: what the chapter declares and imports, from
  /// its code (kept in the highlight cache: parsing is the expensive part).
  private func linker(for chapter: Chapter) -> CodeLinker? {
    guard let reference else { return nil }
    let code = chapter.cells.map(\.code).joined(separator: "\n")
    let key = FieldHasher.hex(SHA256.hash(data: Data(("declarations-v2\n" + code).utf8)))
    var declared: Set<String>
    var imported: Set<String>
    var typed: [String: String] = [:]
    if let text = renderer.highlightCache.value(for: key) {
      let parts = text.rawLines.map {
        $0.split(separator: " ").map(String.init)
      }
      declared = Set(parts.first ?? [])
      imported = Set(parts.count > 1 ? parts[1] : [])
      for entry in parts.count > 2 ? parts[2] : [] {
        let pair = entry.split(separator: "=", maxSplits: 1).map(String.init)
        if pair.count == 2 { typed[pair[0]] = pair[1] }
      }
    } else {
      (declared, imported, typed) = CodeLinker.declarations(in: code)
      renderer.highlightCache.store(
        [
          declared.sorted().joined(separator: " "), imported.sorted().joined(separator: " "),
          typed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
        ].joined(separator: "\n"), for: key)
    }
    return CodeLinker(reference: reference, root: "", declared: declared, imported: imported, typed: typed)
  }

  /// Every file rendered so far, in path order, with the problems found; saves the caches.
  public func finish() throws(FolioError) -> RenderedSite {
    let overview = try self.overview.wait().get()
    let files = (shared + overview + pages.values + liveScripts.values).sorted { $0.path < $1.path }
    let diagnostics = (pageDiagnostics.keys.sorted().flatMap { pageDiagnostics[$0]! } + apiDiagnostics)
      .sorted { $0.location < $1.location }
    renderer.mathCache.save()
    // Kept pages were highlighted by an earlier build: their snippets stay for the build that
    // renders them again (a build that renders every page keeps exactly what it used).
    if keptPages { renderer.highlightCache.keepUnused() }
    renderer.highlightCache.save()
    // The cells of the pages this build rendered: a build that kept every page leaves them.
    if renderedPages { renderer.cellCache.save() }
    renderer.pageCache?.removeUnused()
    return RenderedSite(files: files, diagnostics: diagnostics)
  }
}
