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
//
// `shouldFail` is written by the parent after the forked child that ran a `should-fail` cell
// ended: `outcome` says how the child ended.

/// Names both sides of the wire agree on.
public enum RuntimeWire {
  /// The environment variable naming the control file.
  public static let controlVariable = "FOLIO_CONTROL"
}

/// What a control record says happened.
public enum RecordEvent: String, Sendable, Hashable, Codable, CaseIterable {
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

  /// Whether the record carries a rich value (`kind`, `data`, `summary`).
  public var carriesValue: Bool { self == .display || self == .value || self == .lineValue }
}

/// How the page renders a rich value's payload.
public enum DisplayKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Plain text, escaped on the page.
  case text
  /// An SVG document, inlined.
  case svg
  /// An HTML fragment such as a table, inlined.
  case html
}

/// How the child that ran a `should-fail` cell ended.
public enum ShouldFailOutcome: String, Sendable, Hashable, Codable, CaseIterable {
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
}
