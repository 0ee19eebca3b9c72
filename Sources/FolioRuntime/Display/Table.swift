// A small table a cell can display: rendered as an HTML table on the page, as text by hand.

/// A table of values that shows as an HTML `<table>` in a cell's output.
///
/// ```swift
/// display(Table(header: ["p", "‖x‖ₚ"], rows: [[1, 6.0], [2, 3.742]]))
/// ```
///
/// Cells are text, escaped; numbers are right-aligned and printed with six significant
/// digits. The markup uses the class `folio-table` (numeric cells `num`), so the page's
/// stylesheet decides the look. Printed (by hand, or via `description`) it is an aligned
/// plain-text table.
public struct Table: Displayable, CustomStringConvertible, Sendable, Hashable {
  /// One cell: its text and whether it holds a number (right-aligned).
  public struct Cell: Sendable, Hashable {
    /// The text shown.
    public var text: String
    /// Whether the cell holds a number.
    public var isNumber: Bool

    /// Creates a cell from text.
    public init(_ text: String, isNumber: Bool = false) {
      self.text = text
      self.isNumber = isNumber
    }

    /// Creates a cell from any value: numbers are formatted, strings kept, others described.
    public init(value: Any) {
      switch value {
      case let number as Double: self.init(NumberText.significant(number), isNumber: true)
      case let number as Float: self.init(NumberText.significant(Double(number)), isNumber: true)
      case let number as Int: self.init(String(number), isNumber: true)
      case let text as String: self.init(text)
      case let cell as Cell: self = cell
      default: self.init(String(describing: value))
      }
    }
  }

  /// Column titles; empty for no header row.
  public var header: [String]
  /// Optional titles of the rows, shown as a first header column.
  public var rowHeaders: [String]
  /// The body, row by row.
  public var rows: [[Cell]]
  /// A caption above the table.
  public var caption: String?

  /// Creates a table from rows of any values (numbers, strings, anything describable).
  public init(header: [String] = [], rows: [[Any]], rowHeaders: [String] = [], caption: String? = nil) {
    self.init(
      header: header, cells: rows.map { $0.map(Cell.init(value:)) }, rowHeaders: rowHeaders,
      caption: caption)
  }

  /// Creates a table from prepared cells.
  public init(header: [String] = [], cells: [[Cell]], rowHeaders: [String] = [], caption: String? = nil) {
    self.header = header
    self.rows = cells
    self.rowHeaders = rowHeaders
    self.caption = caption
  }

  /// The HTML fragment: `<table class="folio-table">`, every cell escaped.
  public var html: String {
    var out = "<table class=\"folio-table\">"
    if let caption { out += "<caption>\(HTMLText.escape(caption))</caption>" }
    let hasRowHeaders = !rowHeaders.isEmpty
    if !header.isEmpty {
      out += "<thead><tr>"
      if hasRowHeaders { out += "<th></th>" }
      let numeric = numericColumns
      for (column, title) in header.enumerated() {
        let align = column < numeric.count && numeric[column] ? " class=\"num\"" : ""
        out += "<th scope=\"col\"\(align)>\(HTMLText.escape(title))</th>"
      }
      out += "</tr></thead>"
    }
    out += "<tbody>"
    for (index, row) in rows.enumerated() {
      out += "<tr>"
      if hasRowHeaders {
        let title = index < rowHeaders.count ? rowHeaders[index] : ""
        out += "<th scope=\"row\">\(HTMLText.escape(title))</th>"
      }
      for cell in row {
        out += cell.isNumber ? "<td class=\"num\">" : "<td>"
        out += HTMLText.escape(cell.text) + "</td>"
      }
      out += "</tr>"
    }
    out += "</tbody></table>"
    return out
  }

  /// Which body columns hold only numbers: they and their titles are right-aligned.
  var numericColumns: [Bool] {
    let count = rows.map(\.count).max() ?? 0
    return (0..<count).map { column in
      rows.allSatisfy { column >= $0.count || $0[column].isNumber }
    }
  }

  /// The table as aligned plain text: header, a rule, then the rows.
  public var description: String {
    let hasRowHeaders = !rowHeaders.isEmpty
    var lines: [[Cell]] = []
    if !header.isEmpty {
      lines.append((hasRowHeaders ? [Cell("")] : []) + header.map { Cell($0) })
    }
    for (index, row) in rows.enumerated() {
      let title = index < rowHeaders.count ? rowHeaders[index] : ""
      lines.append((hasRowHeaders ? [Cell(title)] : []) + row)
    }
    let columnCount = lines.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for line in lines {
      for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.text.count) }
    }
    // A column of numbers is right-aligned, its title too.
    let numeric = (hasRowHeaders ? [false] : []) + numericColumns
    func isNumeric(_ column: Int) -> Bool { column < numeric.count && numeric[column] }
    func render(_ line: [Cell]) -> String {
      line.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.text.count)
        return cell.isNumber || isNumeric(column) ? pad + cell.text : cell.text + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var text: [String] = []
    if let caption { text.append(caption) }
    for (index, line) in lines.enumerated() {
      text.append(render(line))
      if index == 0 && !header.isEmpty {
        text.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
      }
    }
    return text.joined(separator: "\n")
  }

  /// An HTML table, with the plain-text table as its summary.
  public var displayValue: DisplayValue {
    .html(html, summary: description)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = Substring(self)
    while result.hasSuffix(" ") { result = result.dropLast() }
    return String(result)
  }
}
