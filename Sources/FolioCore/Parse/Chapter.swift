// A parsed chapter: its Markdown tree, its title and headings, and its cells.
import Foundation

/// A chapter after parsing: what the planner, the checker and the renderer work from.
public struct Chapter: Sendable, Hashable {
  /// The file it came from.
  public var file: ChapterFile
  /// The text of the first heading (the file's slug when there is none).
  public var title: String
  /// The parsed Markdown. Cells are `.cell(index)` nodes and their `output` blocks
  /// `.cellOutput(index)` nodes; headings carry their index into `headings`.
  public var document: MarkdownNode
  /// Every heading with its anchor, in order.
  public var headings: [Heading]
  /// The `swift` code blocks, in order.
  public var cells: [Cell]
  /// A chapter-wide tolerance from front matter, overriding the book's.
  public var tolerance: Tolerance?
  /// Problems found while parsing (an unknown cell option, bad front matter).
  public var diagnostics: [Diagnostic]

  /// Creates a chapter.
  public init(
    file: ChapterFile, title: String, document: MarkdownNode, headings: [Heading], cells: [Cell],
    tolerance: Tolerance? = nil, diagnostics: [Diagnostic] = []
  ) {
    self.file = file
    self.title = title
    self.document = document
    self.headings = headings
    self.cells = cells
    self.tolerance = tolerance
    self.diagnostics = diagnostics
  }
}

/// A heading and the anchor that links to it.
public struct Heading: Sendable, Hashable, Codable {
  /// 1-6.
  public var level: Int
  /// The heading's plain text.
  public var text: String
  /// The `id` of the heading element, unique within its page.
  public var anchor: String
  /// The heading's line in the chapter file.
  public var line: Int

  /// Creates a heading.
  public init(level: Int, text: String, anchor: String, line: Int) {
    self.level = level
    self.text = text
    self.anchor = anchor
    self.line = line
  }
}

/// A fenced block whose info string starts with `swift`: code the book runs.
public struct Cell: Sendable, Hashable, Codable {
  /// 0-based position among the chapter's cells.
  public var index: Int
  /// The cell's options from the info string.
  public var options: CellOptions
  /// The code, exactly as between the fences.
  public var code: String
  /// The line of the opening fence.
  public var fenceLine: Int
  /// The line of the first line of code (the fence line + 1).
  public var codeLine: Int
  /// The column of the first character of code (1 unless the block is indented).
  public var codeColumn: Int
  /// The fenced `output` block directly after the cell, if any.
  public var expected: ExpectedOutput?
  /// The line of the closing fence (the last line of the file when the fence is unterminated).
  public var closingLine: Int

  /// Creates a cell.
  public init(
    index: Int, options: CellOptions, code: String, fenceLine: Int, codeLine: Int, codeColumn: Int = 1,
    expected: ExpectedOutput? = nil, closingLine: Int? = nil
  ) {
    self.index = index
    self.options = options
    self.code = code
    self.fenceLine = fenceLine
    self.codeLine = codeLine
    self.codeColumn = codeColumn
    self.expected = expected
    self.closingLine = closingLine ?? fenceLine
  }
}

/// What an info string such as `swift hide rtol=1e-6` asks of a cell.
public struct CellOptions: Sendable, Hashable, Codable {
  /// How the cell is run and shown.
  public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
    /// `swift`: run; show code and output.
    case normal
    /// `swift hide`: run; show output only.
    case hide
    /// `swift setup`: run; show nothing.
    case setup
    /// `swift norun`: never run; show code only.
    case norun
    /// `swift should-fail`: run; must trap or exit non-zero.
    case shouldFail = "should-fail"
    /// `swift compile-fail`: compiled alone; must not compile.
    case compileFail = "compile-fail"
  }

  /// How the cell is run and shown.
  public var mode: Mode
  /// `values`: show the value of every top-level expression line beside the code.
  public var lineValues: Bool
  /// `rtol=…` / `atol=…`: this cell's tolerance, overriding the chapter's.
  public var tolerance: Tolerance?
  /// `fresh`: this cell starts a new program; it and the cells after it do not see what the
  /// cells before it declared (independent examples in one chapter may reuse names).
  public var startsProgram: Bool
  /// `live`: the cell is also compiled to WebAssembly, and the reader re-runs it in the page with
  /// its inputs (`slider`) moved.
  public var live: Bool

  /// Creates options.
  public init(
    mode: Mode = .normal, lineValues: Bool = false, tolerance: Tolerance? = nil, startsProgram: Bool = false,
    live: Bool = false
  ) {
    self.mode = mode
    self.lineValues = lineValues
    self.tolerance = tolerance
    self.startsProgram = startsProgram
    self.live = live
  }

  /// Whether the cell is part of the chapter program.
  public var runs: Bool { mode != .norun && mode != .compileFail }
  /// Whether the page shows the code.
  public var showsCode: Bool { mode != .hide && mode != .setup }
  /// Whether the page shows the output.
  public var showsOutput: Bool { mode != .setup && mode != .norun }
}

/// A fenced `output` block that pins what a cell prints.
public struct ExpectedOutput: Sendable, Hashable, Codable {
  /// The text between the fences.
  public var text: String
  /// The line of the opening fence.
  public var fenceLine: Int
  /// The line of the closing fence (equal to `fenceLine` when unterminated at the end of file).
  public var closingLine: Int

  /// Creates an expected output.
  public init(text: String, fenceLine: Int, closingLine: Int) {
    self.text = text
    self.fenceLine = fenceLine
    self.closingLine = closingLine
  }
}
