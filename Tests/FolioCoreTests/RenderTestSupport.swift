// Helpers shared by the renderer's tests: hand-built books and page regions.
import Foundation
import Testing

@testable import FolioCore

/// Builders and extractors for renderer tests.
enum RenderTestSupport {
  /// A book of the given chapters, titled "Test book".
  static func book(_ chapters: [Chapter]) -> Book {
    Book(
      root: URL(fileURLWithPath: "/nonexistent"),
      config: BookConfig(title: "Test book", author: "Ada", language: "en-GB"),
      chapters: chapters.map(\.file))
  }

  /// A chapter built by hand from blocks, with one heading per `.heading` node.
  static func chapter(
    _ slug: String, _ blocks: [MarkdownNode], cells: [Cell] = []
  ) -> Chapter {
    var headings: [Heading] = []
    // Headings get their index as the parser gives it, in document order.
    func collect(_ node: inout MarkdownNode) {
      if case .heading(let level, _) = node.kind {
        let text = node.plainText
        let anchor = text.lowercased().split(separator: " ").joined(separator: "-")
        node.kind = .heading(level: level, index: headings.count)
        headings.append(Heading(level: level, text: text, anchor: anchor, line: node.line))
      }
      for i in node.children.indices { collect(&node.children[i]) }
    }
    var document = MarkdownNode(.document, children: blocks)
    collect(&document)
    let file = ChapterFile(path: "chapters/\(slug).md", slug: slug, text: "")
    return Chapter(
      file: file, title: headings.first?.text ?? slug, document: document, headings: headings, cells: cells)
  }

  /// A heading node.
  static func heading(_ level: Int, _ text: String, line: Int = 1) -> MarkdownNode {
    MarkdownNode(
      .heading(level: level, index: -1), children: [MarkdownNode(.text(text))], line: line, column: 1)
  }

  /// A paragraph of inline nodes.
  static func paragraph(_ inlines: [MarkdownNode], line: Int = 3) -> MarkdownNode {
    MarkdownNode(.paragraph, children: inlines, line: line, column: 1)
  }

  /// A paragraph of plain text.
  static func paragraph(_ text: String, line: Int = 3) -> MarkdownNode {
    paragraph([MarkdownNode(.text(text), line: line, column: 1)], line: line)
  }

  /// A cell and its node, at `line`.
  static func cell(
    _ index: Int, _ code: String, mode: CellOptions.Mode = .normal, lineValues: Bool = false, line: Int
  ) -> (Cell, MarkdownNode) {
    let cell = Cell(
      index: index, options: CellOptions(mode: mode, lineValues: lineValues), code: code, fenceLine: line,
      codeLine: line + 1)
    return (cell, MarkdownNode(.cell(index: index), line: line, column: 1))
  }

  /// Renders `chapters` with `results`, caching maths in a fresh temporary folder.
  static func render(
    _ chapters: [Chapter], results: [ChapterResults]? = nil, cache: URL? = nil
  ) throws -> RenderedSite {
    let input = RenderInput(
      book: book(chapters), chapters: chapters,
      results: results
        ?? chapters.map { ChapterResults(cells: $0.cells.map { _ in CellResult(status: .ok) }) })
    return try SiteRenderer(cacheDirectory: cache ?? temporaryDirectory()).render(input)
  }

  /// A new empty temporary folder.
  static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-render-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A file of the site as text.
  static func page(_ site: RenderedSite, _ path: String) throws -> String {
    let file = try #require(site.files.first { $0.path == path }, "no file \(path)")
    return String(decoding: file.contents, as: UTF8.self)
  }

  /// The text between the first `start` and the next `end` after it, both included.
  static func region(_ html: String, from start: String, to end: String) -> String? {
    guard let lower = html.range(of: start),
      let upper = html.range(of: end, range: lower.upperBound..<html.endIndex)
    else { return nil }
    return String(html[lower.lowerBound..<upper.upperBound])
  }

  /// The `<main>` element of a page: the region the golden files pin.
  static func main(_ html: String) -> String {
    region(html, from: "<main", to: "</main>") ?? ""
  }

  /// The HTML of the cell with `id="cell-N"` (1-based), up to the next cell or heading.
  static func cellRegion(_ html: String, _ number: Int) -> String {
    guard let id = html.range(of: "id=\"cell-\(number)\""),
      let start = html.range(
        of: "<div class=\"cell ", options: .backwards, range: html.startIndex..<id.lowerBound)
    else { return "" }
    let rest = html[start.lowerBound...]
    let ends = ["<div class=\"cell ", "<h2", "<h3", "</article>"].compactMap {
      rest.dropFirst(10).range(of: $0)?.lowerBound
    }
    return String(rest[..<(ends.min() ?? rest.endIndex)])
  }
}
