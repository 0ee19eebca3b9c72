// Findings in the Render stage from the trust work, kept as regression tests.
import Foundation
import Testing

@testable import FolioCore

@Suite struct TrustFindingsTests {
  /// KaTeX cuts the context of a parse error after 15 UTF-16 code units; when that splits a
  /// surrogate pair (an emoji, 𝔼), the message holds a lone surrogate, `JSON.stringify` writes
  /// it as `\ud83d`, Foundation's JSONDecoder rejects the whole reply, and every formula of the
  /// book fails with "KaTeX could not render the book's maths" (exit 2) instead of one error at
  /// the formula's line. Found by the fuzz test.
  @Test
  func katexErrorCutInsideASurrogatePairBreaksTheBuild() throws {
    let chapter = ChapterParser().parse(
      ChapterFile(path: "chapters/m.md", slug: "m", text: "# M\n\n$&aaaaaaaaaaaaaa😀$ and $x^2$\n"))
    let site = try RenderTestSupport.render([chapter])
    #expect(site.diagnostics.count == 1)
    #expect(site.diagnostics.first?.location.line == 3)
    #expect(try RenderTestSupport.page(site, "m.html").contains("class=\"katex"))
  }
}
