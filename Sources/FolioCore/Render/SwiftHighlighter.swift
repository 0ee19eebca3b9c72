// Build-time Swift syntax highlighting with swift-syntax's classifier.
import Foundation
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Turns Swift source into highlighted HTML, one string per source line.
///
/// Lines are kept apart (a multi-line comment or string is closed and reopened at each line
/// break) so the renderer can put a value beside a given line.
///
/// Results are cached per snippet when a store is given: parsing is the most expensive part of
/// rendering a page, and most rebuilds change prose, not code.
struct SwiftHighlighter: Sendable {
  /// Where highlighted snippets are kept between builds (nil: no cache).
  var cache: EntryStore? = nil
  /// Links identifiers that name documented symbols to their API pages (nil: no links).
  var linker: CodeLinker? = nil

  /// Bumped whenever the markup this type writes changes, so old cache entries are ignored.
  private static let version = "2"

  /// Highlighted HTML for each line of `code`; the text is escaped, tokens wrapped in
  /// `<span class="hl-…">`.
  func lines(_ code: String) -> [String] {
    guard let cache else { return Self.highlight(code, linker: linker) }
    let key = Self.version + "\n" + (linker?.cacheKey ?? "") + "\n" + code
    let name = FieldHasher.hex(SHA256.hash(data: Data(key.utf8)))
    if let text = cache.value(for: name) {
      return text.rawLines
    }
    let lines = Self.highlight(code, linker: linker)
    cache.store(lines.joined(separator: "\n"), for: name)
    return lines
  }

  /// Parses and classifies `code`; one HTML string per line.
  static func highlight(_ code: String, linker: CodeLinker? = nil) -> [String] {
    let tree = Parser.parse(source: code)
    let bytes = Array(code.utf8)
    var lines: [String] = [""]
    var position = 0
    let links = linker?.links(in: tree) ?? [:]
    let linkStarts = links.keys.sorted { $0.lowerBound < $1.lowerBound }

    // Text from `start` to `end`, each linked token inside it wrapped in its link.
    func emit(_ start: Int, _ end: Int, _ cssClass: String?) {
      guard start < end else { return }
      guard !links.isEmpty else { return write(start, end, cssClass) }
      var from = start
      for range in linkStarts where range.lowerBound >= from && range.upperBound <= end {
        write(from, range.lowerBound, cssClass)
        let link = links[range]!
        lines[lines.count - 1] +=
          "<a class=\"code-link\" href=\"\(HTML.escape(link.href))\""
          + (link.summary.isEmpty ? ">" : " data-summary=\"\(HTML.escape(link.summary))\">")
        write(range.lowerBound, range.upperBound, cssClass)
        lines[lines.count - 1] += "</a>"
        from = range.upperBound
      }
      write(from, end, cssClass)
    }

    func write(_ start: Int, _ end: Int, _ cssClass: String?) {
      guard start < end else { return }
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      for (i, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if i > 0 { lines.append("") }
        guard !part.isEmpty else { continue }
        let escaped = HTML.escape(String(part))
        if let cssClass {
          lines[lines.count - 1] += "<span class=\"\(cssClass)\">\(escaped)</span>"
        } else {
          lines[lines.count - 1] += escaped
        }
      }
    }

    for range in tree.classifications {
      let start = max(range.range.lowerBound.utf8Offset, position)
      let end = min(range.range.upperBound.utf8Offset, bytes.count)
      guard start < end else { continue }
      emit(position, start, nil)
      emit(start, end, Self.cssClass(range.kind))
      position = end
    }
    emit(position, bytes.count, nil)
    return lines
  }

  /// The short class name the stylesheet colours, or nil for plain text.
  static func cssClass(_ kind: SyntaxClassification) -> String? {
    switch kind {
    case .keyword: return "hl-k"
    case .type: return "hl-t"
    case .stringLiteral, .regexLiteral: return "hl-s"
    case .integerLiteral, .floatLiteral: return "hl-n"
    case .lineComment, .blockComment, .docLineComment, .docBlockComment: return "hl-c"
    case .attribute, .ifConfigDirective: return "hl-a"
    case .argumentLabel: return "hl-l"
    case .dollarIdentifier: return "hl-v"
    case .operator: return "hl-o"
    case .identifier, .none, .editorPlaceholder: return nil
    @unknown default: return nil
    }
  }
}
