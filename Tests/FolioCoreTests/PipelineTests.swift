// The pipeline as a whole: stages run alone, one report, checks in every build, a key that
// covers the engine, chapters that go as far as they can, traps at their line, no survivors.
import Foundation
import Testing

@testable import FolioCore

@Suite struct PipelineTests {
  /// A one-chapter book.
  func book(_ chapter: String, name: String) throws -> ScratchBook {
    try ScratchBook(texts: ["chapters/01-a.md": chapter], name: name)
  }

  @Test func stagesRunAloneOnAFixture() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    // The first three stages only: the chapters are parsed, nothing is run or written.
    let parsed = try Pipeline.run(
      [PrepareStage(), LoadStage(), ParseStage()], options: book.options())
    #expect(parsed.chapters.count == 2)
    #expect(parsed.chapters.allSatisfy { !$0.cells.isEmpty })
    #expect(parsed.results.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: book.root.appendingPathComponent("site").path))
    // The parse stage alone, on a context that holds a loaded book.
    var context = BuildContext(options: book.options())
    context.book = try BookLoader().load(book.root)
    try ParseStage().run(&context)
    #expect(context.chapters.map(\.title) == parsed.chapters.map(\.title))
    // The check stage alone, on results made by hand: a cell that did not run although
    // nothing failed is a finding at its line.
    context.results = context.chapters.map { chapter in
      ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .notRun) })
    }
    try CheckStage().run(&context)
    let first = try #require(context.chapters.first?.cells.first)
    #expect(
      context.findings.diagnostics.contains {
        $0.location.line == first.codeLine && $0.message.hasPrefix("cell did not run")
      })
    #expect(context.findings.passed == 0)
  }

  @Test func theStageListIsThePipeline() {
    #expect(Pipeline.stages.map(\.name) == StageName.allCases)
  }

  @Test func anUpToDateBuildIsOneShapeOfTheReport() throws {
    let book = try book("# A\n\n```swift\nprint(1)\n```\n", name: "report")
    defer { book.remove() }
    let first = try book.build()
    guard case .built(let built) = first else {
      Issue.record("the first build was up to date")
      return
    }
    #expect(built.results[0].cells[0].printedText == "1\n")
    let second = try book.build()
    guard case .upToDate(let summary) = second else {
      Issue.record("an unchanged book was built again")
      return
    }
    #expect(summary.chapterCount == 1)
    #expect(summary.cellCounts == first.summary.cellCounts)
  }

  @Test func aCompileErrorInTheLastCellKeepsTheOutputOfTheCellsBeforeIt() throws {
    let book = try book(
      """
      # A

      ```swift
      print("first")
      ```

      ```swift
      print("second")
      ```

      ```swift
      let broken: Int = "text"
      ```

      ```swift
      print("after")
      ```
      """, name: "prefix")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    let cells = built.results[0].cells
    #expect(cells[0].printedText == "first\n")
    #expect(cells[1].printedText == "second\n")
    #expect(cells[2].status == .failed)
    #expect(cells[2].diagnostics.first?.location.line == 12)
    #expect(cells[3].status == .notRun)
    #expect(cells[3].note == "the cell at line 12 does not compile")
    let page = try book.page("01-a.html")
    #expect(page.contains("first"))
    #expect(page.contains("Not run: the cell at line 12 does not compile."))
    #expect(!built.succeeded)
  }

  @Test func aFreshCellStartsANewProgram() throws {
    let book = try book(
      """
      # A

      ```swift
      let x = 1
      print(x)
      ```

      ```swift fresh
      let x = "two"
      print(x)
      ```

      ```swift
      print(x + "!")
      ```
      """, name: "fresh")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    #expect(built.results[0].cells.map(\.printedText) == ["1\n", "two\n", "two!\n"])
    #expect(built.succeeded)
  }

  @Test func aTrapIsReportedAtTheLineThatTrapped() throws {
    let book = try book(
      """
      # A

      ```swift
      let xs = [1]
      let y = 2
      print(xs[7] + y)
      ```
      """, name: "trapline")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    let diagnostic = try #require(built.results[0].cells[0].diagnostics.first)
    #expect(diagnostic.location.line == 6)
    #expect(diagnostic.location.column > 1)
    #expect(diagnostic.message.contains("Index out of range"))
  }

  @Test func aBrokenLinkFailsTheBuildAtItsLine() throws {
    let book = try book("# A\n\nSee [the part](#no-such-part).\n", name: "link")
    defer { book.remove() }
    let report = try book.build()
    #expect(!report.succeeded)
    #expect(report.diagnostics.contains { $0.location.line == 3 && $0.message.contains("no-such-part") })
  }

  @Test func anOrphanOutputBlockFailsTheBuildAtItsLine() throws {
    let book = try book("# A\n\n```swift\nprint(1)\n```\n\nCaption.\n\n```output\n1\n```\n", name: "orphan")
    defer { book.remove() }
    let report = try book.build()
    #expect(!report.succeeded)
    #expect(
      report.diagnostics.contains {
        $0.location == SourceLocation(file: "chapters/01-a.md", line: 9, column: 1)
          && $0.message.contains("follows no cell")
      })
  }

  @Test func aNewEngineRunsCachedChaptersAgain() throws {
    let book = try book("# A\n\n```swift\nprint(1)\n```\n", name: "engine")
    defer { book.remove() }
    var options = book.options()
    options.stopWhenUpToDate = false
    #expect(try Pipeline.run(options).summary.cachedChapters == 0)
    #expect(try Pipeline.run(options).summary.cachedChapters == 1)
    options.engineDigest = "another engine"
    #expect(try Pipeline.run(options).summary.cachedChapters == 0)
  }

  @Test func aTimedOutChapterRunsAgainOnTheNextBuild() throws {
    let book = try ScratchBook(
      texts: [
        "chapters/01-fast.md": "# Fast\n\n```swift\nprint(1)\n```\n",
        "chapters/02-slow.md": "# Slow\n\n```swift\nwhile true {}\n```\n",
      ], name: "timeout")
    defer { book.remove() }
    let options = book.options(timeout: 2)
    let first = try #require(try Pipeline.run(options).built)
    #expect(first.results[1].interrupted)
    #expect(first.results[1].cells[0].diagnostics.first?.message.contains("timed out") == true)
    let second = try #require(try Pipeline.run(options).built)
    // The fast chapter came from the cache; the slow one was run (and timed out) again.
    #expect(second.cachedChapters == 1)
    #expect(second.results[1].interrupted)
  }

  @Test func aBackgroundProcessDoesNotOutliveTheBuild() throws {
    let book = try book(
      """
      # A

      ```swift
      import Foundation
      let sleeper = Process()
      sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
      sleeper.arguments = ["600"]
      try! sleeper.run()
      print(sleeper.processIdentifier)
      ```
      """, name: "survivor")
    defer { book.remove() }
    let built = try #require(try book.build().built)
    let pid = try #require(
      Int32(built.results[0].cells[0].printedText.trimmingCharacters(in: .whitespacesAndNewlines)))
    // Gone, or at most a zombie waiting to be reaped: nothing is running.
    var alive = false
    for _ in 0..<50 {
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      alive = !stat.isEmpty && !stat.contains(") Z ")
      if !alive { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(!alive, "the cell's sleep 600 (pid \(pid)) is still running")
  }
}
