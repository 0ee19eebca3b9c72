// How a Figure shows in a cell's output and describes itself to screen readers.
import FolioRuntime

extension Figure: Displayable, CustomStringConvertible {
  /// The SVG drawing, with the accessible description as its text alternative.
  public var displayValue: DisplayValue { displayed() }

  /// A text stand-in for the drawing: what a reader running the cell by hand sees printed.
  public var description: String { described() }

  // Compiled once into FolioPlot's object file, not into each live cell (see `renderedSVG`).
  @export(interface)
  func displayed() -> DisplayValue {
    .svg(svg, summary: description)
  }

  @export(interface)
  func described() -> String {
    "[Figure] " + (title.isEmpty ? "" : title + ": ") + accessibleDescription
  }

  /// The figure's accessible name: its title, or a generic name without one.
  var accessibleName: String {
    title.isEmpty ? "Plot" : title
  }

  /// What the figure shows, in words: kinds, series, axes and their intervals.
  var accessibleDescription: String {
    var kinds: [String] = []
    var series: [String] = []
    for mark in marks {
      switch mark {
      case .line(let points, let label, _, _, let closed):
        let kind = closed ? "curve" : "line"
        if !kinds.contains(kind) { kinds.append(kind) }
        series.append("\(label ?? kind) (\(points.count) points)")
      case .scatter(let points, let label, _, _):
        if !kinds.contains("scatter") { kinds.append("scatter") }
        series.append("\(label ?? "points") (\(points.count) points)")
      case .regions(let grid):
        if !kinds.contains("regions") { kinds.append("regions") }
        let classes = Set(grid.classes.joined()).filter { $0 >= 0 }.sorted()
        let names = classes.map { $0 < grid.names.count ? grid.names[$0] : "class \($0)" }
        series.append("regions of " + names.joined(separator: ", "))
      }
    }
    var sentences: [String] = []
    if kinds.isEmpty {
      sentences.append("Empty plot.")
    } else {
      sentences.append(
        "Plot (" + kinds.joined(separator: ", ") + ") of " + series.joined(separator: "; ") + ".")
    }
    // The data's own extent (the axes add a margin), or the fixed interval when one is set.
    let (points, regions) = PlotFrame.extents(self)
    let x = xRange ?? Extent.union(points.x, regions.x)
    let y = yRange ?? Extent.union(points.y, regions.y)
    if let x { sentences.append(axisSentence("x", xLabel, x)) }
    if let y { sentences.append(axisSentence("y", yLabel, y)) }
    return sentences.joined(separator: " ")
  }

  private func axisSentence(_ axis: String, _ label: String, _ range: ClosedRange<Double>) -> String {
    let name = label.isEmpty ? "" : " (\(label))"
    let low = NumberText.significant(range.lowerBound, digits: 3)
    let high = NumberText.significant(range.upperBound, digits: 3)
    return "\(axis) axis\(name) from \(low) to \(high)."
  }
}
