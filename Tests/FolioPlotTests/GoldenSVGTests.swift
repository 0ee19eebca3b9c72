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
      try svg.write(to: Self.sourceFolder.appendingPathComponent(file), atomically: true, encoding: .utf8)
      return
    }
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden"),
      "no golden file \(file); run with RECORD_SNAPSHOTS=1")
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(svg == golden, "\(file) differs; inspect, then re-record with RECORD_SNAPSHOTS=1")
  }

  @Test("rendering twice gives the same bytes")
  func deterministic() {
    for (_, figure) in Gallery.all {
      #expect(figure.svg == figure.svg)
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
