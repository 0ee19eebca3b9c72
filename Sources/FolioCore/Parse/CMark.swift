// The only file that touches C: runs cmark-gfm and converts its tree into MarkdownNode values.
import CCmarkGFM
import Foundation

/// A thin wrapper over Debian's cmark-gfm with the GFM extensions the book uses.
enum CMark {
  /// cmark-gfm's extensions, registered once: its own check is a plain static flag, so two
  /// threads parsing at once (chapters do, and doc comments beside them) could both register
  /// them. Swift runs a static's initialiser once, whatever the threads.
  private static let extensions: Void = cmark_gfm_core_extensions_ensure_registered()

  /// Parses Markdown into a `MarkdownNode` tree; every node carries cmark's source line and column.
  ///
  /// The extensions: tables, strikethrough, autolinks, task lists, footnotes, and GFM's tag
  /// filter. Raw HTML becomes `.htmlBlock`/`.htmlInline` nodes holding what cmark-gfm's own HTML
  /// renderer writes for them: the author's markup, with the tag filter applied.
  static func parse(_ markdown: String) -> MarkdownNode {
    _ = extensions
    let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    guard let parser = cmark_parser_new(options) else { return MarkdownNode(.document) }
    defer { cmark_parser_free(parser) }
    // `tagfilter` changes no parsing: it is a filter cmark's HTML renderer applies to raw HTML.
    for name in ["table", "strikethrough", "autolink", "tasklist", "tagfilter"] {
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
    var converter = Converter(extensions: cmark_parser_get_syntax_extensions(parser), source: bytes)
    return converter.convert(root)
  }

  /// A link or image destination as cmark-gfm's HTML renderer writes it into `href`/`src`:
  /// percent-encoded (spaces, non-ASCII bytes, `\`, `"`, `[`…), with `&` and `'` as character
  /// references, ready to go between double quotes unchanged. A destination cmark deems unsafe
  /// (`javascript:`, `vbscript:`, `file:`, `data:` other than PNG, GIF, JPEG and WebP images)
  /// becomes the empty string, as cmark writes it.
  ///
  /// cmark itself renders a lone link node, rather than a copy of its escaping rules living here:
  /// the page then encodes exactly as the cmark-gfm that parsed the chapter, with the same
  /// unsafe-scheme rule, and one small render per link costs microseconds.
  static func escapedDestination(_ destination: String) -> String {
    guard let node = cmark_node_new(CMARK_NODE_LINK) else { return "" }
    defer { cmark_node_free(node) }
    cmark_node_set_url(node, destination)
    let html = render(node, options: CMARK_OPT_DEFAULT, extensions: nil)
    // `<a href="…"></a>`: houdini encodes every `"` inside the destination as `%22`.
    guard let start = html.range(of: "href=\""),
      let end = html[start.upperBound...].firstIndex(of: "\"")
    else { return "" }
    return String(html[start.upperBound..<end])
  }

  /// `html` through GFM's tag filter, as cmark-gfm's renderer filters raw HTML: for raw HTML whose
  /// text changed after parsing (maths placeholders put back as their source, which may hold tags).
  static func tagFiltered(_ html: String) -> String {
    _ = extensions
    // As a block: cmark filters every tag of a block, but only the first `<` of an inline node
    // (which it parsed as one tag).
    guard let filter = cmark_find_syntax_extension("tagfilter"),
      let node = cmark_node_new(CMARK_NODE_HTML_BLOCK)
    else { return HTML.escape(html) }
    defer { cmark_node_free(node) }
    cmark_node_set_literal(node, html)
    let memory = cmark_get_default_mem_allocator()
    let extensions = cmark_llist_append(memory, nil, UnsafeMutableRawPointer(filter))
    defer { cmark_llist_free(memory, extensions) }
    let filtered = render(node, options: CMARK_OPT_UNSAFE, extensions: extensions)
    // The block renderer ends what it writes with a line break.
    return !html.hasSuffix("\n") && filtered.hasSuffix("\n") ? String(filtered.dropLast()) : filtered
  }

  /// cmark-gfm's HTML for `node` and what it contains.
  fileprivate static func render(
    _ node: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
  )
    -> String
  {
    guard let html = cmark_render_html(node, options, extensions) else { return "" }
    defer { free(html) }
    return String(cString: html)
  }

  /// How deep the tree may nest. Every stage walks the tree recursively, so an input nested
  /// without bound (`> > > …` or `- - - …` twenty thousand times) would overflow the stack;
  /// below this depth (300 nested lists are about 600 levels) nothing changes, and a container
  /// at it keeps its kind but holds its whole subtree as one piece of text.
  static let maximumDepth = 800

  /// Walks cmark's tree once, building Swift values.
  private struct Converter {
    /// The parser's extensions, handed to cmark's renderer so that its tag filter applies.
    let extensions: UnsafeMutablePointer<cmark_llist>?
    var definitions = 0
    /// The Markdown's bytes and their lines: a code span's own backticks are read from them.
    let source: [UInt8]
    let lines: [Range<Int>]

    init(extensions: UnsafeMutablePointer<cmark_llist>?, source: [UInt8]) {
      self.extensions = extensions
      self.source = source
      lines = Lines.ranges(source)
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
      let text = source[lines[line - 1]]
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
      let type = cmark_node_get_type(node)
      // Only the extensions' nodes (and a list item, which may be a task) need their type's name.
      return Self.isCore(type) && type != CMARK_NODE_ITEM
        ? coreKind(of: node, type: type, line: line, column: column)
        : extensionKind(of: node, type: type, line: line, column: column)
    }

    /// Whether cmark itself defines `type` (an extension registers types of its own).
    static func isCore(_ type: cmark_node_type) -> Bool {
      switch type {
      case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
        CMARK_NODE_CODE_BLOCK,
        CMARK_NODE_HTML_BLOCK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_THEMATIC_BREAK,
        CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE,
        CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_FOOTNOTE_REFERENCE,
        CMARK_NODE_FOOTNOTE_DEFINITION:
        return true
      default:
        return false
      }
    }

    /// The kind of a node an extension made (or may have: a list item), by its type's name.
    mutating func extensionKind(of node: OpaquePointer, type: cmark_node_type, line: Int, column: Int)
      -> MarkdownNode.Kind
    {
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
      default: return coreKind(of: node, type: type, line: line, column: column)
      }
    }

    /// The kind of a node of one of cmark's own types.
    mutating func coreKind(of node: OpaquePointer, type: cmark_node_type, line: Int, column: Int)
      -> MarkdownNode.Kind
    {
      switch type {
      case CMARK_NODE_DOCUMENT: return .document
      case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
      case CMARK_NODE_LIST:
        return .list(
          ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
          start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
      case CMARK_NODE_ITEM: return .item(checked: nil)
      case CMARK_NODE_CODE_BLOCK:
        return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node))
      case CMARK_NODE_HTML_BLOCK: return .htmlBlock(filteredHTML(node))
      case CMARK_NODE_PARAGRAPH: return .paragraph
      case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), index: -1)
      case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
      case CMARK_NODE_TEXT: return .text(literal(node))
      case CMARK_NODE_SOFTBREAK: return .softBreak
      case CMARK_NODE_LINEBREAK: return .lineBreak
      case CMARK_NODE_CODE:
        let code = literal(node)
        return isSymbolLink(code, line: line, column: column) ? .symbolLink(code) : .code(code)
      case CMARK_NODE_HTML_INLINE: return .htmlInline(filteredHTML(node))
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

    /// A raw HTML node as cmark-gfm renders it with raw HTML allowed: its literal, with the tag
    /// filter's `<` → `&lt;` on `<script>`, `<style>`, `<iframe>`, `<textarea>`, `<title>`, `<xmp>`,
    /// `<noembed>`, `<noframes>` and `<plaintext>`. A block keeps the line break that ends it.
    func filteredHTML(_ node: OpaquePointer) -> String {
      CMark.render(node, options: CMARK_OPT_UNSAFE, extensions: extensions)
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
      pointer.map { String(cString: $0) } ?? ""
    }
  }
}
