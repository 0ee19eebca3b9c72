// The calls the engine's planner puts around each cell of a generated chapter program.
import FolioProtocol

/// Marks the start of cell `cell` (0-based): later records and output belong to it.
public func __folio_begin(_ cell: Int) {
  ControlChannel.shared.record(.begin, cell: cell)
}

/// Marks the end of cell `cell`: everything it printed is before this record's offsets.
public func __folio_end(_ cell: Int) {
  ControlChannel.shared.record(.end, cell: cell)
}

/// Shows the value of a cell's last expression, like a notebook's `Out[ ]`.
///
/// `Void` shows nothing; a `Displayable` shows its rich form (plots, tables, vectors);
/// anything else its description, strings quoted. Run by hand, the text form is printed.
public func __folio_show<T>(_ value: T) {
  guard let shown = NotebookValue.result(value) else { return }
  let channel = ControlChannel.shared
  if channel.isActive {
    channel.record(.value, value: shown)
  } else {
    print(shown.fallbackText)
  }
}

/// Records the value of the top-level expression on Markdown line `line` (the `values` option).
/// Shows nothing for `Void`; does nothing when run by hand.
public func __folio_line<T>(_ line: Int, _ value: T) {
  let channel = ControlChannel.shared
  guard channel.isActive, let shown = NotebookValue.result(value) else { return }
  channel.record(.lineValue, line: line, value: shown)
}

/// Marks the end of the program, after the last cell, so the engine knows it was not cut short.
public func __folio_finish() {
  ControlChannel.shared.record(.finish, cell: -1)
}
