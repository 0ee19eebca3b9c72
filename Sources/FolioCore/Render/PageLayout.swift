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

  /// A chapter page. `index` is the chapter's position in `chapters`.
  func chapterPage(index: Int, article: String, scripts: [String] = []) -> String {
    let current = chapters[index]
    let previous =
      index == 0
      ? PageLink(page: "index.html", title: HeadingLabel(text: "Contents"), sections: [])
      : chapters[index - 1]
    let next = index + 1 < chapters.count ? chapters[index + 1] : nil
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
    main += "</ol>\n</article>\n"
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

  private func document(
    title: String, currentPage: String, previous: PageLink?, next: PageLink?, main: String,
    scripts: [String] = []
  )
    -> String
  {
    var html = """
      <!DOCTYPE html>
      <html lang="\(HTML.escape(config.language))">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(HTML.escape(title))</title>
      <link rel="stylesheet" href="assets/katex/katex.min.css">
      <link rel="stylesheet" href="assets/folio.css">

      """
    if let previous { html += "<link rel=\"prev\" href=\"\(HTML.escape(previous.page))\">\n" }
    if let next { html += "<link rel=\"next\" href=\"\(HTML.escape(next.page))\">\n" }
    html += """
      <script src="assets/lunr.min.js" defer></script>
      <script src="assets/search-index.js" defer></script>
      <script src="assets/folio.js" defer></script>
      \(scripts.map { "<script src=\"\(HTML.escape($0))\" defer></script>\n" }.joined())</head>
      <body>
      <a class="skip-link" href="#content">Skip to content</a>
      <header class="topbar">
      <button type="button" class="sidebar-toggle" aria-controls="sidebar" aria-expanded="false"><span aria-hidden="true">☰</span><span class="visually-hidden">Chapters</span></button>
      <a class="book-title" href="index.html">\(HTML.escape(config.title))</a>
      <div class="search" role="search">
      <label class="visually-hidden" for="search-input">Search the book</label>
      <input id="search-input" class="search-input" type="search" placeholder="Search" aria-keyshortcuts="/" title="Search the book (press /)" autocomplete="off" spellcheck="false" aria-controls="search-results">
      <div id="search-results" class="search-results" hidden></div>
      </div>
      </header>
      <div class="layout">
      \(sidebar(currentPage: currentPage))<main id="content" tabindex="-1">
      \(main)\(pager(previous: previous, next: next))</main>
      </div>
      </body>
      </html>

      """
    return html
  }

  private func sidebar(currentPage: String) -> String {
    var html = "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Chapters\">\n<ol class=\"chapter-list\">\n"
    let contentsCurrent = currentPage == "index.html"
    html +=
      "<li class=\"contents\(contentsCurrent ? " current" : "")\"><a href=\"index.html\""
      + (contentsCurrent ? " aria-current=\"page\"" : "") + ">Contents</a></li>\n"
    for (number, chapter) in chapters.enumerated() {
      let isCurrent = chapter.page == currentPage
      html += "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(HTML.escape(chapter.page))\""
      html += isCurrent ? " aria-current=\"page\">" : ">"
      html += "<span class=\"chapter-number\">\(number + 1).</span> \(chapter.title.html)</a>"
      if isCurrent && !chapter.sections.isEmpty {
        html += "\n<ul class=\"section-list\">\n"
        for section in chapter.sections {
          html += "<li><a href=\"#\(HTML.escape(section.anchor))\">\(section.label.html)</a></li>\n"
        }
        html += "</ul>\n"
      }
      html += "</li>\n"
    }
    return html + "</ol>\n</nav>\n"
  }

  private func pager(previous: PageLink?, next: PageLink?) -> String {
    guard previous != nil || next != nil else { return "" }
    var html = "<nav class=\"pager\" aria-label=\"Previous and next\">\n"
    if let previous {
      html +=
        "<a class=\"pager-prev\" href=\"\(HTML.escape(previous.page))\" rel=\"prev\">"
        + "<span class=\"pager-label\">Previous</span> \(previous.title.html)</a>\n"
    }
    if let next {
      html +=
        "<a class=\"pager-next\" href=\"\(HTML.escape(next.page))\" rel=\"next\">"
        + "<span class=\"pager-label\">Next</span> \(next.title.html)</a>\n"
    }
    return html + "</nav>\n"
  }
}
