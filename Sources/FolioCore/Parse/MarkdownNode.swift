// The Markdown tree as plain Swift values: what the parser hands to every later stage.
import Foundation

/// One node of a parsed chapter. cmark-gfm's tree is converted into these at once, so no C type
/// leaves the parser; maths (`$…$`, `$$…$$`) is already split out of the text into `.math` nodes.
public struct MarkdownNode: Sendable, Hashable {
  /// What a node is, with the data that belongs to that kind.
  public enum Kind: Sendable, Hashable {
    /// The root.
    case document
    /// `> …`
    case blockQuote
    /// A bullet or ordered list.
    case list(ordered: Bool, start: Int, tight: Bool)
    /// An item of a list; `checked` is set for GFM task items.
    case item(checked: Bool?)
    /// A fenced or indented code block. `info` is the fence's info string.
    case codeBlock(info: String, code: String)
    /// A Swift cell, in place of its fenced block: `Chapter.cells[index]` (assigned by the parser).
    case cell(index: Int)
    /// The `output` block that pins cell `index`'s output, in place of its fenced block.
    case cellOutput(index: Int)
    /// A raw HTML block, as cmark-gfm writes it: the author's markup through GFM's tag filter.
    case htmlBlock(String)
    /// A paragraph.
    case paragraph
    /// A heading, level 1-6; `index` is its place in `Chapter.headings` (assigned by the parser,
    /// -1 before).
    case heading(level: Int, index: Int)
    /// `---`
    case thematicBreak
    /// Literal text.
    case text(String)
    /// A soft line break inside a paragraph.
    case softBreak
    /// A hard line break.
    case lineBreak
    /// An inline code span.
    case code(String)
    /// A DocC symbol link, ``` ``Vector/norm(_:)`` ```: the path between the double backticks.
    case symbolLink(String)
    /// Raw inline HTML, as cmark-gfm writes it: the author's tag through GFM's tag filter.
    case htmlInline(String)
    /// `*…*`
    case emphasis
    /// `**…**`
    case strong
    /// `~~…~~`
    case strikethrough
    /// A link.
    case link(destination: String, title: String)
    /// An image; its children are the alt text.
    case image(source: String, title: String)
    /// A GFM table; one alignment per column.
    case table(alignments: [TableAlignment])
    /// A table row; the first row is the header.
    case tableRow(isHeader: Bool)
    /// A table cell.
    case tableCell
    /// A footnote reference `[^label]`; `index` is its 1-based number in order of definition.
    case footnoteReference(label: String, index: Int)
    /// A footnote definition.
    case footnoteDefinition(label: String, index: Int)
    /// TeX maths: inline `$…$` or display `$$…$$`.
    case math(tex: String, display: Bool)
  }

  /// Column alignment in a GFM table.
  public enum TableAlignment: Sendable, Hashable {
    /// No alignment given.
    case none
    /// `:--`
    case left
    /// `:-:`
    case center
    /// `--:`
    case right
  }

  /// The kind of node.
  public var kind: Kind
  /// The children, in order.
  public var children: [MarkdownNode]
  /// The 1-based line in the chapter file where the node starts (0 when unknown).
  public var line: Int
  /// The 1-based column where it starts (0 when unknown).
  public var column: Int

  /// Creates a node.
  public init(_ kind: Kind, children: [MarkdownNode] = [], line: Int = 0, column: Int = 0) {
    self.kind = kind
    self.children = children
    self.line = line
    self.column = column
  }

  /// The concatenated literal text below this node (text, code spans, maths source).
  public var plainText: String {
    switch kind {
    case .text(let s), .code(let s), .symbolLink(let s): return s
    case .math(let tex, _): return tex
    case .softBreak, .lineBreak: return " "
    default: return children.map(\.plainText).joined()
    }
  }
}
