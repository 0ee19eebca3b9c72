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
  /// Rendered formulas, read and filled while pages are rendered, saved when the site is finished.
  let mathCache: EntryStore
  /// Highlighted snippets, the same way.
  let highlightCache: EntryStore
  /// Each chapter's summary on the index page and its search documents, by its text.
  let overviewCache: EntryStore
  /// Rendered cells of the chapter pages the last build rendered (see `ChapterHTMLWriter`).
  let cellCache: EntryStore
  /// Whole rendered pages, kept by everything they are made from (nil: every page is rendered).
  let pageCache: PageCache?
  /// The engine's digest, in every page's key: a change to how pages are rendered renders them again.
  let engine: String
  /// KaTeX's identity: the formula cache and the kept index pages both need it.
  private let katexIdentity = Once<String>()

  /// Creates a renderer that caches rendered maths and highlighted code in `cacheDirectory`, if
  /// given, and, given the engine's digest too, whole pages.
  public init(cacheDirectory: URL?, engine: String? = nil) {
    self.cacheDirectory = cacheDirectory
    mathCache = EntryStore(file: cacheDirectory?.appendingPathComponent("katex.entries"))
    highlightCache = EntryStore(file: cacheDirectory?.appendingPathComponent("highlight.entries"))
    overviewCache = EntryStore(file: cacheDirectory?.appendingPathComponent("overview.entries"))
    cellCache = EntryStore(file: cacheDirectory?.appendingPathComponent("cells.entries"))
    self.engine = engine ?? ""
    pageCache = engine.flatMap { _ in
      cacheDirectory.map { PageCache(directory: $0.appendingPathComponent("pages")) }
    }
  }

  /// KaTeX's identity for the formula cache (see `MathRenderer.version`; worked out once).
  func mathVersion() throws(FolioError) -> String {
    try katexIdentity.value { () throws(FolioError) in
      try MathRenderer.version(
        katexScript: assets.katexScript(), renderScript: SiteAssets.bundled("katex-render.js"))
    }
  }

  /// Renders the whole site: `index.html`, one page per chapter, and `assets/`.
  public func render(_ input: RenderInput) throws(FolioError) -> RenderedSite {
    let pages = try pages(book: input.book, chapters: input.chapters)
    for index in input.chapters.indices {
      pages.render(index, results: index < input.results.count ? input.results[index] : nil)
    }
    return try pages.finish()
  }

  /// Starts a site whose chapter pages are rendered one at a time, as their results become
  /// known; everything that does not depend on results (maths, the layout, the index page, the
  /// search index, the assets) is done here.
  public func pages(book: Book, chapters: [Chapter], reference: APIReference? = nil) throws(FolioError)
    -> SitePages
  {
    let math = try renderMath(chapters, alsoKeys: reference?.docFacts().math ?? [])
    return try SitePages(
      renderer: self, book: book, chapters: chapters, reference: reference, math: math)
  }

  /// Renders every formula of the book in one batch.
  func renderMath(_ chapters: [Chapter], alsoKeys: [MathKey] = []) throws(FolioError) -> [MathKey: MathOutput]
  {
    var keys = Set(alsoKeys)
    for chapter in chapters { keys.formUnion(Self.mathKeys(in: chapter.document)) }
    guard !keys.isEmpty else { return [:] }
    let renderer = MathRenderer(
      katexScript: try assets.katexScript(), renderScript: try SiteAssets.bundled("katex-render.js"),
      cache: mathCache, version: try mathVersion())
    return try renderer.render(keys)
  }

  /// Every formula in `node`, in document order (repeats included).
  static func mathKeys(in node: MarkdownNode) -> [MathKey] {
    var keys: [MathKey] = []
    func collect(_ node: MarkdownNode) {
      if case .math(let tex, let display) = node.kind { keys.append(MathKey(tex: tex, display: display)) }
      node.children.forEach(collect)
    }
    collect(node)
    return keys
  }

  /// The chapter-wide problems (a timeout, say), shown at the top of the page.
  static func chapterProblems(_ diagnostics: [Diagnostic]) -> String {
    guard !diagnostics.isEmpty else { return "" }
    let text = diagnostics.map(\.description).joined(separator: "\n")
    return "<div class=\"chapter-diagnostics\"><p class=\"cell-label cell-label-failed\">"
      + "<span aria-hidden=\"true\">✗ </span>This chapter did not build cleanly</p><pre>\(HTML.escape(text))</pre></div>\n"
  }
}

/// A value worked out once, by whichever thread asks first; a failure is remembered too.
private final class Once<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var made: Result<T, FolioError>?

  func value(_ make: () throws(FolioError) -> T) throws(FolioError) -> T {
    lock.lock()
    defer { lock.unlock() }
    if let made { return try made.get() }
    let result: Result<T, FolioError>
    do { result = .success(try make()) } catch { result = .failure(error) }
    made = result
    return try result.get()
  }
}
