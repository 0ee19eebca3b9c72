// Parse stage: one chapter file in, a Chapter (tree, headings, cells, expectations) out.
import Foundation
import Yams

/// Parses chapter files with cmark-gfm and finds their cells, expected outputs and headings.
///
/// Problems in the file (an unknown cell option, bad front matter) do not stop the parse; they
/// come back in `Chapter.diagnostics` so that every problem in the book is reported at once.
public struct ChapterParser: Sendable {
  /// Creates a parser.
  public init() {}

  /// Parses one chapter.
  public func parse(_ file: ChapterFile) -> Chapter {
    var diagnostics: [Diagnostic] = []
    let (body, tolerance) = frontMatter(of: file, diagnostics: &diagnostics)
    let math = MathSpans(body)
    let raw = CMark.parse(math.text)
    var document = Self.restore(raw, math: math)

    var headings: [Heading] = []
    var anchors = AnchorAllocator()
    var cells: [Cell] = []
    let fences = FenceIndex(file.text)
    collect(
      &document, file: file, headings: &headings, anchors: &anchors, cells: &cells, fences: fences,
      diagnostics: &diagnostics)
    let title = headings.first?.text ?? file.slug
    return Chapter(
      file: file, title: title, document: document, headings: headings, cells: cells, tolerance: tolerance,
      diagnostics: diagnostics)
  }

  // MARK: - Front matter

  /// Splits off a leading `---` YAML block (blanking its lines so line numbers stay true) and
  /// reads the chapter settings from it.
  private func frontMatter(of file: ChapterFile, diagnostics: inout [Diagnostic]) -> (String, Tolerance?) {
    let text = file.text
    guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (text, nil) }
    var lines = text.rawLines
    guard
      let end = lines.indices.dropFirst().first(where: {
        lines[$0].trimmingCharacters(in: .whitespaces) == "---"
      })
    else { return (text, nil) }
    let yaml = lines[1..<end].joined(separator: "\n")
    for i in 0...end { lines[i] = "" }
    let body = lines.joined(separator: "\n")
    do {
      let settings = try YAMLDecoder().decode(ChapterSettings.self, from: yaml.isEmpty ? "{}" : yaml)
      return (body, settings.tolerance)
    } catch {
      diagnostics.append(
        Diagnostic(
          at: SourceLocation(file: file.path, line: 2, column: 1),
          "front matter: \(Self.describe(error)); known keys: tolerance (relative, absolute)"))
      return (body, nil)
    }
  }

  /// The settings a chapter's front matter may hold.
  private struct ChapterSettings: Decodable {
    var tolerance: Tolerance?

    enum CodingKeys: String, CodingKey, CaseIterable { case tolerance }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: AnyKey.self)
      for key in c.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "unknown key '\(key.stringValue)'")
      }
      tolerance = try c.decodeIfPresent(Tolerance.self, forKey: AnyKey("tolerance"))
    }
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
      DecodingError.valueNotFound(_, let context):
      return context.debugDescription
    case DecodingError.keyNotFound(let key, _):
      return "missing key '\(key.stringValue)'"
    default:
      return "\(error)"
    }
  }

  // MARK: - Maths and line numbers

  /// Maps lines back to the original file and turns maths placeholders into `.math` nodes
  /// (or back into their source where maths cannot be, such as link targets).
  static func restore(_ node: MarkdownNode, math: MathSpans) -> MarkdownNode {
    var node = node
    restore(&node, math: math, remap: !math.keepsLines)
    return node
  }

  /// `restore(_:math:)` in place: only nodes whose line moved or whose text holds a placeholder
  /// change, so a chapter's tree is not copied node by node.
  private static func restore(_ node: inout MarkdownNode, math: MathSpans, remap: Bool) {
    if remap { node.line = restoreLine(node.line, math) }
    func source(_ s: String) -> String { Self.replacePlaceholders(s, math: math) { $0.source } }
    switch node.kind {
    case .link(let destination, let title) where holdsPlaceholder(destination) || holdsPlaceholder(title):
      node.kind = .link(destination: source(destination), title: source(title))
    case .image(let src, let title) where holdsPlaceholder(src) || holdsPlaceholder(title):
      node.kind = .image(source: source(src), title: source(title))
    case .codeBlock(let info, let code) where holdsPlaceholder(info) || holdsPlaceholder(code):
      node.kind = .codeBlock(info: source(info), code: source(code))
    // Put back, a formula's source is raw HTML too: it goes through the tag filter like the rest.
    case .htmlBlock(let html) where holdsPlaceholder(html):
      node.kind = .htmlBlock(Self.refiltered(html, source(html)))
    case .htmlInline(let html) where holdsPlaceholder(html):
      node.kind = .htmlInline(Self.refiltered(html, source(html)))
    case .code(let code) where holdsPlaceholder(code): node.kind = .code(source(code))
    case .symbolLink(let path) where holdsPlaceholder(path): node.kind = .symbolLink(source(path))
    default: break
    }
    var i = 0
    while i < node.children.count {
      if case .text(let text) = node.children[i].kind, holdsPlaceholder(text) {
        let child = node.children[i]
        let parts = split(text, math: math).map {
          MarkdownNode($0, line: restoreLine(child.line, math), column: child.column)
        }
        node.children.replaceSubrange(i...i, with: parts)
        i += parts.count
      } else {
        restore(&node.children[i], math: math, remap: remap)
        i += 1
      }
    }
  }

  /// Whether `text` holds a maths placeholder: its first byte found by the C library, so the
  /// many strings without one cost next to nothing in any build.
  private static func holdsPlaceholder(_ text: String) -> Bool {
    let lead = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return memchr(base, 0xEE, buffer.count) != nil
    }
    return lead == false ? false : text.contains(MathSpans.open)
  }

  /// `restored` through GFM's tag filter again when putting maths back changed `original`.
  private static func refiltered(_ original: String, _ restored: String) -> String {
    restored == original ? original : CMark.tagFiltered(restored)
  }

  private static func restoreLine(_ line: Int, _ math: MathSpans) -> Int {
    line > 0 && math.originalLine.indices.contains(line - 1) ? math.originalLine[line - 1] : line
  }

  /// Splits text at placeholders into text and maths kinds.
  private static func split(_ text: String, math: MathSpans) -> [MarkdownNode.Kind] {
    var kinds: [MarkdownNode.Kind] = []
    var current = ""
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      if c == MathSpans.open, let close = text[index...].firstIndex(of: MathSpans.close),
        let n = Int(text[text.index(after: index)..<close]), math.formulas.indices.contains(n)
      {
        if !current.isEmpty { kinds.append(.text(current)) }
        current = ""
        kinds.append(.math(tex: math.formulas[n].tex, display: math.formulas[n].display))
        index = text.index(after: close)
      } else {
        current.append(c)
        index = text.index(after: index)
      }
    }
    if !current.isEmpty { kinds.append(.text(current)) }
    return kinds
  }

  private static func replacePlaceholders(
    _ text: String, math: MathSpans, with replacement: (MathSpans.Formula) -> String
  ) -> String {
    guard holdsPlaceholder(text) else { return text }
    return split(text, math: math).map {
      switch $0 {
      case .text(let s): s
      case .math(let tex, let display):
        math.formulas.first { $0.tex == tex && $0.display == display }.map(replacement) ?? tex
      default: ""
      }
    }.joined()
  }

  // MARK: - Headings and cells

  /// Gives every heading and cell its identity, in document order: headings get their anchor
  /// and index, cells their index, and each cell's fenced block (and the `output` block after
  /// it) is replaced by a node that names the cell, so later stages never match by line.
  private func collect(
    _ node: inout MarkdownNode, file: ChapterFile, headings: inout [Heading], anchors: inout AnchorAllocator,
    cells: inout [Cell], fences: FenceIndex, diagnostics: inout [Diagnostic]
  ) {
    var i = 0
    while i < node.children.count {
      let child = node.children[i]
      switch child.kind {
      case .heading(let level, _):
        let text = child.plainText.trimmingCharacters(in: .whitespaces)
        node.children[i].kind = .heading(level: level, index: headings.count)
        headings.append(
          Heading(level: level, text: text, anchor: anchors.anchor(for: text), line: child.line))
      case .codeBlock(let info, let code) where CellInfo.isCell(info):
        let location = SourceLocation(file: file.path, line: child.line, column: child.column)
        let options: CellOptions
        do {
          options = try CellInfo.parse(info)
        } catch {
          diagnostics.append(Diagnostic(at: location, error.message))
          options = CellOptions(mode: .norun)
        }
        let index = cells.count
        node.children[i].kind = .cell(index: index)
        var expected: ExpectedOutput?
        if i + 1 < node.children.count, case .codeBlock(let nextInfo, let text) = node.children[i + 1].kind,
          CellInfo.isOutput(nextInfo)
        {
          let next = node.children[i + 1]
          expected = ExpectedOutput(
            text: text, fenceLine: next.line, closingLine: fences.closingLine(of: next.line))
          node.children[i + 1].kind = .cellOutput(index: index)
          i += 1
        }
        cells.append(
          Cell(
            index: index, options: options, code: code, fenceLine: child.line, codeLine: child.line + 1,
            codeColumn: max(child.column, 1), expected: expected,
            closingLine: fences.closingLine(of: child.line)))
      case .codeBlock(let info, _) where CellInfo.isOutput(info):
        // An `output` block pins the cell right before it; anywhere else it would be shown on the
        // page and never checked against a run.
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: file.path, line: child.line, column: max(child.column, 1)),
            "output block at line \(child.line) follows no cell; put it right after the `swift` block whose "
              + "output it pins, or remove it"))
      default:
        collect(
          &node.children[i], file: file, headings: &headings, anchors: &anchors, cells: &cells,
          fences: fences,
          diagnostics: &diagnostics)
      }
      i += 1
    }
  }
}

/// A `CodingKey` for any string, to list the keys a YAML mapping holds.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// Finds the closing fence of a fenced block from the file's own lines (cmark's end line is
/// not reliable for a block at the end of the file).
struct FenceIndex {
  private let bytes: [UInt8]
  private let lines: [Range<Int>]

  init(_ text: String) {
    bytes = Array(text.utf8)
    lines = Array(Lines(bytes))
  }

  /// The 1-based line of the fence closing the block opened at `fenceLine`; the last line of
  /// the file when it is never closed. Block-quote markers and indentation before a fence are
  /// skipped.
  func closingLine(of fenceLine: Int) -> Int {
    guard fenceLine >= 1, fenceLine <= lines.count,
      let open = Fence.opens(bytes[lines[fenceLine - 1]].drop { $0 == 0x20 || $0 == 0x3E || $0 == 0x09 })
    else { return fenceLine }
    for i in fenceLine..<lines.count
    where Fence.closes(bytes[lines[i]].drop { $0 == 0x3E }.drop { $0 == 0x20 }, open) {
      return i + 1
    }
    let trailingEmpty = lines.last.map(\.isEmpty) ?? false
    return max(lines.count - (trailingEmpty ? 1 : 0), fenceLine)
  }
}
