// `display(_:)`: the call a cell makes to put a rich value into its output.
import FolioProtocol

/// Shows values in the cell's output, in order with what the cell prints.
///
/// A plot shows as its drawing, a `Table`, `Vector` or `Matrix` as a table, a string as text,
/// anything else as its description. Each value becomes one output item. Run by hand (no
/// `FOLIO_CONTROL`), each value's text form is printed instead, so cells stay pasteable.
///
/// ```swift
/// display(fig)
/// display("after 100 steps", loss)
/// ```
public func display(_ values: Any...) {
  let channel = ControlChannel.shared
  for value in values {
    guard let shown = NotebookValue.displayed(value) else { continue }
    if channel.isActive {
      channel.record(.display, value: shown)
    } else {
      print(shown.fallbackText)
    }
  }
}
