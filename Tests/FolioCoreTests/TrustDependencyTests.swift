// Trust: a missing dependency (KaTeX, its fonts, lunr, node, swiftc) stops the build with one
// line naming what to install, and exit code 2.
import Foundation
import Testing

@testable import FolioCore

@Suite struct TrustDependencyTests {
  func renderError(_ assets: SiteAssets, maths: Bool) -> String {
    let text = maths ? "# M\n\n$x^2$\n" : "# M\n\nplain\n"
    let chapter = ChapterParser().parse(ChapterFile(path: "chapters/m.md", slug: "m", text: text))
    var renderer = SiteRenderer(cacheDirectory: RenderTestSupport.temporaryDirectory())
    renderer.assets = assets
    do {
      _ = try renderer.render(
        RenderInput(
          book: RenderTestSupport.book([chapter]), chapters: [chapter],
          results: [ChapterResults(cells: [])]))
    } catch {
      #expect(error.kind == .environment)
      #expect(!error.description.contains("\n"))
      return error.description
    }
    Issue.record("rendering without the dependency succeeded")
    return ""
  }

  @Test func missingKaTeXNamesItsPackage() throws {
    var assets = SiteAssets()
    assets.katexDirectory = URL(fileURLWithPath: "/nonexistent/katex")
    #expect(try renderError(assets, maths: true).contains("install the Debian package libjs-katex"))
    #expect(try renderError(assets, maths: false).contains("install the Debian package libjs-katex"))
  }

  @Test func missingKaTeXFontsNamePackage() throws {
    var assets = SiteAssets()
    assets.katexFontDirectory = URL(fileURLWithPath: "/nonexistent/fonts")
    #expect(try renderError(assets, maths: false).contains("install the Debian package fonts-katex"))
  }

  @Test func missingLunrNamesItsPackage() throws {
    var assets = SiteAssets()
    assets.lunrDirectory = URL(fileURLWithPath: "/nonexistent/lunr")
    #expect(try renderError(assets, maths: false).contains("install the Debian package libjs-lunr"))
  }

  /// A folder holding only a link to `swiftc`: a PATH without node.
  func pathWithOnlySwiftc() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-path-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let swiftc = try #require(ProcessRunner.which("swiftc"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("swiftc").path, withDestinationPath: swiftc)
    return folder
  }

  @Test func missingNodeNamesItsPackage() throws {
    let path = try pathWithOnlySwiftc()
    defer { try? FileManager.default.removeItem(at: path) }
    let book = try ScratchBook(texts: [
      "chapters/01.md": "# M\n\n$\\sqrt{2} + \(UUID().uuidString.prefix(6))$\n"
    ])
    defer { book.remove() }
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = path.path
    let run = try FolioBinary.run(["build", "--book", book.root.path], environment: environment)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.errorLines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("install the Debian package nodejs"))
  }

  @Test func missingSwiftcSaysHowToInstallIt() throws {
    let book = try ScratchBook(texts: ["chapters/01.md": "# M\n\n```swift\nprint(1)\n```\n"])
    defer { book.remove() }
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = "/nonexistent"
    let run = try FolioBinary.run(["build", "--book", book.root.path], environment: environment)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.errorLines.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("swiftc is not on the PATH"))
  }
}
