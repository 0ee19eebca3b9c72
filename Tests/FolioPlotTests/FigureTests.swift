// Figure behaviour: ticks, equal aspect, one path per series, gaps, colours, escaping, ids.
import FolioRuntime
import Foundation
import Testing

@testable import FolioPlot

@Suite("Figure")
struct FigureTests {
  /// How often `needle` occurs in `text`.
  func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The `d` attributes of the paths stroked in `color` with width 2 (series, not legend).
  func seriesPaths(_ svg: String, color: String) -> [String] {
    svg.components(separatedBy: "\n").filter {
      $0.hasPrefix("<path d=") && $0.contains("stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin")
    }
  }

  @Test("a 200-point line is one path with 199 segments")
  func onePathPerLine() {
    var fig = Figure(title: "t")
    let xs = (0..<200).map(Double.init)
    fig.line(xs, xs.map { $0 * $0 }, label: "square")
    let paths = seriesPaths(fig.svg, color: Color.orange.svgValue)
    #expect(paths.count == 1)
    #expect(count("L", in: paths.first ?? "") == 199)
    // grid, series, axes, legend swatch: nothing per point.
    #expect(count("<path", in: fig.svg) == 4)
  }

  @Test("a non-finite value leaves a gap in the line")
  func gaps() {
    var fig = Figure()
    fig.line([0, 1, 2, 3, 4], [0, 1, .nan, 3, 4])
    let path = seriesPaths(fig.svg, color: Color.orange.svgValue).first ?? ""
    #expect(count("M", in: path) == 2)
    #expect(count("L", in: path) == 2)
  }

  @Test("nice ticks: steps of 1, 2 or 5 times a power of ten, fixed decimals, true minus")
  func ticks() {
    let unit = Ticks(range: 0...10, target: 5)
    #expect(unit.values == [0, 2, 4, 6, 8, 10])
    #expect(unit.label(4) == "4")
    let small = Ticks(range: -0.013...0.021, target: 4)
    #expect(small.step == 0.01)
    #expect(small.values.map(small.label) == ["\u{2212}0.01", "0.00", "0.01", "0.02"])
    let wide = Ticks(range: -6.6...6.6, target: 7)
    #expect(wide.values == [-6, -4, -2, 0, 2, 4, 6])
    #expect(Ticks(range: 3...3, target: 5).values.contains(3))
  }

  @Test("equal aspect: one unit is as long on x as on y")
  func equalAspect() {
    var fig = Figure(width: 480, height: 320, equalAspect: true)
    fig.curve(t: 0...(2 * .pi), closed: true) { (cos($0), sin($0)) }
    let frame = PlotFrame(figure: fig)
    #expect(abs(frame.xScale.unitsPerPixel - frame.yScale.unitsPerPixel) < 1e-12)
    #expect(frame.xScale.domain.lowerBound <= -1 && frame.xScale.domain.upperBound >= 1)
    #expect(frame.yScale.domain.lowerBound <= -1 && frame.yScale.domain.upperBound >= 1)
    #expect(frame.xTicks.step == frame.yTicks.step)
    var stretched = fig
    stretched.equalAspect = false
    let other = PlotFrame(figure: stretched)
    #expect(abs(other.xScale.unitsPerPixel - other.yScale.unitsPerPixel) > 1e-3)
  }

  @Test("equal-aspect regions shrink the plot box instead of showing empty plane")
  func equalAspectRegions() {
    var fig = Figure(width: 480, height: 320, equalAspect: true)
    fig.regions(x: 0...1, y: 0...1, resolution: 4) { x, _ in x < 0.5 ? 0 : 1 }
    let frame = PlotFrame(figure: fig)
    #expect(abs(frame.xScale.unitsPerPixel - frame.yScale.unitsPerPixel) < 1e-12)
    #expect(frame.xScale.domain == 0...1)
    #expect(frame.yScale.domain == 0...1)
  }

  @Test("regions: one path per class, merged runs, negative classes left empty")
  func regions() {
    var fig = Figure()
    fig.regions(grid: [[0, 0, 1, -1], [0, 1, 1, -1]], x: 0...4, y: 0...2)
    let svg = fig.svg
    let regionPaths = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<path class=\"region\"") }
    #expect(regionPaths.count == 2)
    #expect(regionPaths.map { count("M", in: $0) } == [2, 2])
    #expect(regionPaths[0].contains(Color.palette(0).svgValue))
    #expect(regionPaths[1].contains(Color.palette(1).svgValue))
  }

  @Test("classes keep their colour and shape; later series do not reuse class colours")
  func classColours() {
    var fig = Figure()
    fig.scatter([0, 1, 2], [0, 1, 2], classes: [2, 0, 2], classNames: ["a", "b", "c"])
    fig.line([0, 1], [1, 0], label: "boundary")
    let svg = fig.svg
    #expect(svg.contains(">a</text>") && svg.contains(">c</text>") && !svg.contains(">b</text>"))
    #expect(seriesPaths(svg, color: Color.palette(3).svgValue).count == 1)
    let classTwo = svg.components(separatedBy: "\n").filter {
      $0.hasPrefix("<path d=") && $0.contains("fill=\"\(Color.palette(2).svgValue)\"")
    }
    // The points and the legend marker of class 2: triangles (three corners each).
    #expect(classTwo.count == 2)
    #expect(classTwo.allSatisfy { count("L", in: $0) == 2 * count("M", in: $0) })
  }

  @Test("text is escaped in the title, description, labels and legend")
  func escaping() throws {
    var fig = Figure(title: "a < b & \"c\"", xLabel: "<x>", yLabel: "y'")
    fig.line([0, 1], [0, 1], label: "</text>")
    let svg = fig.svg
    #expect(!svg.contains("</text>\"") && !svg.contains("a < b"))
    #expect(svg.contains("aria-label=\"a &lt; b &amp; &quot;c&quot;\""))
    #expect(svg.contains("<title>a &lt; b &amp; &quot;c&quot;</title>"))
    #expect(svg.contains("&lt;/text&gt;</text>"))
    #expect(count("<text", in: svg) == count("</text>", in: svg))
  }

  @Test("the description names the kinds, series and axis intervals")
  func description() {
    var fig = Figure(title: "Loss", xLabel: "epoch", yLabel: "loss")
    fig.line([1, 2, 3], label: "train")
    fig.scatter([0], [1])
    #expect(
      fig.accessibleDescription
        == "Plot (line, scatter) of train (3 points); points (1 points). "
        + "x axis (epoch) from 0 to 2. y axis (loss) from 1 to 3.")
    #expect(Figure().accessibleDescription == "Empty plot.")
    #expect(fig.displayValue.kind == .svg)
    #expect(fig.displayValue.summary == fig.description)
    #expect(fig.description.hasPrefix("[Figure] Loss: Plot (line, scatter)"))
  }

  @Test("the clip id comes from the content: stable, and different for different figures")
  func contentIDs() throws {
    var a = Figure()
    a.line([0, 1], [0, 1])
    var b = Figure()
    b.line([0, 1], [1, 0])
    func clipID(_ svg: String) -> String? {
      svg.components(separatedBy: "clipPath id=\"").dropFirst().first?.components(separatedBy: "\"").first
    }
    #expect(clipID(a.svg) == clipID(a.svg))
    #expect(clipID(a.svg) != clipID(b.svg))
    #expect(clipID(a.svg)?.hasPrefix("folio-clip-") == true)
  }

  @Test("a long legend wraps onto more rows and pushes the plot down")
  func legendWraps() {
    var short = Figure(width: 300)
    short.line([0, 1], label: "one")
    var long = short
    for index in 0..<6 { long.line([0, 1], label: "a rather long series name \(index)") }
    let shortFrame = PlotFrame(figure: short)
    let longFrame = PlotFrame(figure: long)
    #expect(Set(longFrame.legend.map(\.y)).count > 1)
    #expect(longFrame.top > shortFrame.top)
    #expect(longFrame.legend.allSatisfy { $0.x + 28 + SVGText.width($0.label, fontSize: 13) <= 300 })
  }
}
