// The sidebar and search as every page ships them: a page's size does not grow with the book.
import Foundation
import Testing

@testable import FolioCore

@Suite("site navigation")
struct SiteNavigationTests {
  typealias S = RenderTestSupport

  /// A book of `count` chapters "Chapter n" (`01-c.md`, …), each with two sections.
  static func book(_ count: Int) throws -> RenderedSite {
    let chapters = (1...count).map { n in
      S.chapter(
        String(format: "%02d-c", n),
        [
          S.heading(1, "Chapter \(n)"), S.paragraph("Words."), S.heading(2, "First part", line: 5),
          S.heading(2, "Second part", line: 7),
        ])
    }
    return try S.render(chapters)
  }

  @Test("a chapter page is the same in a book of 3 chapters and of 40: its sidebar lists its neighbours")
  func pageSizeIndependentOfBook() throws {
    let small = try Self.book(3)
    let large = try Self.book(40)
    #expect(try S.page(small, "02-c.html") == S.page(large, "02-c.html"))

    let page = try S.page(large, "20-c.html")
    let sidebar = try #require(S.region(page, from: "<nav id=\"sidebar\"", to: "</nav>"))
    #expect(
      sidebar == """
        <nav id="sidebar" class="sidebar" aria-label="Chapters">
        <ol class="chapter-list">
        <li class="contents"><a href="index.html">Contents</a></li>
        <li><a href="19-c.html"><span class="chapter-number">19.</span> Chapter 19</a></li>
        <li class="current"><a href="20-c.html" aria-current="page"><span class="chapter-number">20.</span> Chapter 20</a>
        <ul class="section-list">
        <li><a href="#first-part">First part</a></li>
        <li><a href="#second-part">Second part</a></li>
        </ul>
        </li>
        <li><a href="21-c.html"><span class="chapter-number">21.</span> Chapter 21</a></li>
        </ol>
        </nav>
        """)
    // The shared table of contents is loaded right after the sidebar, before the article.
    #expect(page.contains("</nav>\n<script src=\"assets/contents.js\"></script>\n<main id=\"content\""))
  }

  @Test("the first and last chapters and the Contents page list the neighbours they have")
  func edges() throws {
    let site = try Self.book(5)
    func items(_ path: String) throws -> [String] {
      let sidebar = try #require(S.region(try S.page(site, path), from: "<nav id=\"sidebar\"", to: "</nav>"))
      return sidebar.components(separatedBy: "<li").dropFirst().compactMap {
        S.region($0, from: "href=\"", to: "\"")?.dropFirst(6).dropLast().description
      }
    }
    #expect(
      try items("01-c.html") == ["index.html", "01-c.html", "#first-part", "#second-part", "02-c.html"])
    #expect(
      try items("05-c.html") == ["index.html", "04-c.html", "05-c.html", "#first-part", "#second-part"])
    #expect(try items("index.html") == ["index.html", "01-c.html"])
    let index = try S.page(site, "index.html")
    #expect(index.contains("<li class=\"contents current\"><a href=\"index.html\" aria-current=\"page\">"))
  }

  @Test("assets/contents.js lists every chapter's page and title, then fills the sidebar")
  func contentsScript() throws {
    let site = try Self.book(40)
    let script = try S.page(site, "assets/contents.js")
    #expect(
      script.contains("window.folioContents = {\"api\":[],\"chapters\":[[\"01-c.html\",\"Chapter 1\"],"))
    for n in 1...40 { #expect(script.contains("[\"\(String(format: "%02d", n))-c.html\",\"Chapter \(n)\"]")) }
    #expect(script.contains("document.getElementById(\"sidebar\")"))
  }

  @Test("search's scripts load when the reader turns to the search box, not with the page")
  func searchIsLazy() throws {
    let page = try S.page(try Self.book(2), "01-c.html")
    let head = try #require(S.region(page, from: "<head>", to: "</head>"))
    #expect(!head.contains("lunr") && !head.contains("search-index"))
    #expect(
      page.contains(
        "<div class=\"search\" role=\"search\" data-scripts=\"assets/lunr.min.js assets/search-index.js\">"))
  }
}
