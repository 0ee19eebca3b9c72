// End-to-end tests of `folio check`: each promise, kept and broken, on fixture books.
import Foundation
import Testing

@testable import FolioCore

@Suite struct CheckEndToEndTests {
  @Test func goodBookPasses() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    _ = try book.build()
    let report = try book.check()
    #expect(report.succeeded, "\(report.diagnostics)")
    #expect(report.failed == 0)
    #expect(report.passed == 7)
    #expect(report.summaryLine == "7 passed, 0 failed")
  }

  @Test func updateOnAnUpToDateSiteStillChecksEveryCell() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    _ = try book.build()
    #expect(try book.build().upToDate)
    let report = try book.check(update: true)
    #expect(report.summaryLine == "7 passed, 0 failed")
    #expect(report.updatedFiles.isEmpty)
  }

  @Test func everyBrokenPromiseIsReportedAtItsLine() throws {
    let book = try FixtureBook("broken-promises")
    defer { book.remove() }
    let report = try book.check()
    #expect(!report.succeeded)
    let byLine = Dictionary(
      grouping: report.diagnostics.filter { $0.severity == .error }, by: \.location.line)
    #expect(byLine[8]?.first?.message.contains("expected 0.3333, got 0.3333333333333333") == true)
    #expect(byLine[12]?.first?.message.contains("declared should-fail, but it ran to the end") == true)
    #expect(byLine[16]?.first?.message.contains("declared compile-fail, but it compiles") == true)
    #expect(byLine[19]?.first?.message.contains("unknown cell option 'hidden'") == true)
    let links = report.diagnostics.filter { $0.location.line == 23 }.map(\.message)
    #expect(links.contains { $0.contains("no heading with anchor '#no-such-heading'") })
    #expect(links.contains { $0.contains("no chapter '99-missing.md'") })
    #expect(byLine[28] == nil, "within the cell's rtol=1e-3 the same output passes")
    #expect(report.failed == 3)
  }

  @Test func staleSiteFails() throws {
    let book = try FixtureBook("trap")
    defer { book.remove() }
    _ = try book.build()
    let page = book.root.appendingPathComponent("site/02-ok.html")
    try (try String(contentsOf: page, encoding: .utf8) + "<!-- edited -->").write(
      to: page, atomically: true, encoding: .utf8)
    try "stale".write(
      to: book.root.appendingPathComponent("site/old.html"), atomically: true, encoding: .utf8)
    let report = try book.check()
    let messages = report.diagnostics.map(\.description)
    #expect(messages.contains { $0.hasPrefix("site/02-ok.html: error: differs from a fresh build") })
    #expect(messages.contains { $0.hasPrefix("site/old.html: error: is not part of a fresh build") })
  }

  @Test func updateThenCheckPassesAndTouchesOnlyOutputBlocks() throws {
    let book = try FixtureBook("broken-promises")
    defer { book.remove() }
    let url = book.root.appendingPathComponent("chapters/01-broken.md")
    // Keep only the fixable promises: a wrong output and a cell without a block, in CRLF.
    let text =
      "# Fix me\r\n\r\n```swift\r\nprint(1.0 / 3.0)\r\n```\r\n\r\n```output\r\n0.3333\r\n```\r\n\r\nProse stays.\r\n\r\n```swift\r\nprint(\"new\")\r\n```\r\nTail"
    try Data(text.utf8).write(to: url)
    _ = try book.check(update: true)
    let updated = try book.chapter("01-broken.md")
    #expect(
      updated
        == "# Fix me\r\n\r\n```swift\r\nprint(1.0 / 3.0)\r\n```\r\n\r\n```output\r\n0.3333333333333333\r\n```\r\n\r\nProse stays.\r\n\r\n```swift\r\nprint(\"new\")\r\n```\r\n\r\n```output\r\nnew\r\n```\r\nTail"
    )
    let report = try book.check()
    #expect(report.succeeded, "\(report.diagnostics)")
  }
}
