// End to end: a compiled chapter program's control file, stdout and should-fail children.
import Foundation
import Testing

/// One program exercising every runtime call, built once and run with and without FOLIO_CONTROL.
enum Fixture {
  static let source = #"""
    import FolioPlot
    import FolioRuntime
    import MLMath
    #if canImport(Glibc)
      import Glibc
    #endif

    __folio_begin(0)
    struct P { var x: Double }
    let a = 6
    print("first line")
    print("{\"event\":\"end\",\"cell\":0,\"stdout\":0,\"stderr\":0}")
    display("quote \" backslash \\ newline\nand tab\t and é ∑ \u{1}")
    print("after display")
    __folio_show(a * 7)
    __folio_end(0)

    __folio_begin(1)
    var fig = Figure(title: "Squares <&>", xLabel: "x", yLabel: "y")
    fig.line([0, 1, 2], [0, 1, 4], label: "squares")
    display(fig)
    __folio_show(print("void call"))
    __folio_end(1)

    __folio_begin(2)
    __folio_show(P(x: 1.5))
    __folio_end(2)

    __folio_begin(3)
    let v: Vector = [1, 2.5, 3]
    __folio_line(40, v.count)
    __folio_line(41, print("line value of a Void call"))
    __folio_show(v)
    __folio_end(3)

    __folio_begin(4)
    if __folio_shouldFailBegin(4) {
      print("before trap")
      let xs = [1, 2]
      print(xs[a])
      __folio_shouldFailSurvived(4)
    }
    __folio_end(4)

    __folio_begin(5)
    if __folio_shouldFailBegin(5) {
      print("fine")
      __folio_shouldFailSurvived(5)
    }
    __folio_end(5)

    __folio_begin(6)
    if __folio_shouldFailBegin(6) {
      print("exiting")
      exit(3)
    }
    __folio_end(6)

    __folio_begin(7)
    print("a is still \(a)")
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
    print("file size limit \(limit.rlim_cur)")
    __folio_show("str")
    __folio_show(fig)
    __folio_end(7)
    __folio_finish()
    """#

  /// The program run with a control file, and run by hand; or why it could not be built.
  nonisolated(unsafe) static let runs:
    Result<(control: ChapterProgram.Run, inert: ChapterProgram.Run), Error> =
      Result {
        let program = try ChapterProgram(source: source)
        defer { program.remove() }
        return (try program.run(control: true), try program.run(control: false))
      }
}

@Suite("Chapter program")
struct ChapterProgramTests {
  var control: ChapterProgram.Run { get throws { try Fixture.runs.get().control } }
  var inert: ChapterProgram.Run { get throws { try Fixture.runs.get().inert } }

  @Test("records come in program order, one JSON object per line")
  func order() throws {
    let run = try control
    #expect(run.exitStatus == 0)
    let events = run.records.map { "\($0["event"] as? String ?? "?") \($0["cell"] as? Int ?? -9)" }
    #expect(
      events == [
        "begin 0", "display 0", "value 0", "end 0",
        "begin 1", "display 1", "end 1",
        "begin 2", "value 2", "end 2",
        "begin 3", "lineValue 3", "value 3", "end 3",
        "begin 4", "shouldFail 4", "end 4",
        "begin 5", "shouldFail 5", "end 5",
        "begin 6", "shouldFail 6", "end 6",
        "begin 7", "value 7", "value 7", "end 7",
        "finish -1",
      ])
  }

  @Test("a display sits between the text printed before and after it")
  func displayOrder() throws {
    let run = try control
    let begin = try #require(run.records("begin").first?["stdout"] as? Int)
    let display = try #require(run.records("display").first?["stdout"] as? Int)
    let end = try #require(run.records("end").first?["stdout"] as? Int)
    #expect(
      run.stdout(from: begin, to: display)
        == "first line\n{\"event\":\"end\",\"cell\":0,\"stdout\":0,\"stderr\":0}\n")
    #expect(run.stdout(from: display, to: end) == "after display\n")
  }

  @Test("marker-like printed text stays in stdout and never becomes a record")
  func markerText() throws {
    let run = try control
    #expect(run.records("end").count == 8)
    #expect(run.printed(cell: 0).contains("{\"event\":\"end\""))
  }

  @Test("displayed text with quotes, newlines and control characters arrives intact")
  func escaping() throws {
    let run = try control
    let record = try #require(run.records("display").first)
    #expect(record["kind"] as? String == "text")
    #expect(record["data"] as? String == "quote \" backslash \\ newline\nand tab\t and é ∑ \u{1}")
  }

  @Test("last-expression values: an expression, a struct, a quoted string; Void shows nothing")
  func values() throws {
    let values = try control.records("value")
    #expect(values.map { $0["cell"] as? Int } == [0, 2, 3, 7, 7])
    #expect(values[0]["data"] as? String == "42")
    #expect((values[1]["data"] as? String)?.hasSuffix("P(x: 1.5)") == true)
    #expect(values[3]["data"] as? String == "\"str\"")
    #expect(try control.printed(cell: 1).contains("void call"))
  }

  @Test("a Vector value is a table, a Figure value and display are SVG")
  func richValues() throws {
    let run = try control
    let values = run.records("value")
    #expect(values[2]["kind"] as? String == "html")
    #expect((values[2]["data"] as? String)?.contains("<td class=\"num\">2.5</td>") == true)
    #expect(values[2]["summary"] as? String == "[1.0, 2.5, 3.0]")
    let plot = try #require(run.records("display").last)
    #expect(plot["kind"] as? String == "svg")
    #expect((plot["data"] as? String)?.hasPrefix("<svg ") == true)
    #expect((plot["data"] as? String)?.contains("<title>Squares &lt;&amp;&gt;</title>") == true)
    #expect((plot["summary"] as? String)?.contains("Squares <&>") == true)
    #expect(values[4]["data"] as? String == plot["data"] as? String)
  }

  @Test("line values carry their line; Void lines are skipped")
  func lineValues() throws {
    let lines = try control.records("lineValue")
    #expect(lines.count == 1)
    #expect(lines.first?["line"] as? Int == 40)
    #expect(lines.first?["data"] as? String == "3")
  }

  @Test("should-fail cells: a trap fails, running to the end survives, exit 3 fails")
  func shouldFail() throws {
    let run = try control
    let outcomes = run.records("shouldFail").map {
      "\($0["outcome"] as? String ?? "?") / \($0["status"] as? String ?? "?")"
    }
    #expect(outcomes.count == 3)
    #expect(outcomes.first?.hasPrefix("failed / signal ") == true)
    #expect(Array(outcomes.dropFirst()) == ["survived / completed", "failed / exit 3"])
    #expect(run.printed(cell: 4) == "before trap\n")
    #expect(run.printed(cell: 5) == "fine\n")
    #expect(run.printed(cell: 6) == "exiting\n")
    #expect(String(decoding: run.stderr, as: UTF8.self).contains("Fatal error: Index out of range"))
  }

  @Test("the program carries on after should-fail cells, nothing printed twice, output capped")
  func afterShouldFail() throws {
    let run = try control
    let text = String(decoding: run.stdout, as: UTF8.self)
    #expect(run.printed(cell: 7).hasPrefix("a is still 6\n"))
    #expect(text.components(separatedBy: "first line").count == 2)
    #expect(text.contains("file size limit \(256 << 20)\n"))
  }

  @Test("run by hand: no control file, rich values print their text form")
  func inertRun() throws {
    let run = try inert
    let text = String(decoding: run.stdout, as: UTF8.self)
    #expect(run.exitStatus == 0)
    #expect(run.control.isEmpty)
    #expect(text.contains("first line\n"))
    #expect(text.contains("quote \" backslash \\ newline\nand tab"))
    #expect(text.contains("\n42\n"))
    #expect(text.contains("[Figure] Squares <&>: "))
    #expect(text.contains("[1.0, 2.5, 3.0]\n"))
    #expect(text.contains("\"str\"\n"))
  }
}
