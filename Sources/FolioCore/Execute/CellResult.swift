// What running a chapter program produced, cell by cell.
import FolioProtocol
import Foundation

/// The outcome of one cell.
public struct CellResult: Sendable, Hashable, Codable {
  /// How a cell ended.
  public enum Status: String, Sendable, Hashable, Codable {
    /// Ran to its end (or, for `norun`, was not meant to run).
    case ok
    /// Did not compile, trapped, exited, or timed out.
    case failed
    /// Not reached: an earlier cell failed.
    case notRun = "not-run"
    /// A `should-fail` cell that failed, or a `compile-fail` cell that did not compile, as declared.
    case failedAsDeclared = "failed-as-declared"
  }

  /// How the cell ended.
  public var status: Status
  /// What it wrote and displayed, in order.
  public var outputs: [OutputItem]
  /// The compiler's or the runtime's messages about this cell, mapped to the Markdown.
  public var diagnostics: [Diagnostic]
  /// For a cell that did not run, why not (which cell stopped the program, and how).
  public var note: String?
  /// Whether the output was cut at the per-cell limit.
  public var truncated: Bool
  /// The inputs the cell declared (`slider`), in order: the page's sliders for a live cell.
  public var inputs: [LiveInput] = []
  /// A live cell's WebAssembly module, when it compiled.
  public var live: LiveModule?

  /// Creates a result.
  public init(
    status: Status, outputs: [OutputItem] = [], diagnostics: [Diagnostic] = [], truncated: Bool = false,
    note: String? = nil
  ) {
    self.status = status
    self.note = note
    self.outputs = outputs
    self.diagnostics = diagnostics
    self.truncated = truncated
  }

  /// Everything the cell printed to standard output, joined: what `output` blocks pin.
  public var printedText: String {
    outputs.compactMap { if case .stdout(let s) = $0 { s } else { nil } }.joined()
  }
}

/// One piece of a cell's output.
public enum OutputItem: Sendable, Hashable, Codable {
  /// Text written to standard output. Always shown as text, never as markup.
  case stdout(String)
  /// Text written to standard error, shown apart from stdout.
  case stderr(String)
  /// A rich value the cell passed to `display(_:)`.
  case display(RichValue)
  /// The value of the cell's last expression, shown like a notebook's `Out[ ]`.
  case value(RichValue)
  /// The value of one top-level line, for cells with the `values` option.
  case lineValue(line: Int, RichValue)
}

/// A value sent through the display channel.
public struct RichValue: Sendable, Hashable, Codable {
  /// How the engine renders a value (the wire's own kinds).
  public typealias Kind = DisplayKind

  /// How to render it.
  public var kind: Kind
  /// The text, SVG or HTML.
  public var data: String
  /// A text alternative (the plot's title, the value's description).
  public var summary: String

  /// Creates a rich value.
  public init(kind: Kind, data: String, summary: String = "") {
    self.kind = kind
    self.data = data
    self.summary = summary
  }

  enum CodingKeys: String, CodingKey { case kind, data, summary }

  /// Reads a value whose `data` is kept as its UTF-8 bytes (base64 in JSON): figures are SVG
  /// full of quotes, and a JSON string with escapes decodes several times slower than one
  /// without, which every build that reads its cached results paid for every figure.
  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    kind = try fields.decode(Kind.self, forKey: .kind)
    data = String(decoding: try fields.decode(Data.self, forKey: .data), as: UTF8.self)
    summary = try fields.decode(String.self, forKey: .summary)
  }

  /// Writes the value as `init(from:)` reads it.
  public func encode(to encoder: any Encoder) throws {
    var fields = encoder.container(keyedBy: CodingKeys.self)
    try fields.encode(kind, forKey: .kind)
    try fields.encode(Data(data.utf8), forKey: .data)
    try fields.encode(summary, forKey: .summary)
  }
}

/// The results of one chapter: one per cell, in cell order.
public struct ChapterResults: Sendable, Hashable, Codable {
  /// One result per cell of the chapter, same order as `Chapter.cells`.
  public var cells: [CellResult]
  /// Diagnostics about the chapter as a whole (a timeout, a link failure).
  public var diagnostics: [Diagnostic]
  /// Whether a program was stopped from outside (it ran past its time limit): such results say
  /// more about the machine's load than about the chapter, so they are never cached.
  public var interrupted: Bool

  /// Creates results.
  public init(cells: [CellResult], diagnostics: [Diagnostic] = [], interrupted: Bool = false) {
    self.cells = cells
    self.diagnostics = diagnostics
    self.interrupted = interrupted
  }
}
