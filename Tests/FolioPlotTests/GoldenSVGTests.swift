// Golden SVG files for every plot kind; RECORD_SNAPSHOTS=1 re-records them.
import FolioPlot
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Golden SVG")
struct GoldenSVGTests {
  /// The source folder of the golden files, written when recording.
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  @Test("each plot kind matches its golden file", arguments: Gallery.all.map(\.name))
  func matchesGolden(name: String) throws {
    let figure = try #require(Gallery.all.first { $0.name == name }?.figure)
    let svg = figure.svg
    let file = name + ".svg"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      // Recording writes the new golden file, and fails if it changed: a recording run is never
      // mistaken for a passing one. Run again without RECORD_SNAPSHOTS to verify.
      let target = Self.sourceFolder.appendingPathComponent(file)
      let old = try? String(contentsOf: target, encoding: .utf8)
      try svg.write(to: target, atomically: true, encoding: .utf8)
      #expect(svg == old, "recorded a new \(file); inspect it and run again")
      return
    }
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden"),
      "no golden file \(file); run with RECORD_SNAPSHOTS=1")
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(svg == golden, "\(file) differs; inspect, then re-record with RECORD_SNAPSHOTS=1")
  }

  @Test("figures built twice, from scratch, give the same bytes")
  func deterministic() {
    let again = Gallery.make()
    #expect(again.map(\.name) == Gallery.all.map(\.name))
    for ((name, first), (_, second)) in zip(Gallery.all, again) {
      #expect(first.svg == second.svg, "\(name)")
    }
  }

  @Test("golden files parse as XML")
  func wellFormed() throws {
    for (name, figure) in Gallery.all {
      let document = try XMLDocument(xmlString: figure.svg)
      #expect(document.rootElement()?.name == "svg", "\(name)")
    }
  }
}
