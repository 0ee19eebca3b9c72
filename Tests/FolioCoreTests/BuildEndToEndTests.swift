// End-to-end tests of `folio build` on fixture books: real compiles, real runs, real pages.
import Foundation
import Testing

@testable import FolioCore

@Suite struct BuildEndToEndTests {
  @Test func cellsShareStateAndShowTheirOutputs() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    let report = try book.build()
    #expect(report.succeeded, "\(report.diagnostics)")
    #expect(report.cell(0, 1).printedText == "total 5.0\n")
    #expect(
      report.cell(0, 2).outputs == [.value(RichValue(kind: .text, data: "P(x: 2.5)", summary: "P(x: 2.5)"))])
    #expect(report.cell(0, 3).status == .failedAsDeclared)
    #expect(
      report.cell(0, 3).outputs.contains {
        if case .stderr(let s) = $0 { s.contains("Index out of range") } else { false }
      })
    #expect(report.cell(0, 4).status == .failedAsDeclared)
    #expect(report.cell(0, 4).printedText.isEmpty)
    let lineValues = report.cell(1, 0).outputs.compactMap { item -> Int? in
      if case .lineValue(let line, _) = item { line } else { nil }
    }
    #expect(lineValues == [7])
    let page = try book.page("01-state.html")
    #expect(page.contains("class=\"katex"))
    #expect(page.contains("<table"))
    #expect(page.contains("total 5.0"))
    #expect(page.contains("02-more.html#a-section"))
  }

  @Test func compileErrorIsMappedToTheMarkdownLine() throws {
    let book = try FixtureBook("compile-error")
    defer { book.remove() }
    let report = try book.build()
    #expect(!report.succeeded)
    let error = try #require(report.diagnostics.first { $0.severity == .error })
    #expect(error.location.file == "chapters/01-bad.md")
    #expect(error.location.line == 9)
    #expect(error.location.column == 17)
    #expect(error.message.contains("cannot convert value of type 'Int' to specified type 'String'"))
    #expect(report.cell(0, 1).status == .failed)
    #expect(try book.page("01-bad.html").contains("cannot convert value"))
  }

  @Test func trapKeepsEarlierOutputAndMarksTheRestNotRun() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    let report = try book.build()
    #expect(report.cell(0, 0).printedText == "one\n")
    #expect(report.cell(0, 1).status == .failed)
    #expect(report.cell(0, 1).printedText == "two\n")
    #expect(report.cell(0, 1).diagnostics.first?.message.contains("Index out of range") == true)
    // At the line that trapped, not the cell's first line.
    #expect(report.cell(0, 1).diagnostics.first?.location.line == 10)
    #expect(report.cell(0, 2).status == .notRun)
    #expect(report.cell(0, 2).note == "the program stopped in the cell at line 8")
    #expect(report.cell(1, 0).printedText == "still built\n")
    let stderr = report.cell(0, 1).outputs.compactMap { if case .stderr(let s) = $0 { s } else { nil } }
      .joined()
    #expect(!stderr.contains("0x0"), "stack addresses must not reach the page: \(stderr)")
  }

  @Test func timeoutKillsTheProgramAndNamesTheCell() throws {
    let book = try FixtureBook("timeout")
    defer { book.remove() }
    let report = try book.build()
    let failure = try #require(report.cell(0, 1).diagnostics.first)
    #expect(failure.location == SourceLocation(file: "chapters/01-loop.md", line: 8, column: 1))
    #expect(failure.message.contains("timed out"))
    #expect(failure.message.contains("3 s"))
    #expect(report.cell(0, 0).printedText == "before\n")
    #expect(report.cell(1, 0).printedText == "other chapter\n")
  }

  @Test func rebuildsAreByteIdenticalAndServedFromTheCache() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    let first = SiteWriter.listFiles(book.root.appendingPathComponent("site")).mapValues {
      FileManager.default.contents(atPath: $0.path)
    }
    let again = try book.build()
    #expect(again.summary.cachedChapters == 2)
    #expect(again.summary.written?.written == 0)
    try FileManager.default.removeItem(at: book.root.appendingPathComponent(".build"))
    let cold = try book.build()
    #expect(cold.summary.cachedChapters == 0)
    let second = SiteWriter.listFiles(book.root.appendingPathComponent("site")).mapValues {
      FileManager.default.contents(atPath: $0.path)
    }
    #expect(first == second)
  }

  @Test func proseEditRunsNothingAndMovesLineNumbers() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    let url = book.root.appendingPathComponent("chapters/01-trap.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    try text.replacingOccurrences(of: "# Trap\n", with: "# Trap\n\nA new paragraph.\n").write(
      to: url, atomically: true, encoding: .utf8)
    let report = try book.build()
    #expect(report.summary.cachedChapters == 2)
    #expect(report.cell(0, 1).diagnostics.first?.location.line == 12)
    #expect(report.cell(0, 2).note == "the program stopped in the cell at line 10")
  }

  @Test func corruptCacheEntryIsRebuilt() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    let results = book.root.appendingPathComponent(".build/folio/results")
    for name in try FileManager.default.contentsOfDirectory(atPath: results.path) {
      let url = results.appendingPathComponent(name)
      let data = try Data(contentsOf: url)
      try data.prefix(data.count / 2).write(to: url)
    }
    let report = try book.build()
    #expect(report.summary.cachedChapters == 0)
    #expect(report.cell(0, 0).printedText == "one\n")
  }

  @Test func keptPagesAreReusedOnlyWhileWhatTheyAreMadeFromIsUnchanged() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    let kept = book.root.appendingPathComponent(".build/folio/render/pages")
    func entries() -> Set<String> {
      Set((try? FileManager.default.contentsOfDirectory(atPath: kept.path)) ?? [])
    }
    func site() -> [String: Data?] {
      SiteWriter.listFiles(book.root.appendingPathComponent("site")).mapValues {
        FileManager.default.contents(atPath: $0.path)
      }
    }
    func edit(_ name: String, _ change: (String) -> String) throws {
      let url = book.root.appendingPathComponent("chapters/\(name)")
      try change(try String(contentsOf: url, encoding: .utf8)).write(
        to: url, atomically: true, encoding: .utf8)
    }
    // Pages of chapters just run are rendered, not kept (the API reference's pages are: one
    // entry); with results from the cache they are.
    #expect(entries().count == 1)
    try edit("02-ok.md") { $0 + "\nA first paragraph.\n" }
    _ = try book.build()
    let both = entries()
    #expect(both.count == 3)
    // A prose edit to one chapter renders its page again; the other's is taken as kept.
    try edit("02-ok.md") { $0 + "\nA second paragraph.\n" }
    _ = try book.build()
    #expect(try book.page("02-ok.html").contains("A second paragraph."))
    let after = entries()
    #expect(after.count == 3 && both.intersection(after).count == 2)
    // A renamed heading is in the neighbour's sidebar: that page is rendered again too.
    try edit("01-trap.md") { $0.replacingOccurrences(of: "# Trap\n", with: "# Trap, renamed\n") }
    _ = try book.build()
    #expect(try book.page("02-ok.html").contains("Trap, renamed"))
    #expect(entries().intersection(after).isEmpty)
    // And the site is, byte for byte, what a build that keeps no page writes.
    let withKept = site()
    try FileManager.default.removeItem(at: book.root.appendingPathComponent(".build/folio/render"))
    try? FileManager.default.removeItem(at: book.root.appendingPathComponent(".build/folio/last-build.json"))
    let fresh = try book.build()
    #expect(fresh.summary.cachedChapters == 2)
    #expect(site() == withKept)
  }

  @Test func removedChapterLeavesNoStalePage() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    #expect(FileManager.default.fileExists(atPath: book.root.appendingPathComponent("site/02-ok.html").path))
    try FileManager.default.removeItem(at: book.root.appendingPathComponent("chapters/02-ok.md"))
    _ = try book.build()
    #expect(!FileManager.default.fileExists(atPath: book.root.appendingPathComponent("site/02-ok.html").path))
  }
}

@Suite struct UpToDateTests {
  @Test func unchangedBookIsUpToDateAndATouchedSiteIsRebuilt() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    let first = try book.build()
    #expect(!first.upToDate)
    let second = try book.build()
    #expect(second.upToDate)
    #expect(second.summary.chapterCount == 2)
    #expect(second.summary.cellCounts == first.summary.cellCounts)
    let page = book.root.appendingPathComponent("site/02-more.html")
    let original = try Data(contentsOf: page)
    try Data("tampered".utf8).write(to: page)
    let third = try book.build()
    #expect(!third.upToDate)
    #expect(try Data(contentsOf: page) == original)
    let chapter = book.root.appendingPathComponent("chapters/02-more.md")
    try (try String(contentsOf: chapter, encoding: .utf8) + "\nMore prose.\n").write(
      to: chapter, atomically: true, encoding: .utf8)
    let fourth = try book.build()
    #expect(!fourth.upToDate)
    #expect(fourth.summary.cachedChapters == 2)
    #expect(try book.page("02-more.html").contains("More prose."))
    #expect(try book.build().upToDate)
    // The configuration counts too.
    try "title: A New Title\n".write(
      to: book.root.appendingPathComponent("book.yml"), atomically: true, encoding: .utf8)
    #expect(try !book.build().upToDate)
    #expect(try book.page("index.html").contains("A New Title"))
    // So does a timeout given on the command line.
    var options = book.options(timeout: 30)
    options.jobs = 1
    #expect(try !Pipeline.run(options).upToDate)
    #expect(try Pipeline.run(options).upToDate)
  }

  @Test func buildWithErrorsIsNeverUpToDate() throws {
    let book = try FixtureBook("compile-error")
    defer { book.remove() }
    _ = try book.build()
    let again = try book.build()
    #expect(!again.upToDate)
    #expect(!again.succeeded)
  }
}
