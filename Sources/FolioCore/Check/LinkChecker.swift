// Checks that every link between pages, and every #anchor, points at something that exists.
import Foundation

/// Finds broken internal links in the chapters' Markdown, so each is reported at its line.
public enum LinkChecker {
  /// One diagnostic per internal link whose page or anchor does not exist.
  ///
  /// Internal links are the ones without a scheme: `#anchor`, `02-regularisation.md#l1`, or the
  /// page name `02-regularisation.html#l1`. External links (`https:`, `mailto:`) are not followed.
  public static func check(_ chapters: [Chapter]) -> [Diagnostic] {
    var anchorsByPage: [String: Set<String>] = [:]
    for chapter in chapters {
      var anchors = Set(chapter.headings.map(\.anchor))
      anchors.formUnion(footnoteAnchors(chapter.document))
      anchorsByPage[chapter.file.slug] = anchors
    }
    var diagnostics: [Diagnostic] = []
    for chapter in chapters {
      visit(chapter.document) { node in
        guard case .link(let destination, _) = node.kind else { return }
        guard let problem = problem(with: destination, in: chapter, anchorsByPage: anchorsByPage) else {
          return
        }
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: chapter.file.path, line: node.line, column: node.column), problem))
      }
    }
    return diagnostics
  }

  private static func problem(
    with destination: String, in chapter: Chapter, anchorsByPage: [String: Set<String>]
  )
    -> String?
  {
    if destination.isEmpty || destination.hasPrefix("//") { return nil }
    if let colon = destination.firstIndex(of: ":"),
      !destination[..<colon].contains(where: { $0 == "/" || $0 == "#" || $0 == "." })
    {
      return nil  // has a scheme: external
    }
    let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = (parts.first.map(String.init) ?? "").removingPercentEncoding ?? ""
    let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
    var slug = chapter.file.slug
    if !path.isEmpty {
      let name = (path as NSString).lastPathComponent
      if name.hasSuffix(".md") {
        slug = BookLoader.slug(forFileName: name)
      } else if name.hasSuffix(".html") {
        slug = String(name.dropLast(5))
        if slug == "index" {
          return fragment == nil ? nil : "link to an anchor of index.html: '\(destination)'"
        }
      } else {
        return nil  // a file beside the book, not a page
      }
      guard anchorsByPage[slug] != nil else { return "broken link: no chapter '\(path)'" }
    }
    if let fragment, !fragment.isEmpty, !(anchorsByPage[slug]?.contains(fragment) ?? false) {
      return "broken link: no heading with anchor '#\(fragment)' in \(slug).html"
    }
    return nil
  }

  private static func footnoteAnchors(_ node: MarkdownNode) -> Set<String> {
    var anchors = Set<String>()
    visit(node) { n in
      if case .footnoteDefinition(_, let index) = n.kind { anchors.insert("fn-\(index)") }
    }
    return anchors
  }

  static func visit(_ node: MarkdownNode, _ body: (MarkdownNode) -> Void) {
    body(node)
    for child in node.children { visit(child, body) }
  }
}
