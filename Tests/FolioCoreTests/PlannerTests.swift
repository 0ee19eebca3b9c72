// Unit tests for the plan stage: the exact program text, source locations and notebook values.
import Foundation
import Testing

@testable import FolioCore

@Suite struct PlannerTests {
  func chapter(_ text: String) -> Chapter {
    ChapterParser().parse(ChapterFile(path: "chapters/02-x.md", slug: "02-x", text: text))
  }

  @Test func programHasSourceLocationsAndCellHooksInOrder() {
    let program = ProgramPlanner().plan(
      chapter(
        """
        # X

        ```swift
        let a = 6
        a * 7
        ```

        ```swift norun
        not compiled
        ```

        ```swift should-fail
        precondition(a < 0)
        ```
        """))
    #expect(
      program.main == """
        import FolioRuntime
        __folio_begin(0)
        #sourceLocation(file: "chapters/02-x.md", line: 4)
        let a = 6
        __folio_show(a * 7)
        #sourceLocation()
        __folio_end(0)
        __folio_begin(2)
        if __folio_shouldFailBegin(2) {
        #sourceLocation(file: "chapters/02-x.md", line: 13)
        precondition(a < 0)
        #sourceLocation()
        __folio_shouldFailSurvived(2)
        }
        __folio_end(2)
        __folio_finish()

        """)
    #expect(program.runnableCells == [0, 2])
    #expect(program.compileFailSources.isEmpty)
  }

  @Test func compileFailCellsAreCompiledAlone() {
    let program = ProgramPlanner().plan(chapter("```swift compile-fail\nlet x: Int = \"s\"\n```\n"))
    #expect(program.runnableCells.isEmpty)
    #expect(
      program.compileFailSources[0]
        == "import FolioRuntime\n#sourceLocation(file: \"chapters/02-x.md\", line: 2)\nlet x: Int = \"s\"\n#sourceLocation()\n"
    )
  }

  @Test(arguments: [
    ("x = 3", false), ("x += 3", false), ("print(x)", false), ("display(fig)", false), ("let y = 2", false),
    ("x * 7", true), ("f(x)", true), ("try f(x)", true), ("x == 3", true), ("P(x: 1.5)", true),
    ("for i in 0..<3 { print(i) }", false), ("if x > 1 { print(x) }", false),
  ])
  func lastStatementValue(code: String, shown: Bool) {
    let cell = Cell(index: 0, options: CellOptions(), code: code + "\n", fenceLine: 1, codeLine: 2)
    let transformed = ProgramPlanner().transform(cell)
    #expect(transformed.contains("__folio_show(") == shown, "\(code) -> \(transformed)")
  }

  @Test func valuesOptionReportsEachExpressionLineWithItsMarkdownLine() {
    let cell = Cell(
      index: 0, options: CellOptions(lineValues: true), code: "var x = 2\nx * 3\nx = 5\nx + 1\n",
      fenceLine: 9,
      codeLine: 10)
    #expect(
      ProgramPlanner().transform(cell) == "var x = 2\n__folio_line(11, x * 3)\nx = 5\n__folio_show(x + 1)\n")
  }
}
