// Tables: escaped HTML for the page, aligned text by hand.
import Testing

@testable import FolioRuntime

@Suite("Table")
struct TableTests {
  @Test("cells are escaped and numbers right-aligned")
  func html() {
    let table = Table(header: ["name", "<p>"], rows: [["a & b", 1], ["\"q\"", 0.1 + 0.2]])
    #expect(
      table.html
        == "<table class=\"folio-table\"><thead><tr><th scope=\"col\">name</th>"
        + "<th scope=\"col\" class=\"num\">&lt;p&gt;</th></tr></thead><tbody>"
        + "<tr><td>a &amp; b</td><td class=\"num\">1</td></tr>"
        + "<tr><td>&quot;q&quot;</td><td class=\"num\">0.3</td></tr></tbody></table>")
  }

  @Test("printed, a table is aligned text under a rule")
  func text() {
    let table = Table(header: ["p", "norm"], rows: [[1, 6.0], [2, 3.741657]], caption: "Norms")
    #expect(
      table.description == """
        Norms
        p     norm
        -  -------
        1        6
        2  3.74166
        """)
  }

  @Test("a table displays as HTML with its text form as summary")
  func displayValue() {
    let table = Table(header: ["x"], rows: [[1]])
    #expect(table.displayValue.kind == .html)
    #expect(table.displayValue.summary == table.description)
    #expect(table.displayValue.fallbackText == table.description)
  }
}
