// Unit tests for `--update`: only output blocks change, line endings are kept.
import Testing

@testable import FolioCore

@Suite struct UpdaterTests {
  func update(_ text: String, printed: [String]) -> String {
    let chapter = ChapterParser().parse(ChapterFile(path: "chapters/a.md", slug: "a", text: text))
    let results = ChapterResults(
      cells: printed.map { CellResult(status: .ok, outputs: $0.isEmpty ? [] : [.stdout($0)]) })
    return ExpectedOutputUpdater.update(text, chapter: chapter, results: results, tolerance: .default)
  }

  @Test func replacesExistingBlockAndAddsMissingOne() {
    let text =
      "# A\n\n```swift\nprint(1)\n```\n\n```output\nold\n```\n\nProse.\n\n```swift\nprint(2)\n```\nEnd.\n"
    #expect(
      update(text, printed: ["1\n", "2\n"])
        == "# A\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n\nProse.\n\n```swift\nprint(2)\n```\n\n```output\n2\n```\nEnd.\n"
    )
  }

  @Test func leavesCellsThatPrintNothingAndMatchingBlocksAlone() {
    let text = "```swift\nlet a = 1\n```\n\n```swift\nprint(0.1 + 0.2)\n```\n\n```output\n0.3\n```\n"
    #expect(update(text, printed: ["", "0.30000000000000004\n"]) == text)
  }

  @Test func keepsCRLFLineEndings() {
    let text = "# A\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output\r\nold\r\n```\r\nTail\r\n"
    #expect(
      update(text, printed: ["1\n2\n"])
        == "# A\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output\r\n1\r\n2\r\n```\r\nTail\r\n")
  }
}
