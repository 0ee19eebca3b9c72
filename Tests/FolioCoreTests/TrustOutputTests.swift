// Trust: cells that misbehave (print floods, markup, exit, fatalError, stdin, stderr, forged
// control records) are contained, shown honestly and lose nothing else.
import Foundation
import Testing

@testable import FolioCore

/// One build of the `trust-output` book, shared by the tests below (it compiles five chapters).
private let hostile: Result<(FixtureBook, BuildReport), any Error> = Result {
  let book = try FixtureBook("trust-output")
  return (book, try book.build(timeout: 120))
}

/// The text of one stream of a cell's outputs.
private func stream(_ result: CellResult, stderr: Bool) -> String {
  result.outputs.compactMap { item -> String? in
    switch item {
    case .stdout(let s) where !stderr: s
    case .stderr(let s) where stderr: s
    default: nil
    }
  }.joined()
}

@Suite struct TrustOutputTests {
  @Test func printFloodIsCutAtTheLimitWithAVisibleNote() throws {
    let (book, report) = try hostile.get()
    let flood = report.cell(0, 0)
    #expect(flood.status == .ok)
    #expect(flood.truncated)
    let text = flood.printedText
    let limits = ExecutionLimits()
    #expect(text.utf8.count <= limits.outputBytes)
    #expect(text.split(separator: "\n").count == limits.outputLines)
    #expect(text.hasPrefix("line 0\nline 1\n"))
    #expect(text.hasSuffix("line 1999\n"))
    // The next cell has its own budget and its own output.
    #expect(report.cell(0, 1).printedText == "after the flood\n")
    #expect(!report.cell(0, 1).truncated)
    // A stderr flood is cut too, and the cell's stdout is still there.
    let errFlood = report.cell(0, 2)
    #expect(errFlood.truncated)
    #expect(stream(errFlood, stderr: true).split(separator: "\n").count == limits.outputLines)
    #expect(errFlood.printedText == "stdout beside a stderr flood\n")
    let page = try book.page("01-flood.html")
    #expect(page.contains("output-truncated"))
    #expect(page.contains("Output truncated"))
    #expect(!page.contains("line 2000\n"))
    #expect(page.utf8.count < 4 * limits.outputBytes)
  }

  @Test func displayFloodKeepsTheFirstValuesAndSaysSo() throws {
    let (book, report) = try hostile.get()
    let limits = ExecutionLimits()
    let flood = report.cell(0, 3)
    #expect(flood.status == .ok)
    #expect(flood.truncated)
    let shown = flood.outputs.filter {
      if case .display = $0 { true } else { false }
    }
    #expect(shown.count == limits.richValues)
    #expect(flood.printedText == "after the display flood\n")
    // The next cell keeps its own value.
    #expect(!report.cell(0, 4).truncated)
    #expect(report.cell(0, 4).outputs.count == 1)
    let page = try book.page("01-flood.html")
    #expect(page.utf8.count < 4 * limits.outputBytes)
  }

  @Test func controlRecordsAreReadWithinTheLimits() throws {
    let limits = ExecutionLimits(richValues: 3, richBytes: 1 << 20)
    let big = String(repeating: "y", count: 3 << 20)
    var lines = [#"{"event":"begin","cell":0,"stdout":0,"stderr":0}"#]
    for i in 0..<5 {
      lines.append(#"{"event":"display","cell":0,"stdout":0,"stderr":0,"kind":"text","data":"\#(i)"}"#)
    }
    lines += [
      #"{"event":"end","cell":0,"stdout":0,"stderr":0}"#,
      #"{"event":"begin","cell":1,"stdout":0,"stderr":0}"#,
      // Longer than any value may be: skipped while reading, across several read chunks.
      #"{"event":"display","cell":1,"stdout":0,"stderr":0,"kind":"text","data":"\#(big)"}"#,
      #"{"event":"display","cell":1,"stdout":0,"stderr":0,"kind":"text","data":"small"}"#,
      // What only a cell writing to the file itself could add: a repeat, an unknown cell.
      #"{"event":"begin","cell":1,"stdout":0,"stderr":0}"#,
      #"{"event":"begin","cell":7,"stdout":0,"stderr":0}"#,
      #"{"event":"end","cell":1,"stdout":0,"stderr":0}"#,
    ]
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("folio-control-\(UUID()).jsonl")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(lines.joined(separator: "\n").utf8).write(to: file)

    for control in [
      ControlRecords(contentsOf: file, cellCount: 2, stdoutCount: 0, stderrCount: 0, limits: limits),
      ControlRecords(
        try Data(contentsOf: file), cellCount: 2, stdoutCount: 0, stderrCount: 0, limits: limits),
    ] {
      #expect(control.truncatedCells == [0, 1])
      #expect(
        control.records.filter { $0.cell == 0 && $0.event == .display }.compactMap(\.data) == [
          "0", "1", "2",
        ])
      #expect(control.records.filter { $0.cell == 1 }.map(\.event) == [.begin, .display, .end])
      #expect(control.records.first { $0.cell == 1 && $0.event == .display }?.data == "small")
      #expect(!control.records.contains { $0.cell == 7 })
    }
    // Offsets that go back or past the end of the output are not the runtime's.
    let offsets = Data(
      """
      {"event":"begin","cell":0,"stdout":5,"stderr":0}
      {"event":"display","cell":0,"stdout":4,"stderr":0,"kind":"text","data":"back"}
      {"event":"display","cell":0,"stdout":9,"stderr":0,"kind":"text","data":"past"}
      {"event":"end","cell":0,"stdout":8,"stderr":1}
      """.utf8)
    let checked = ControlRecords(offsets, cellCount: 1, stdoutCount: 8, stderrCount: 1, limits: limits)
    #expect(checked.records.map(\.event) == [.begin, .end])
  }

  @Test func transcriptReadsOnlyWhatItKeeps() throws {
    // A 200 MiB stdout (sparse: no disk used) from one cell: the engine reads about 1 MiB of it.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-sparse-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let size = 200 << 20
    let out = folder.appendingPathComponent("stdout.txt")
    FileManager.default.createFile(atPath: out.path, contents: Data("x".utf8))
    let handle = try FileHandle(forWritingTo: out)
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
    let err = folder.appendingPathComponent("stderr.txt")
    FileManager.default.createFile(atPath: err.path, contents: Data())
    let control = Data(
      """
      {"event":"begin","cell":0,"stdout":0,"stderr":0}
      {"event":"end","cell":0,"stdout":\(size),"stderr":0}
      {"event":"finish","cell":-1,"stdout":\(size),"stderr":0}

      """.utf8)
    let stdout = OutputFile(out)
    #expect(stdout.count == size)
    var transcript = Transcript(
      control: ControlRecords(
        control, cellCount: 1, stdoutCount: stdout.count, stderrCount: 0, limits: ExecutionLimits()),
      stdout: stdout,
      stderr: OutputFile(err), chapterPath: "chapters/x.md",
      limits: ExecutionLimits())
    let chapter = ChapterParser().parse(
      ChapterFile(path: "chapters/x.md", slug: "x", text: "# X\n\n```swift\nflood()\n```\n"))
    var results = [CellResult(status: .notRun)]
    transcript.assign(
      to: &results, cells: ProgramPlanner().plan(chapter).runnableCells, chapter: chapter,
      outcome: ProcessOutcome(exitCode: 0, signal: nil, timedOut: false), timeout: 60)
    #expect(results[0].status == .ok)
    #expect(results[0].truncated)
    #expect(results[0].printedText.utf8.count == ExecutionLimits().outputBytes)
    #expect(stdout.bytesRead <= ExecutionLimits().outputBytes)
  }

  @Test func printedMarkupIsEscapedOnThePage() throws {
    let (book, report) = try hostile.get()
    #expect(report.cell(1, 0).printedText.contains("<script>alert('printed')</script>"))
    let page = try book.page("02-markup.html")
    for hostile in [
      "<script>alert(", "<b>bold</b>", "<img src=x", "<i>not italic</i>",
    ] {
      #expect(!page.contains(hostile), "unescaped on the page: \(hostile)")
    }
    #expect(
      page.contains("&lt;script&gt;alert(&#39;printed&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp;amp;"))
    #expect(page.contains("&lt;script&gt;alert(&#39;displayed&#39;)&lt;/script&gt;"))
    #expect(page.contains("&lt;script&gt;alert(&#39;value&#39;)&lt;/script&gt;"))
  }

  @Test func standardInputIsAtEndOfFile() throws {
    let (_, report) = try hostile.get()
    #expect(report.cell(1, 1).printedText.hasSuffix("stdin: EOF\n"))
  }

  @Test func stderrIsShownApartFromStdout() throws {
    let (book, report) = try hostile.get()
    let cell = report.cell(1, 1)
    #expect(cell.status == .ok)
    #expect(stream(cell, stderr: true) == "to stderr <i>not italic</i>\n")
    #expect(stream(cell, stderr: false) == "to stdout\nstdin: EOF\n")
    let page = try book.page("02-markup.html")
    let region = RenderTestSupport.cellRegion(page, 2)
    let stderrBlock = try #require(
      RenderTestSupport.region(region, from: "<div class=\"output-stderr\"", to: "</div>"))
    #expect(stderrBlock.contains("to stderr &lt;i&gt;not italic&lt;/i&gt;"))
    #expect(!stderrBlock.contains("to stdout"))
    let stdoutBlock = try #require(
      RenderTestSupport.region(region, from: "<pre class=\"output-stdout\"", to: "</pre>"))
    #expect(stdoutBlock.contains("to stdout"))
    #expect(!stdoutBlock.contains("to stderr"))
  }

  @Test func exitInACellFailsItKeepsEarlierOutputAndStopsTheRest() throws {
    let (book, report) = try hostile.get()
    #expect(report.cell(2, 0).printedText == "before\n")
    let failed = report.cell(2, 1)
    #expect(failed.status == .failed)
    #expect(failed.printedText == "partial\n")
    let diagnostic = try #require(failed.diagnostics.first)
    #expect(diagnostic.location == SourceLocation(file: "chapters/03-exit.md", line: 8, column: 1))
    #expect(diagnostic.message.contains("exited with status 3"))
    #expect(report.cell(2, 2).status == .notRun)
    #expect(report.cell(2, 2).printedText.isEmpty)
    #expect(!report.succeeded)
    let page = try book.page("03-exit.html")
    #expect(page.contains("cell-status-failed"))
    #expect(page.contains("cell-status-not-run"))
  }

  @Test func fatalErrorFailsTheCellAtItsLine() throws {
    let (_, report) = try hostile.get()
    #expect(report.cell(3, 0).printedText == "before\n")
    let failed = report.cell(3, 1)
    #expect(failed.status == .failed)
    #expect(failed.printedText == "about to stop\n")
    let diagnostic = try #require(failed.diagnostics.first)
    #expect(diagnostic.location.file == "chapters/04-fatal.md")
    #expect(diagnostic.location.line == 10)
    #expect(diagnostic.message.contains("Fatal error"))
    #expect(diagnostic.message.contains("boom"))
    #expect(report.cell(3, 2).status == .notRun)
  }

  @Test func forgedControlRecordsAreDroppedAndCrashNothing() throws {
    let (book, report) = try hostile.get()
    // Each cell has exactly what it printed: the forged begin, display and end records (bad
    // offsets, a kind that does not exist, a line that is not JSON) left no trace.
    #expect(report.cell(4, 0).status == .ok)
    #expect(report.cell(4, 0).outputs == [.stdout("forging\n")])
    #expect(report.cell(4, 1).status == .ok)
    #expect(report.cell(4, 1).outputs == [.stdout("second cell\n")])
    #expect(try book.page("05-forged.html").contains("second cell"))
  }
}
