// Trust: pathological Markdown (an open fence, deep nesting, megabyte lines) builds through the
// whole pipeline, renderer included, without a crash.
import Foundation
import Testing

@testable import FolioCore

@Suite struct TrustMarkdownTests {
  /// The chapters: an unterminated Swift fence, 300-deep lists and quotes, 1 MB lines of
  /// several kinds, and nesting far past the parser's depth cap.
  static func chapters() -> [String: String] {
    var nested = ["# Nested", ""]
    for depth in 0..<300 { nested.append(String(repeating: "  ", count: depth) + "- item \(depth)") }
    nested += ["", String(repeating: "> ", count: 300) + "deep quote", ""]
    for depth in 0..<300 { nested.append(String(repeating: "   ", count: depth) + "1. n\(depth)") }
    let mega = 1 << 20
    let long = [
      "# Long", "", String(repeating: "word ", count: mega / 5), "",
      String(repeating: "$x$ ", count: mega / 4), "",
      String(repeating: "*a_ [b `c $ ", count: mega / 12), "",
      String(repeating: "<xq>", count: mega / 4), "",
      String(repeating: "&amp;[x](", count: mega / 9), "",
      String(repeating: "|a", count: mega / 2), "|---|", "",
      String(repeating: "\\", count: mega), "",
    ]
    let abyss = [
      "# Abyss", "", String(repeating: "> ", count: 20_000) + "bottom", "",
      String(repeating: "- ", count: 20_000) + "last item", "",
      String(repeating: "*", count: 20_000) + "w" + String(repeating: "*", count: 20_000), "",
      String(repeating: "[", count: 20_000) + "z" + String(repeating: "](u)", count: 20_000), "",
    ]
    return [
      "chapters/01-fence.md": "# Open\n\nProse.\n\n```swift\nprint(\"from an open fence\")\n",
      "chapters/02-nested.md": nested.joined(separator: "\n") + "\n",
      "chapters/03-long.md": long.joined(separator: "\n") + "\n",
      "chapters/04-abyss.md": abyss.joined(separator: "\n") + "\n",
    ]
  }

  @Test(.timeLimit(.minutes(10)))
  func pathologicalMarkdownBuildsWithoutACrash() throws {
    let book = try ScratchBook(texts: Self.chapters(), name: "markdown")
    defer { book.remove() }
    let report = try book.build()
    #expect(report.succeeded, "\(report.diagnostics.prefix(5))")
    // The open fence runs to the end of the file and its cell runs.
    #expect(report.built?.chapters[0].cells.count == 1)
    #expect(report.cell(0, 0).printedText == "from an open fence\n")
    #expect(try book.page("01-fence.html").contains("from an open fence"))
    // All 300 levels of the list are on the page, nested.
    let nested = try book.page("02-nested.html")
    #expect(nested.contains("item 299"))
    #expect(nested.contains("n299"))
    #expect(nested.components(separatedBy: "<ul").count - 1 >= 300)
    #expect(nested.components(separatedBy: "<blockquote").count - 1 == 300)
    let long = try book.page("03-long.html")
    // A line of 262 144 inline tags is raw HTML, on the page as written (as GFM writes it).
    #expect(long.contains(String(repeating: "<xq>", count: 1_000)))
    // Past the depth cap the text is still there.
    let abyss = try book.page("04-abyss.html")
    #expect(abyss.contains("bottom"))
    #expect(abyss.contains("last item"))
  }

  @Test func depthCapKeepsTheTreeShallowAndTheText() {
    let text =
      "# D\n\n" + String(repeating: "> ", count: 5_000) + "bottom\n\n" + String(repeating: "- ", count: 5_000)
      + "end\n"
    let chapter = ChapterParser().parse(ChapterFile(path: "chapters/d.md", slug: "d", text: text))
    func depth(_ node: MarkdownNode) -> Int {
      var deepest = 0
      var stack = [(node, 1)]
      while let (current, level) = stack.popLast() {
        deepest = max(deepest, level)
        stack += current.children.map { ($0, level + 1) }
      }
      return deepest
    }
    #expect(depth(chapter.document) <= CMark.maximumDepth + 4)
    #expect(chapter.document.plainText.contains("bottom"))
    #expect(chapter.document.plainText.contains("end"))
  }
}
