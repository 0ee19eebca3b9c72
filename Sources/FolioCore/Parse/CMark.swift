// The only file that touches C: runs cmark-gfm and converts its tree into MarkdownNode values.
import CCmarkGFM
import Foundation

/// A thin wrapper over Debian's cmark-gfm with the GFM extensions the book uses.
enum CMark {
  /// Parses Markdown into a `MarkdownNode` tree; every node carries cmark's source line and column.
  ///
  /// The extensions: tables, strikethrough, autolinks, task lists, footnotes. Raw HTML is kept
  /// as `.htmlBlock`/`.htmlInline` nodes for the renderer to escape.
  static func parse(_ markdown: String) -> MarkdownNode {
    cmark_gfm_core_extensions_ensure_registered()
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    guard let parser = cmark_parser_new(options) else { return MarkdownNode(.document) }
    defer { cmark_parser_free(parser) }
    for name in ["table", "strikethrough", "autolink", "tasklist"] {
      if let ext = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, ext)
      }
    }
    var bytes = Array(markdown.utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parser_feed(parser, chars.baseAddress, chars.count)
      }
    }
    guard let root = cmark_parser_finish(parser) else { return MarkdownNode(.document) }
    defer { cmark_node_free(root) }
    var converter = Converter(source: bytes)
    return converter.convert(root)
  }

  /// How deep the tree may nest. Every stage walks the tree recursively, so an input nested
  /// without bound (`> > > …` or `- - - …` twenty thousand times) would overflow the stack;
  /// below this depth (300 nested lists are about 600 levels) nothing changes, and a container
  /// at it keeps its kind but holds its whole subtree as one piece of text.
  static let maximumDepth = 800

  /// Walks cmark's tree once, building Swift values.
  private struct Converter {
    var definitions = 0
    /// The Markdown's bytes, split into lines: a code span's own backticks are read from them.
    let lines: [ArraySlice<UInt8>]

    init(source: [UInt8]) {
      lines = source.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    mutating func convert(_ node: OpaquePointer, depth: Int = 0) -> MarkdownNode {
      let line = Int(cmark_node_get_start_line(node))
      let column = Int(cmark_node_get_start_column(node))
      let kind = kind(of: node, line: line, column: column)
      if depth >= CMark.maximumDepth, let flat = Self.flattened(node, kind: kind, line: line, column: column)
      {
        return flat
      }
      var children: [MarkdownNode] = []
      var child = cmark_node_first_child(node)
      while let current = child {
        children.append(convert(current, depth: depth + 1))
        child = cmark_node_next(current)
      }
      return MarkdownNode(kind, children: children, line: line, column: column)
    }

    /// A container too deep to walk, as itself holding its subtree's text (gathered without
    /// recursion); nil for a node that cannot nest without bound.
    static func flattened(_ node: OpaquePointer, kind: MarkdownNode.Kind, line: Int, column: Int)
      -> MarkdownNode?
    {
      func wrap(_ kind: MarkdownNode.Kind, _ children: [MarkdownNode]) -> MarkdownNode {
        MarkdownNode(kind, children: children, line: line, column: column)
      }
      let text = wrap(.text(plainText(of: node)), [])
      switch kind {
      case .list: return wrap(kind, [wrap(.item(checked: nil), [wrap(.paragraph, [text])])])
      case .item, .blockQuote, .footnoteDefinition, .document: return wrap(kind, [wrap(.paragraph, [text])])
      case .emphasis, .strong, .strikethrough, .link, .image: return wrap(kind, [text])
      default: return nil
      }
    }

    /// The text below `node`, in order, with blocks separated by line breaks.
    static func plainText(of node: OpaquePointer) -> String {
      var text = ""
      guard let iterator = cmark_iter_new(node) else { return text }
      defer { cmark_iter_free(iterator) }
      while true {
        let event = cmark_iter_next(iterator)
        if event == CMARK_EVENT_DONE { break }
        guard let current = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(current) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK,
          CMARK_NODE_HTML_BLOCK:
          if event == CMARK_EVENT_ENTER, let literal = cmark_node_get_literal(current) {
            text += String(cString: literal)
          }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
          text += " "
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
          if event == CMARK_EVENT_EXIT { text += "\n" }
        default:
          break
        }
      }
      return text
    }

    /// Whether the code span at `line`:`column` is written with two backticks each side,
    /// ``` ``Vector/norm(_:)`` ```: DocC's symbol link. cmark gives the span's text only.
    func isSymbolLink(_ code: String, line: Int, column: Int) -> Bool {
      guard line >= 1, line <= lines.count, column >= 3, !code.isEmpty, !code.contains(" ") else {
        return false
      }
      let text = lines[line - 1]
      // cmark's column is the span's text; its backticks are the two bytes before.
      let start = text.startIndex + column - 3
      let written = Array("``".utf8) + Array(code.utf8) + Array("``".utf8)
      guard start >= text.startIndex, start + written.count <= text.endIndex else { return false }
      let before = start > text.startIndex ? text[start - 1] : 0
      let after = start + written.count < text.endIndex ? text[start + written.count] : 0
      return Array(text[start..<(start + written.count)]) == written && before != UInt8(ascii: "`")
        && after != UInt8(ascii: "`")
    }

    mutating func kind(of node: OpaquePointer, line: Int, column: Int) -> MarkdownNode.Kind {
      let typeName = string(cmark_node_get_type_string(node))
      switch typeName {
      case "table":
        let count = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [MarkdownNode.TableAlignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
          for i in 0..<count {
            switch UInt8(raw[i]) {
            case UInt8(ascii: "l"): alignments.append(.left)
            case UInt8(ascii: "c"): alignments.append(.center)
            case UInt8(ascii: "r"): alignments.append(.right)
            default: alignments.append(.none)
            }
          }
        }
        return .table(alignments: alignments)
      case "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
      // cmark-gfm names the header row `table_header`.
      case "table_header": return .tableRow(isHeader: true)
      case "table_cell": return .tableCell
      case "strikethrough": return .strikethrough
      case "tasklist": return .item(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
      default: break
      }
      switch cmark_node_get_type(node) {
      case CMARK_NODE_DOCUMENT: return .document
      case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
      case CMARK_NODE_LIST:
        return .list(
          ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
          start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
      case CMARK_NODE_ITEM: return .item(checked: nil)
      case CMARK_NODE_CODE_BLOCK:
        return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node))
      case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal(node))
      case CMARK_NODE_PARAGRAPH: return .paragraph
      case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), index: -1)
      case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
      case CMARK_NODE_TEXT: return .text(literal(node))
      case CMARK_NODE_SOFTBREAK: return .softBreak
      case CMARK_NODE_LINEBREAK: return .lineBreak
      case CMARK_NODE_CODE:
        let code = literal(node)
        return isSymbolLink(code, line: line, column: column) ? .symbolLink(code) : .code(code)
      case CMARK_NODE_HTML_INLINE: return .htmlInline(literal(node))
      case CMARK_NODE_EMPH: return .emphasis
      case CMARK_NODE_STRONG: return .strong
      case CMARK_NODE_LINK:
        return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
      case CMARK_NODE_IMAGE:
        return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
      case CMARK_NODE_FOOTNOTE_REFERENCE:
        // cmark-gfm numbers references in order of first use and puts that number in the literal.
        let label = literal(node)
        return .footnoteReference(label: label, index: Int(label) ?? 0)
      case CMARK_NODE_FOOTNOTE_DEFINITION:
        // Definitions come out moved to the end, in the order of their numbers.
        definitions += 1
        return .footnoteDefinition(label: String(definitions), index: definitions)
      default:
        return .text(literal(node))
      }
    }

    func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
      pointer.map { String(cString: $0) } ?? ""
    }
  }
}
