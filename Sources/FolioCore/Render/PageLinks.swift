// Where a page's symbol links and `<doc:>` links lead, written from where the page sits in the site.
import Foundation

/// What a page needs to turn symbol links (``` ``Vector/norm(_:)`` ```) and DocC article links
/// (`<doc:01-norms>`) into `<a>` elements: the API reference, the chapters, and the path from the
/// page to the site's root.
struct PageLinks: Sendable {
  /// The API reference (nil: symbol links render as plain code).
  var reference: APIReference?
  /// The book's chapters, for `<doc:Chapter>`.
  var chapters: [Chapter] = []
  /// From the page to the site root: "" for a chapter, "../" for an API page.
  var root = ""
  /// The symbol path a link in a doc comment is resolved from first (its own type's).
  var scope: [String] = []

  /// A symbol link as a code link to its API page, with its summary on hover; a link that does not
  /// resolve (reported by the reference stage) stays code.
  func symbolLinkHTML(_ path: String) -> String {
    guard let reference else { return "<code>\(HTML.escape(path))</code>" }
    switch reference.resolve(path, scope: scope) {
    case .symbol(let id):
      guard let symbol = reference.symbol(id), let address = reference.address(of: id) else { break }
      return anchor(address.href(from: root), title: symbol.title, summary: reference.summary(of: id))
    case .module(let module):
      return anchor(root + "api/\(module).html", title: module, summary: "The \(module) module")
    case .notFound, .ambiguous:
      break
    }
    return "<code class=\"symbol-link-unresolved\">\(HTML.escape(path))</code>"
  }

  private func anchor(_ href: String, title: String, summary: String) -> String {
    var html = "<a class=\"symbol-link\" href=\"\(HTML.escape(href))\""
    if !summary.isEmpty { html += " title=\"\(HTML.escape(summary))\"" }
    return html + "><code>\(HTML.escape(title))</code></a>"
  }

  /// Where a `doc:` link leads (a chapter, or a symbol), or nil for any other link.
  func docLink(_ destination: String) -> String? {
    guard destination.hasPrefix("doc:") else { return nil }
    let name = String(destination.dropFirst(4))
    let parts = name.split(separator: "#", maxSplits: 1).map(String.init)
    if let page = ChapterLinks.page(for: parts[0], in: chapters) {
      return root + page + (parts.count > 1 ? "#" + parts[1] : "")
    }
    if let reference, case .symbol(let id) = reference.resolve(name, scope: scope),
      let address = reference.address(of: id)
    {
      return address.href(from: root)
    }
    return nil
  }

  /// The title a `doc:` link shows when it gives no text of its own: the chapter's title, or the
  /// symbol's name.
  func docTitle(_ destination: String) -> String? {
    guard destination.hasPrefix("doc:") else { return nil }
    let name = String(destination.dropFirst(4))
    let page = name.split(separator: "#", maxSplits: 1).first.map(String.init) ?? name
    if let target = ChapterLinks.page(for: page, in: chapters),
      let chapter = chapters.first(where: { $0.file.pageName == target })
    {
      return chapter.title
    }
    if let reference, case .symbol(let id) = reference.resolve(name, scope: scope) {
      return reference.symbol(id)?.title
    }
    return nil
  }

  /// A link the chapter wrote relative to the site root, from this page.
  func fromRoot(_ href: String) -> String {
    guard !root.isEmpty, !href.hasPrefix("#"), !href.hasPrefix("/"), !href.contains(":") else { return href }
    return root + href
  }
}
