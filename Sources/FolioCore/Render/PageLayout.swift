// The frame around every page: head, top bar with search, chapter sidebar, pager.
import Foundation

/// One entry of the sidebar and the pager: a chapter's page and title.
struct PageLink: Sendable, Hashable {
  /// `02-softmax.html`.
  var page: String
  /// The chapter title.
  var title: HeadingLabel
  /// The chapter's sections shown under it when it is the current page (level-2 headings).
  var sections: [Section]

  /// A section of a chapter: where it starts and what it is called.
  struct Section: Sendable, Hashable {
    /// The heading's `id`.
    var anchor: String
    /// The heading.
    var label: HeadingLabel
  }
}

/// Writes complete HTML documents around an article.
///
/// Everything here is relative (`assets/…`, `02-x.html`), so the folder works from `file://`
/// and from any static host, and nothing depends on the time or the machine.
struct PageLayout: Sendable {
  /// The book's settings (title, author, language).
  var config: BookConfig
  /// Every chapter, in order.
  var chapters: [PageLink]
  /// The API reference's pages, listed in the sidebar after the chapters: each module's page
  /// and its types' pages.
  var api: [APIModuleLink] = []

  /// A module's page and its types' pages, for the sidebar.
  struct APIModuleLink: Sendable, Hashable {
    /// `api/MLMath.html`.
    var page: String
    /// `MLMath`.
    var module: String
    /// The module's type pages: path and name.
    var types: [(page: String, name: String)]

    static func == (a: Self, b: Self) -> Bool {
      a.page == b.page && a.types.map(\.page) == b.types.map(\.page)
    }
    func hash(into hasher: inout Hasher) { hasher.combine(page) }
  }

  /// The shared table of contents that fills every page's sidebar.
  static let contentsPath = "assets/contents.js"
  /// The scripts search needs, loaded by `folio.js` when the reader first turns to the search box
  /// (not with every page: at 500 chapters the index alone is most of a megabyte).
  static let searchScripts = ["assets/lunr.min.js", SearchIndexBuilder.path]

  /// A chapter page. `index` is the chapter's position in `chapters`.
  func chapterPage(index: Int, article: String, scripts: [String] = []) -> String {
    let current = chapters[index]
    let previous =
      index == 0
      ? PageLink(page: "index.html", title: HeadingLabel(text: "Contents"), sections: [])
      : chapters[index - 1]
    // After the last chapter comes the API reference.
    let next =
      index + 1 < chapters.count
      ? chapters[index + 1]
      : api.first.map { PageLink(page: $0.page, title: HeadingLabel(text: "\($0.module) API"), sections: []) }
    return document(
      title: "\(current.title.text) · \(config.title)", currentPage: current.page, previous: previous,
      next: next,
      main: "<article>\n\(article)</article>\n", scripts: scripts)
  }

  /// The book's front page: title, author, and the chapters with a one-line summary each.
  func indexPage(summaries: [String]) -> String {
    var main = "<article class=\"front\">\n<h1>\(HTML.escape(config.title))</h1>\n"
    if let author = config.author, !author.isEmpty {
      main += "<p class=\"author\">\(HTML.escape(author))</p>\n"
    }
    if let description = config.description, !description.isEmpty {
      main += "<p class=\"description\">\(HTML.escape(description))</p>\n"
    }
    main += "<h2 id=\"chapters\">Chapters</h2>\n<ol class=\"chapter-summaries\">\n"
    for (chapter, summary) in zip(chapters, summaries) {
      main += "<li><a href=\"\(HTML.escape(chapter.page))\">\(chapter.title.html)</a>"
      if !summary.isEmpty { main += "<p>\(summary)</p>" }
      main += "</li>\n"
    }
    main += "</ol>\n"
    if !api.isEmpty {
      main += "<h2 id=\"api-reference\">API reference</h2>\n<ul class=\"api-modules\">\n"
      for module in api {
        main +=
          "<li><a href=\"\(HTML.escape(module.page))\"><code>\(HTML.escape(module.module))</code></a></li>\n"
      }
      main += "</ul>\n"
    }
    main += "</article>\n"
    return document(
      title: config.title, currentPage: "index.html", previous: nil, next: chapters.first, main: main)
  }

  /// The per-page table of contents (levels 2 and 3), or nothing for a page without sections;
  /// `labels` are the headings' labels, same order.
  static func tableOfContents(_ headings: [Heading], labels: [HeadingLabel]) -> String {
    let entries = zip(headings, labels).dropFirst().filter { $0.0.level == 2 || $0.0.level == 3 }
    guard !entries.isEmpty else { return "" }
    var html =
      "<nav class=\"toc\" aria-label=\"On this page\">\n<p class=\"toc-title\">On this page</p>\n<ul>\n"
    for (heading, label) in entries {
      html +=
        "<li class=\"toc-level-\(heading.level)\"><a href=\"#\(HTML.escape(heading.anchor))\">"
        + "\(label.html)</a></li>\n"
    }
    return html + "</ul>\n</nav>\n"
  }

  /// An API reference page (`api/…`): its links reach the rest of the site through `../`.
  func apiPage(path: String, title: String, previous: PageLink?, next: PageLink?, main: String) -> String {
    document(
      title: "\(title) · \(config.title)", currentPage: path, previous: previous, next: next,
      main: "<article class=\"api-page\">\n\(main)</article>\n", root: "../")
  }

  private func document(
    title: String, currentPage: String, previous: PageLink?, next: PageLink?, main: String, root: String = "",
    scripts: [String] = []
  )
    -> String
  {
    // From an API page, the site's root is one folder up; links between API pages stay in it.
    func link(_ page: String) -> String {
      guard !root.isEmpty else { return page }
      return page.hasPrefix("api/") ? String(page.dropFirst(4)) : root + page
    }
    var html = """
      <!DOCTYPE html>
      <html lang="\(HTML.escape(config.language))"\(root.isEmpty ? "" : " data-root=\"\(root)\"")>
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(HTML.escape(title))</title>
      <link rel="stylesheet" href="\(root)assets/katex/katex.min.css">
      <link rel="stylesheet" href="\(root)assets/folio.css">

      """
    if let previous { html += "<link rel=\"prev\" href=\"\(HTML.escape(link(previous.page)))\">\n" }
    if let next { html += "<link rel=\"next\" href=\"\(HTML.escape(link(next.page)))\">\n" }
    html += """
      <script src="\(root)assets/folio.js" defer></script>
      \(scripts.map { "<script src=\"\(root)\(HTML.escape($0))\" defer></script>\n" }.joined())</head>
      <body>
      <a class="skip-link" href="#content">Skip to content</a>
      <header class="topbar">
      <button type="button" class="sidebar-toggle" aria-controls="sidebar" aria-expanded="false"><span aria-hidden="true">☰</span><span class="visually-hidden">Chapters</span></button>
      <a class="book-title" href="\(root)index.html">\(HTML.escape(config.title))</a>
      <div class="search" role="search" data-scripts="\(root)\(Self.searchScripts.joined(separator: " \(root)"))">
      <label class="search-label" for="search-input"><svg class="search-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><circle cx="6.5" cy="6.5" r="4.75" fill="none" stroke="currentColor" stroke-width="1.75"/><path d="M10 10l4.5 4.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round"/></svg><span class="visually-hidden">Search the book</span></label>
      <input id="search-input" class="search-input" type="search" placeholder="Search" aria-keyshortcuts="/" title="Search the book (press /)" spellcheck="false" aria-controls="search-results">
      <div id="search-results" class="search-results" hidden></div>
      </div>
      </header>
      <div class="layout">
      \(sidebar(currentPage: currentPage, link: link))<script src="\(root)\(Self.contentsPath)"></script>
      <main id="content" tabindex="-1">

      """
    // The article (half a megabyte for a chapter with figures) is copied once, into room made
    // for it, not through an interpolation and then again.
    html.reserveCapacity(html.utf8.count + main.utf8.count + 4096)
    html += main
    html += """
      \(pager(previous: previous, next: next, link: link))</main>
      </div>
      </body>
      </html>

      """
    return html
  }

  /// The sidebar as the page ships it: the "Contents" link, then, on a chapter page, the chapter
  /// with its sections between its neighbours, and on an API page, its module with its types.
  /// The book's whole table of contents is not repeated on every page (it would make each page
  /// grow with the book, and the site with its square): `assets/contents.js`, loaded right after
  /// the sidebar, fills in the rest before the page is painted. Without JavaScript, a reader
  /// still has the neighbours here and in the pager, and the full list on the Contents page.
  private func sidebar(currentPage: String, link: (String) -> String) -> String {
    var html = "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Chapters\">\n<ol class=\"chapter-list\">\n"
    let contentsCurrent = currentPage == "index.html"
    html +=
      "<li class=\"contents\(contentsCurrent ? " current" : "")\"><a href=\"\(link("index.html"))\""
      + (contentsCurrent ? " aria-current=\"page\"" : "") + ">Contents</a></li>\n"
    // The Contents page's neighbour is the first chapter; an API page lists no chapter.
    let at = contentsCurrent ? -1 : chapters.firstIndex { $0.page == currentPage }
    if let at {
      for number in (at - 1)...(at + 1) where chapters.indices.contains(number) {
        html += chapterItem(number, isCurrent: number == at, link: link)
      }
    }
    html += "</ol>\n"
    if let module = api.first(where: {
      $0.page == currentPage || $0.types.contains { $0.page == currentPage }
    }) {
      html += "<p class=\"sidebar-heading\" id=\"sidebar-api\">API reference</p>\n"
      html += "<ol class=\"chapter-list api-list\" aria-labelledby=\"sidebar-api\">\n"
      html += apiItem(module, currentPage: currentPage, link: link)
      html += "</ol>\n"
    }
    return html + "</nav>\n"
  }

  /// Chapter `number` (from 0) in the sidebar, with its sections when it is the current page.
  private func chapterItem(_ number: Int, isCurrent: Bool, link: (String) -> String) -> String {
    let chapter = chapters[number]
    var html = "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(HTML.escape(link(chapter.page)))\""
    html += isCurrent ? " aria-current=\"page\">" : ">"
    html += "<span class=\"chapter-number\">\(number + 1).</span> \(chapter.title.html)</a>"
    if isCurrent && !chapter.sections.isEmpty {
      html += "\n<ul class=\"section-list\">\n"
      for section in chapter.sections {
        html += "<li><a href=\"#\(HTML.escape(section.anchor))\">\(section.label.html)</a></li>\n"
      }
      html += "</ul>\n"
    }
    return html + "</li>\n"
  }

  /// An API module in the sidebar, with its types (the page is one of its pages).
  private func apiItem(_ module: APIModuleLink, currentPage: String, link: (String) -> String) -> String {
    let isCurrent = module.page == currentPage
    var html = "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(HTML.escape(link(module.page)))\""
    html += (isCurrent ? " aria-current=\"page\">" : ">") + "<code>\(HTML.escape(module.module))</code></a>"
    if !module.types.isEmpty {
      html += "\n<ul class=\"section-list\">\n"
      for type in module.types {
        let current = type.page == currentPage
        html += "<li\(current ? " class=\"current\"" : "")><a href=\"\(HTML.escape(link(type.page)))\""
        html +=
          (current ? " aria-current=\"page\">" : ">") + "<code>\(HTML.escape(type.name))</code></a></li>\n"
      }
      html += "</ul>\n"
    }
    return html + "</li>\n"
  }

  /// `assets/contents.js`: the book's table of contents as data (every chapter's page and title,
  /// every API module's page and its types' pages), then the script that fills the sidebar from it.
  /// One file shared by every page, cached once by the browser; a script rather than JSON, so it
  /// loads from `file://`, where a page cannot `fetch`. Titles are markup (a title's maths is
  /// KaTeX's rendering), as the sidebar shows them.
  func contentsScript(filler: String) throws(FolioError) -> Data {
    struct Contents: Encodable {
      var chapters: [[String]]
      var api: [Module]
      struct Module: Encodable {
        var page: String
        var module: String
        var types: [[String]]
      }
    }
    let contents = Contents(
      chapters: chapters.map { [$0.page, $0.title.html] },
      api: api.map { module in
        Contents.Module(
          page: module.page, module: module.module, types: module.types.map { [$0.page, $0.name] })
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json: Data
    do {
      json = try encoder.encode(contents)
    } catch {
      throw FolioError(.internal, "cannot encode the table of contents", underlying: "\(error)")
    }
    var data = Data(
      "// The book's table of contents, which every page's sidebar shows.\nwindow.folioContents = ".utf8)
    data.append(json)
    data.append(Data(";\n".utf8))
    data.append(Data(filler.utf8))
    return data
  }

  private func pager(previous: PageLink?, next: PageLink?, link: (String) -> String) -> String {
    guard previous != nil || next != nil else { return "" }
    var html = "<nav class=\"pager\" aria-label=\"Previous and next\">\n"
    if let previous {
      html +=
        "<a class=\"pager-prev\" href=\"\(HTML.escape(link(previous.page)))\" rel=\"prev\">"
        + "<span class=\"pager-label\">Previous</span> \(previous.title.html)</a>\n"
    }
    if let next {
      html +=
        "<a class=\"pager-next\" href=\"\(HTML.escape(link(next.page)))\" rel=\"next\">"
        + "<span class=\"pager-label\">Next</span> \(next.title.html)</a>\n"
    }
    return html + "</nav>\n"
  }
}
