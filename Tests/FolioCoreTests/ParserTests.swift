// Unit tests for the parse stage: cells, options, expected outputs, headings, maths, front matter.
import Foundation
import Testing

@testable import FolioCore

@Suite struct ParserTests {
  @Test("double backticks are a DocC symbol link; single ones stay code")
  func symbolLinks() {
    let chapter = parse(
      """
      # Title

      A ``Vector`` and `code`, then ``Vector/norm(_:)`` and $x$ with ``MLMath/softmax(_:)-(Vector)``.
      > Quoted ``Matrix/transposed``, and `` `ticks` ``.
      """)
    var links: [String] = []
    var codes: [String] = []
    LinkChecker.visit(chapter.document) { node in
      if case .symbolLink(let path) = node.kind { links.append(path + "@\(node.line)") }
      if case .code(let code) = node.kind { codes.append(code) }
    }
    #expect(
      links == ["Vector@3", "Vector/norm(_:)@3", "MLMath/softmax(_:)-(Vector)@3", "Matrix/transposed@4"])
    #expect(codes == ["code", "`ticks`"])
  }

  func parse(_ text: String, name: String = "01-test.md") -> Chapter {
    ChapterParser().parse(
      ChapterFile(path: "chapters/\(name)", slug: BookLoader.slug(forFileName: name), text: text))
  }

  @Test func findsCellsOptionsAndExpectedOutputs() {
    let chapter = parse(
      """
      # Title

      ```swift
      let a = 1
      ```

      ```output
      1
      ```

      ```swift hide rtol=1e-3
      print(a)
      ```

      ```python
      not a cell
      ```

      ```swift should-fail
      fatalError()
      ```
      """)
    #expect(chapter.title == "Title")
    #expect(chapter.cells.count == 3)
    #expect(chapter.cells[0].fenceLine == 3)
    #expect(chapter.cells[0].codeLine == 4)
    #expect(chapter.cells[0].closingLine == 5)
    #expect(chapter.cells[0].expected?.text == "1\n")
    #expect(chapter.cells[0].expected?.fenceLine == 7)
    #expect(chapter.cells[0].expected?.closingLine == 9)
    #expect(chapter.cells[1].options.mode == .hide)
    #expect(
      chapter.cells[1].options.tolerance == Tolerance(relative: 1e-3, absolute: Tolerance.default.absolute))
    #expect(chapter.cells[1].expected == nil)
    #expect(chapter.cells[2].options.mode == .shouldFail)
    #expect(chapter.diagnostics.isEmpty)
  }

  @Test func unknownOptionIsAnErrorAtItsLine() {
    let chapter = parse("# T\n\ntext\n\n```swift hidden\nprint(1)\n```\n")
    #expect(chapter.diagnostics.count == 1)
    #expect(
      chapter.diagnostics.first?.location == SourceLocation(file: "chapters/01-test.md", line: 5, column: 1))
    #expect(chapter.diagnostics.first?.message.contains("unknown cell option 'hidden'") == true)
  }

  @Test func conflictingModesAreAnError() {
    let chapter = parse("```swift hide setup\nprint(1)\n```\n")
    #expect(chapter.diagnostics.first?.message.contains("cannot be combined") == true)
  }

  @Test func headingAnchorsAreUniqueAndReadable() {
    let chapter = parse("# Norms\n\n## The L1 norm\n\n## The L1 norm\n\n### Über *alles*!\n")
    #expect(chapter.headings.map(\.anchor) == ["norms", "the-l1-norm", "the-l1-norm-1", "über-alles"])
    #expect(chapter.headings.map(\.line) == [1, 3, 5, 7])
  }

  @Test func mathsBecomesMathNodesOutsideCode() {
    let chapter = parse(
      """
      # M

      Inline $a_1 * b_2$ and `code $x$` and \\$5.

      $$
      \\sum_i x_i^2 \\\\ y
      $$

      After the display.

      ```swift
      let s = "$not maths$"
      ```
      """)
    var maths: [(String, Bool)] = []
    var codes: [String] = []
    LinkChecker.visit(chapter.document) { node in
      if case .math(let tex, let display) = node.kind { maths.append((tex, display)) }
      if case .code(let code) = node.kind { codes.append(code) }
    }
    #expect(maths.map(\.0) == ["a_1 * b_2", "\\sum_i x_i^2 \\\\ y"])
    #expect(maths.map(\.1) == [false, true])
    #expect(codes == ["code $x$"])
    #expect(chapter.cells.first?.code == "let s = \"$not maths$\"\n")
    #expect(chapter.cells.first?.fenceLine == 11)
    let after = chapter.document.children.first { $0.plainText.hasPrefix("After") }
    #expect(after?.line == 9)
  }

  @Test func dollarAmountsAreNotMaths() {
    let chapter = parse("It costs $5 and $6 today.\n")
    var found = false
    LinkChecker.visit(chapter.document) { if case .math = $0.kind { found = true } }
    #expect(!found)
  }

  @Test func frontMatterSetsTheChapterToleranceAndKeepsLineNumbers() {
    let chapter = parse(
      "---\ntolerance:\n  relative: 1e-6\n  absolute: 0\n---\n# T\n\n```swift\nprint(1)\n```\n")
    #expect(chapter.tolerance == Tolerance(relative: 1e-6, absolute: 0))
    #expect(chapter.headings.first?.line == 6)
    #expect(chapter.cells.first?.codeLine == 9)
  }

  @Test func unknownFrontMatterKeyIsAnError() {
    let chapter = parse("---\ntolerence: 3\n---\n# T\n")
    #expect(chapter.diagnostics.first?.message.contains("unknown key 'tolerence'") == true)
  }

  @Test func tablesFootnotesAndStrikethroughAreParsed() {
    let chapter = parse("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~old~~ text[^n]\n\n[^n]: A note.\n")
    var kinds: [String] = []
    LinkChecker.visit(chapter.document) { node in
      switch node.kind {
      case .table(let alignments): kinds.append("table\(alignments.count)")
      case .strikethrough: kinds.append("strike")
      case .footnoteReference(let label, _): kinds.append("ref:\(label)")
      case .footnoteDefinition(let label, _): kinds.append("def:\(label)")
      default: break
      }
    }
    #expect(kinds.contains("table2"))
    #expect(kinds.contains("strike"))
    #expect(kinds.contains("ref:1"))
    #expect(kinds.contains("def:1"))
  }

  @Test func crlfFilesKeepTheirLineNumbers() {
    let chapter = parse("# T\r\n\r\nSome $x$.\r\n\r\n```swift\r\nprint(1)\r\n```\r\n")
    #expect(chapter.cells.first?.fenceLine == 5)
    #expect(chapter.cells.first?.closingLine == 7)
  }

  @Test func pathologicalInputParsesCompletely() {
    // Deep nesting and a very long line of maths: nothing is dropped or cut short.
    let nested = (0..<300).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
    var depth = 0
    var node = parse(nested).document
    while let list = node.children.first(where: { if case .list = $0.kind { true } else { false } }) {
      depth += 1
      node = list.children.first ?? list
    }
    #expect(depth > 100)
    let longLine = String(repeating: "word $x$ ", count: 120_000)
    var formulas = 0
    LinkChecker.visit(parse(longLine).document) { if case .math = $0.kind { formulas += 1 } }
    #expect(formulas == 120_000)
    let unterminated = "# T\n\n```swift\nprint(1)\n"
    #expect(parse(unterminated).cells.first?.code == "print(1)\n")
  }

  @Test func outputBlockThatFollowsNoCellIsAnErrorAtItsLine() {
    let chapter = parse(
      """
      # T

      ```swift
      print(1)
      ```

      A caption.

      ```output
      1
      ```
      """)
    #expect(chapter.cells.first?.expected == nil)
    #expect(chapter.diagnostics.count == 1)
    #expect(
      chapter.diagnostics.first?.location == SourceLocation(file: "chapters/01-test.md", line: 9, column: 1))
    #expect(chapter.diagnostics.first?.message.contains("output block at line 9 follows no cell") == true)
  }
}
