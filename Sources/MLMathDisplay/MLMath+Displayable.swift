// MLMath's Vector and Matrix shown as neat tables in a cell's output.
import FolioRuntime
import MLMath

extension Vector: Displayable {
  /// A one-row table headed by the indices; longer than 20 elements, the middle is elided.
  /// The summary is the vector's own description, exact.
  public var displayValue: DisplayValue {
    let shown = ElidedRange(count: count, limit: 20, keep: 8)
    let header = shown.indices.map { $0.map(String.init) ?? "…" }
    let row = shown.indices.map { index in
      index.map { Table.Cell(value: self[$0]) } ?? Table.Cell("…")
    }
    let table = Table(header: header, cells: [row], caption: "Vector (\(count))")
    return .html(table.html, summary: String(describing: self))
  }
}

extension Matrix: Displayable {
  /// A table with row and column indices as headers; beyond 20 rows or 12 columns the middle is
  /// elided. The summary is the matrix's own description, exact.
  public var displayValue: DisplayValue {
    let rowsShown = ElidedRange(count: rowCount, limit: 20, keep: 8)
    let columnsShown = ElidedRange(count: columnCount, limit: 12, keep: 5)
    let header = columnsShown.indices.map { $0.map(String.init) ?? "…" }
    let rowHeaders = rowsShown.indices.map { $0.map(String.init) ?? "⋮" }
    let body = rowsShown.indices.map { row in
      columnsShown.indices.map { column -> Table.Cell in
        guard let row else { return Table.Cell("⋮") }
        guard let column else { return Table.Cell("…") }
        return Table.Cell(value: self[row, column])
      }
    }
    let table = Table(
      header: header, cells: body, rowHeaders: rowHeaders, caption: "Matrix \(rowCount) × \(columnCount)")
    return .html(table.html, summary: String(describing: self))
  }
}

/// The indices of a long axis worth showing: all of them, or the first and last `keep` around a gap
/// (`nil`).
struct ElidedRange {
  /// Indices to show in order; `nil` marks the elided middle.
  let indices: [Int?]

  init(count: Int, limit: Int, keep: Int) {
    if count <= limit {
      indices = Array(0..<count)
    } else {
      indices = Array(0..<keep) + [nil] + Array((count - keep)..<count)
    }
  }
}
