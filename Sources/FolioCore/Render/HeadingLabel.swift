// How a heading reads away from its own place: sidebar, table of contents, pager, tab title, search.
import Foundation

/// A heading (or chapter title) as navigation shows it.
///
/// Navigation is plain text except for maths: a heading "The $L_2$ norm" shows KaTeX's rendering
/// in the sidebar and the table of contents, and "The L2 norm" where only text can go (the tab
/// title, search results): the text of KaTeX's MathML, which reads like the formula rather than
/// like its TeX source.
struct HeadingLabel: Sendable, Hashable {
  /// Markup for inside a link: escaped text and rendered maths, nothing else.
  var html: String
  /// Plain text.
  var text: String

  /// A label with no maths in it.
  init(text: String) {
    self.html = HTML.escape(text)
    self.text = text
  }

  /// The label of a heading node's inline content; `math` holds the rendered formulas.
  init(_ node: MarkdownNode, math: [MathKey: MathOutput]) {
    var html = ""
    var text = ""
    func walk(_ node: MarkdownNode) {
      switch node.kind {
      case .math(let tex, let display):
        if case .html(let rendered)? = math[MathKey(tex: tex, display: display)] {
          html += rendered
          text += Self.mathText(rendered) ?? tex
        } else {
          html += HTML.escape(tex)
          text += tex
        }
      case .text(let s), .code(let s):
        html += HTML.escape(s)
        text += s
      case .softBreak, .lineBreak:
        html += " "
        text += " "
      default:
        node.children.forEach(walk)
      }
    }
    node.children.forEach(walk)
    self.html = html.trimmingCharacters(in: .whitespaces)
    self.text = text.trimmingCharacters(in: .whitespaces)
  }

  /// The labels of a chapter's headings, in the order of `chapter.headings`.
  static func labels(for chapter: Chapter, math: [MathKey: MathOutput]) -> [HeadingLabel] {
    var nodes: [Int: MarkdownNode] = [:]
    func collect(_ node: MarkdownNode) {
      if case .heading(_, let index) = node.kind { nodes[index] = node }
      node.children.forEach(collect)
    }
    collect(chapter.document)
    return chapter.headings.indices.map { index in
      nodes[index].map { HeadingLabel($0, math: math) } ?? HeadingLabel(text: chapter.headings[index].text)
    }
  }

  /// The text a reader sees in KaTeX's MathML (`<math>…</math>` without its TeX annotation).
  static func mathText(_ katex: String) -> String? {
    guard let start = katex.range(of: "<math"),
      let end = katex.range(of: "</math>", range: start.upperBound..<katex.endIndex)
    else { return nil }
    var markup = katex[start.lowerBound..<end.lowerBound]
    if let annotation = markup.range(of: "<annotation") {
      markup = markup[..<annotation.lowerBound]
    }
    var out = ""
    var inTag = false
    for character in markup {
      switch character {
      case "<": inTag = true
      case ">": inTag = false
      default: if !inTag { out.append(character) }
      }
    }
    return HTML.unescape(out)
  }
}
