// How values show as a cell's Out[ ] and through display(_:): text, quoted strings, tables.
import MLMath
import MLMathDisplay
import Testing

@testable import FolioRuntime

@Suite("Notebook values")
struct NotebookValueTests {
  struct P { var x: Double }

  struct Badge: Displayable {
    var displayValue: DisplayValue { .html("<b>ok</b>", summary: "ok") }
  }

  func show<T>(_ value: T) -> DisplayValue? {
    NotebookValue.result(value)
  }

  @Test("an expression shows its description")
  func expression() {
    let a = 6
    #expect(show(a * 7) == .text("42"))
    #expect(show(0.1 + 0.2) == .text("0.30000000000000004"))
    #expect(show([1, 2]) == .text("[1, 2]"))
  }

  @Test("Void and optional Void show nothing")
  func void() {
    func nothing() {}
    let optionalCall: Void? = Optional(())
    #expect(show(nothing()) == nil)
    #expect(show(optionalCall) == nil)
  }

  @Test("a struct shows its default description")
  func structValue() {
    #expect(show(P(x: 1.5))?.data.hasSuffix("P(x: 1.5)") == true)
    #expect(show(P(x: 1.5))?.kind == .text)
  }

  @Test("strings are quoted as a result, shown as they are when displayed")
  func strings() {
    #expect(show("hi\n") == .text("\"hi\\n\""))
    #expect(NotebookValue.displayed("hi\n") == .text("hi\n"))
    #expect(NotebookValue.displayed(()) == nil)
  }

  @Test("a Displayable shows its rich form, also through Any")
  func displayable() {
    #expect(show(Badge())?.kind == .html)
    let boxed: Any = Badge()
    #expect(NotebookValue.displayed(boxed)?.data == "<b>ok</b>")
    let existential: any Displayable = Badge()
    #expect(show(existential)?.data == "<b>ok</b>")
  }

  @Test("a Vector shows as a one-row table with its exact description as summary")
  func vector() throws {
    let v: Vector = [1, 2.5, -3]
    let shown = try #require(show(v))
    #expect(shown.kind == .html)
    #expect(shown.data.contains("<caption>Vector (3)</caption>"))
    #expect(shown.data.contains("<td class=\"num\">2.5</td><td class=\"num\">-3</td>"))
    #expect(shown.summary == v.description)
  }

  @Test("a long Vector elides its middle")
  func longVector() throws {
    let v = Vector((0..<100).map(Double.init))
    let shown = try #require(show(v))
    #expect(shown.data.contains(">…</td>"))
    #expect(shown.data.contains(">99</th>"))
    #expect(!shown.data.contains(">50</th>"))
  }

  @Test("a Matrix shows with row and column headers")
  func matrix() throws {
    let m = Matrix([[1, 2, 3], [4, 5, 6.25]])
    let shown = try #require(show(m))
    #expect(shown.data.contains("<caption>Matrix 2 × 3</caption>"))
    #expect(shown.data.contains("<tr><th scope=\"row\">1</th><td class=\"num\">4</td>"))
    #expect(shown.data.contains("<td class=\"num\">6.25</td>"))
    #expect(shown.summary == m.description)
  }
}
