// Request paths to site files: confinement, directories, content types, page injection.
import Foundation
import Testing

@testable import FolioServer

struct SitePathTests {
  /// A site folder with an index, a page, an asset, and a symbolic link pointing outside.
  static func makeSite() throws -> (root: URL, outside: URL) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-sitepath-\(UUID().uuidString)")
    let root = base.appendingPathComponent("site")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("assets"), withIntermediateDirectories: true)
    try "<html><body>index</body></html>".write(
      to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    try "body{}".write(to: root.appendingPathComponent("assets/folio.css"), atomically: true, encoding: .utf8)
    let outside = base.appendingPathComponent("outside.txt")
    try "outside".write(to: outside, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("assets/escape.txt"), withDestinationURL: outside)
    return (root, base)
  }

  @Test func resolvesFilesAndDirectoryIndexes() throws {
    let (root, base) = try Self.makeSite()
    defer { try? FileManager.default.removeItem(at: base) }
    let site = SitePath(root: root)
    let canonical = root.resolvingSymlinksInPath()
    #expect(site.resolve("/") == .file(canonical.appendingPathComponent("index.html")))
    #expect(site.resolve("/index.html?x=1") == .file(canonical.appendingPathComponent("index.html")))
    #expect(site.resolve("/assets/folio.css") == .file(canonical.appendingPathComponent("assets/folio.css")))
    #expect(
      site.resolve("/./assets//folio.css") == .file(canonical.appendingPathComponent("assets/folio.css")))
    #expect(site.resolve("/nope.html") == .missing)
    #expect(site.resolve("/assets") == .missing)
  }

  @Test func refusesEscapes() throws {
    let (root, base) = try Self.makeSite()
    defer { try? FileManager.default.removeItem(at: base) }
    let site = SitePath(root: root)
    for path in [
      "/../outside.txt", "/assets/../../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E%2Foutside.txt",
      "/assets/escape.txt", "/..\\outside.txt", "/index.html%00.css",
    ] {
      #expect(site.resolve(path) == .refused, "\(path)")
    }
  }

  @Test func contentTypes() {
    #expect(ContentType.forFile(named: "a.html") == "text/html; charset=utf-8")
    #expect(ContentType.forFile(named: "folio.css") == "text/css; charset=utf-8")
    #expect(ContentType.forFile(named: "search.js") == "text/javascript; charset=utf-8")
    #expect(ContentType.forFile(named: "fig.SVG") == "image/svg+xml")
    #expect(ContentType.forFile(named: "KaTeX_Main-Regular.woff2") == "font/woff2")
    #expect(ContentType.forFile(named: "KaTeX_Main-Regular.ttf") == "font/ttf")
    #expect(ContentType.forFile(named: "noext") == "application/octet-stream")
  }

  @Test func injectsScriptAndEscapedOverlay() {
    let page = Data("<html><body><p>x</p></body></html>".utf8)
    let ok = String(
      decoding: PageInjector.inject(
        into: page, generation: 7, outcome: BuildOutcome(succeeded: true, diagnostics: [], summary: "")),
      as: UTF8.self)
    #expect(ok.contains("var page = 7;"))
    #expect(ok.hasSuffix("</body></html>"))
    #expect(ok.contains("<p>x</p>"))
    #expect(!ok.contains("folio-error-overlay"))

    let failed = BuildOutcome(
      succeeded: false, diagnostics: ["chapters/a.md:3:1: error: expected <Int>"], summary: "build failed")
    let bad = String(decoding: PageInjector.inject(into: page, generation: 2, outcome: failed), as: UTF8.self)
    #expect(bad.contains("folio-error-overlay"))
    #expect(bad.contains("chapters/a.md:3:1: error: expected &lt;Int&gt;"))
    #expect(!bad.contains("expected <Int>"))

    let noBody = String(
      decoding: PageInjector.inject(into: Data("plain".utf8), generation: 1, outcome: nil), as: UTF8.self)
    #expect(noBody.hasPrefix("plain<script"))
  }
}
