// Trust: chapter files named with spaces, non-ASCII letters and URL-special characters build
// into pages whose every link resolves.
import Foundation
import Testing

@testable import FolioCore

@Suite struct TrustNamesTests {
  @Test func oddFileNamesGetValidResolvingURLs() throws {
    let book = try ScratchBook(
      texts: [
        "chapters/01 Intro.md": "# Intro\n\nSee [size](03-Größe.html#maße).\n",
        "chapters/03 Größe.md": "# Größe\n\n## Maße\n\nText.\n",
        "chapters/04 50% #one?.md": "# Odd\n\nBack to [intro](01-Intro.html).\n",
        "chapters/05-日本語.md": "# 日本語\n\nText.\n",
      ], name: "names")
    defer { book.remove() }
    let report = try book.build()
    #expect(report.succeeded, "\(report.diagnostics)")
    let pages = (report.built?.chapters ?? []).map(\.file.pageName)
    #expect(pages == ["01-Intro.html", "03-Größe.html", "04-50---one-.html", "05-日本語.html"])
    let site = book.root.appendingPathComponent("site")
    let files = Set(SiteWriter.listFiles(site).keys)
    for page in pages + ["index.html"] {
      let html = try book.page(page)
      for href in hrefs(in: html) {
        if href.hasPrefix("http:") || href.hasPrefix("https:") || href.hasPrefix("mailto:") { continue }
        // A valid URL here: no space, no raw `%` that is not an escape, at most one `#`.
        #expect(!href.contains(" "), "\(page): \(href)")
        #expect(href.split(separator: "#", omittingEmptySubsequences: false).count <= 2, "\(page): \(href)")
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = try #require(String(parts[0]).removingPercentEncoding, "\(page): bad escape in \(href)")
        if path.isEmpty { continue }
        let decoded = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        #expect(files.contains(decoded), "\(page): \(href) does not resolve")
        if parts.count == 2, !parts[1].isEmpty, decoded.hasSuffix(".html"), files.contains(decoded) {
          let target = try book.page(decoded)
          let id = String(parts[1]).removingPercentEncoding ?? String(parts[1])
          #expect(target.contains("id=\"\(id)\""), "\(page): \(href) has no anchor in \(decoded)")
        }
      }
    }
  }
}

extension TrustFindingsTests {
  /// A Markdown link to a chapter whose file name has a space (`<03 Größe.md>`) points at that
  /// chapter's page under the page-name rule (`BookLoader.slug`), the rule the link checker applies.
  @Test
  func linkToAChapterWithASpaceInItsNameResolves() throws {
    let book = try ScratchBook(
      texts: [
        "chapters/01 Intro.md": "# Intro\n\nSee [size](<03 Größe.md#maße>) and [odd](04%2050%25.md).\n",
        "chapters/03 Größe.md": "# Größe\n\n## Maße\n",
        "chapters/04 50%.md": "# Odd\n",
      ], name: "links")
    defer { book.remove() }
    _ = try book.build()
    let links = hrefs(in: try book.page("01-Intro.html"))
    // Percent-encoded as cmark-gfm encodes destinations: `03-Größe.html#maße` to a browser.
    #expect(links.contains("03-Gr%C3%B6%C3%9Fe.html#ma%C3%9Fe"))
    #expect(links.contains("04-50-.html"))
  }
}
