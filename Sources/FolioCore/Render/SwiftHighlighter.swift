// Build-time Swift syntax highlighting with swift-syntax's classifier.
import Foundation
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Turns Swift source into highlighted HTML, one string per source line.
///
/// Lines are kept apart (a multi-line comment or string is closed and reopened at each line
/// break) so the renderer can put a value beside a given line.
struct SwiftHighlighter: Sendable {
  /// Highlighted HTML for each line of `code`; the text is escaped, tokens wrapped in
  /// `<span class="hl-…">`.
  func lines(_ code: String) -> [String] {
    let tree = Parser.parse(source: code)
    let bytes = Array(code.utf8)
    var lines: [String] = [""]
    var position = 0

    func emit(_ start: Int, _ end: Int, _ cssClass: String?) {
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
      let start = max(range.offset, position)
      let end = min(range.endOffset, bytes.count)
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
