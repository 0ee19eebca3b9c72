// The wire format between a running chapter program (FolioRuntime) and the engine (FolioCore):
// defined once, here, and imported by both. Free of Foundation, like the runtime.
//
// The program's stdout and stderr are regular files the engine created. The runtime writes one
// JSON object per line to the control file named by the environment variable `FOLIO_CONTROL`,
// each with one write(2) call, after flushing stdout. Every record carries the byte offsets of
// stdout and stderr at that moment, so the engine can cut the two streams into cells exactly,
// and rich values never travel inside printed text:
//
//   {"event":"begin","cell":0,"stdout":0,"stderr":0}
//   {"event":"display","cell":0,"stdout":120,"stderr":0,"kind":"svg","data":"<svg …","summary":"…"}
//   {"event":"value","cell":0,"stdout":120,"stderr":0,"kind":"text","data":"42","summary":"42"}
//   {"event":"lineValue","cell":0,"line":14,"stdout":…,"stderr":…,"kind":"text","data":"3.0","summary":"3.0"}
//   {"event":"end","cell":0,"stdout":120,"stderr":0}
//   {"event":"shouldFail","cell":3,"stdout":…,"stderr":…,"outcome":"failed","status":…}
//   {"event":"finish","cell":-1,"stdout":…,"stderr":…}
//   {"event":"input","cell":2,"stdout":…,"stderr":…,"label":"λ","value":0.5,"min":0,"max":2,"step":0.01}
//
// `shouldFail` is written by the parent after the forked child that ran a `should-fail` cell
// ended: `outcome` says how the child ended. `input` is written when a cell declares an input the
// reader can change (`slider(_:_:in:step:)`); a native run uses its default value.
//
// The same file is compiled with Embedded Swift into every live cell's WebAssembly module, so
// `Codable` (unavailable there) is added in extensions only the native build sees.

/// Names both sides of the wire agree on.
public enum RuntimeWire {
  /// The environment variable naming the control file.
  public static let controlVariable = "FOLIO_CONTROL"
}

/// What a control record says happened.
public enum RecordEvent: String, Sendable, Hashable, CaseIterable {
  /// A cell starts; later records belong to it.
  case begin
  /// The current cell ran to its end.
  case end
  /// A cell passed a rich value to `display(_:)`.
  case display
  /// The value of a cell's last expression.
  case value
  /// The value of one top-level line (cells with the `values` option).
  case lineValue
  /// How the forked child that ran a `should-fail` cell ended.
  case shouldFail
  /// The program reached its end.
  case finish
  /// A cell declared an input (`label`, `value`, `min`, `max`, `step`).
  case input

  /// Whether the record carries a rich value (`kind`, `data`, `summary`).
  public var carriesValue: Bool { self == .display || self == .value || self == .lineValue }
}

/// How the page renders a rich value's payload.
public enum DisplayKind: String, Sendable, Hashable, CaseIterable {
  /// Plain text, escaped on the page.
  case text
  /// An SVG document, inlined.
  case svg
  /// An HTML fragment such as a table, inlined.
  case html
}

/// How the child that ran a `should-fail` cell ended.
public enum ShouldFailOutcome: String, Sendable, Hashable, CaseIterable {
  /// It trapped or exited non-zero: what the cell declared.
  case failed
  /// It reached the end of the cell.
  case survived
  /// The child could not be started or waited for.
  case error
}

/// The functions of FolioRuntime that the planner's generated code calls.
public enum RuntimeHook: String, Sendable, CaseIterable {
  /// `__folio_begin(cell)`: a cell starts.
  case begin = "__folio_begin"
  /// `__folio_end(cell)`: a cell ended.
  case end = "__folio_end"
  /// `__folio_show(value)`: the value of a cell's last expression.
  case show = "__folio_show"
  /// `__folio_line(line, value)`: the value of one top-level line.
  case line = "__folio_line"
  /// `__folio_shouldFailBegin(cell)`: forks; true in the child that runs the cell.
  case shouldFailBegin = "__folio_shouldFailBegin"
  /// `__folio_shouldFailSurvived(cell)`: the child reached the end of a should-fail cell.
  case shouldFailSurvived = "__folio_shouldFailSurvived"
  /// `__folio_finish()`: the program reached its end.
  case finish = "__folio_finish"
  /// `__folio_live_begin(cell, muted:)`: a cell starts in a live cell's WebAssembly module; a
  /// muted one (an earlier live cell it builds on) shows nothing.
  case liveBegin = "__folio_live_begin"
}

#if !hasFeature(Embedded)
  extension RecordEvent: Codable {}
  extension DisplayKind: Codable {}
  extension ShouldFailOutcome: Codable {}
#endif

/// The contract between a live cell's WebAssembly module and the page's script
/// (`Render/Assets/folio-live.js`), which use these names.
///
/// The module imports its numbers' text, its output and its inputs from the page (module `env`);
/// it exports its entry points.
public enum LiveWire {
  /// Functions the module imports from the page.
  public enum Import: String, Sendable, CaseIterable {
    /// `putchar(byte)`: one byte of what the cell prints.
    case putchar
    /// `folio_display(kind, data, dataCount, summary, summaryCount)`: a rich value (UTF-8 pointers).
    case display = "folio_display"
    /// `folio_input(cell, ordinal, default) -> Double`: the value of a cell's input.
    case input = "folio_input"
    /// `folio_cell(cell, muted)`: a cell starts; a muted cell's output is not shown.
    case cell = "folio_cell"
    /// `folio_format(value, style, digits, buffer, capacity) -> count`: a number as C's printf
    /// writes it (style 0: `%.*f`, 1: `%.*g`).
    case format = "folio_format"
    /// `folio_grow(pages) -> previous pages or -1`: grows the memory.
    case grow = "folio_grow"
  }

  /// Functions the module exports.
  public enum Export: String, Sendable, CaseIterable {
    /// `folio_run()`: runs the cell once.
    case run = "folio_run"
    /// `folio_heap(base, end)`: where free memory starts and ends; called once, first.
    case heap = "folio_heap"
    /// `folio_release()`: after a run, frees what it allocated.
    case release = "folio_release"
  }

  /// The C maths functions the module imports from the page's `Math` (`round` as C rounds).
  public static let mathImports = [
    "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan",
    "sinh", "cosh", "tanh", "floor", "ceil", "round", "cbrt", "pow", "atan2", "hypot", "exp2",
  ]

  /// The C memory functions the module imports from the page (copies within its memory).
  public static let memoryImports = ["memcpy", "memmove", "memset", "memcmp"]

  /// Every function the module may import: a module importing anything else does not link.
  public static var imports: [String] { Import.allCases.map { $0.rawValue } + mathImports + memoryImports }
}
