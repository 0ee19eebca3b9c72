// Figure: the plot a notebook cell builds and shows, series by series.

/// A plot a cell builds and shows: line plots, scatter plots by class, decision regions and
/// curves in the plane, rendered as a small, deterministic inline SVG.
///
/// ```swift
/// var fig = Figure(title: "Training loss", xLabel: "epoch", yLabel: "loss")
/// fig.line(train, label: "train")
/// fig.line(test, label: "test", style: .dashed)
/// display(fig)        // or end the cell with `fig`
/// ```
///
/// Series take colours from `Color.palette` in the order they are added (classes by class
/// number, so regions and points of a class match). Text and axes use the page's text colour.
/// The SVG is written by FolioPlot itself: no plotting package is involved.
public struct Figure: Sendable, Hashable {
  /// The title above the plot; also the SVG's accessible name.
  public var title: String
  /// The x axis label.
  public var xLabel: String
  /// The y axis label.
  public var yLabel: String
  /// Width in pixels (the SVG scales down to narrow pages).
  public var width: Double
  /// Height in pixels.
  public var height: Double
  /// Whether one unit has the same length on both axes, so a circle looks round.
  public var equalAspect: Bool
  /// A fixed x interval instead of one fitted to the data.
  public var xRange: ClosedRange<Double>?
  /// A fixed y interval instead of one fitted to the data.
  public var yRange: ClosedRange<Double>?

  /// What is drawn, in order (regions are always drawn first).
  var marks: [Mark] = []
  /// How many series took an automatic colour so far.
  private var autoColors = 0

  /// Creates an empty figure.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", width: Double = 480,
    height: Double = 320, equalAspect: Bool = false
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.width = width
    self.height = height
    self.equalAspect = equalAspect
  }

  /// Adds a line through the points `(xs[i], ys[i])`; a non-finite value leaves a gap.
  public mutating func line(
    _ xs: some Sequence<Double>, _ ys: some Sequence<Double>, label: String? = nil,
    color: Color? = nil, style: LineStyle = .solid
  ) {
    let points = zip(xs, ys).map { DataPoint(x: $0, y: $1) }
    marks.append(.line(points: points, label: label, color: nextColor(color), style: style, closed: false))
  }

  /// Adds a line through `ys` against their indices 0, 1, 2, … (a loss per epoch).
  public mutating func line(
    _ ys: some Sequence<Double>, label: String? = nil, color: Color? = nil, style: LineStyle = .solid
  ) {
    let values = Array(ys)
    line(values.indices.map(Double.init), values, label: label, color: color, style: style)
  }

  /// Adds the graph of `f` over `x`, sampled at `samples` evenly spaced points.
  public mutating func function(
    _ x: ClosedRange<Double>, samples: Int = 200, label: String? = nil, color: Color? = nil,
    style: LineStyle = .solid, _ f: (Double) -> Double
  ) {
    let xs = Figure.evenlySpaced(x, count: samples)
    line(xs, xs.map(f), label: label, color: color, style: style)
  }

  /// Adds the parametric curve `point(t)` for `t` in `t`, sampled at `samples` points; `closed`
  /// joins the end to the start (a unit ball's boundary).
  public mutating func curve(
    t: ClosedRange<Double>, samples: Int = 200, label: String? = nil, color: Color? = nil,
    style: LineStyle = .solid, closed: Bool = false, _ point: (Double) -> (x: Double, y: Double)
  ) {
    let points = Figure.evenlySpaced(t, count: samples).map { value in
      let p = point(value)
      return DataPoint(x: p.x, y: p.y)
    }
    marks.append(.line(points: points, label: label, color: nextColor(color), style: style, closed: closed))
  }

  /// Adds points `(xs[i], ys[i])` drawn as markers of one colour.
  public mutating func scatter(
    _ xs: some Sequence<Double>, _ ys: some Sequence<Double>, label: String? = nil,
    color: Color? = nil, marker: Marker = .circle
  ) {
    let points = zip(xs, ys).map { DataPoint(x: $0, y: $1) }
    marks.append(.scatter(points: points, label: label, color: nextColor(color), marker: marker))
  }

  /// Adds points coloured by class: point `i` belongs to class `classes[i]` (0, 1, 2, …), drawn
  /// in that class's palette colour and marker shape, one legend entry per class, named by
  /// `classNames[class]` or "class k".
  public mutating func scatter(
    _ xs: some Sequence<Double>, _ ys: some Sequence<Double>, classes: some Sequence<Int>,
    classNames: [String] = []
  ) {
    var byClass: [Int: [DataPoint]] = [:]
    for ((x, y), label) in zip(zip(xs, ys), classes) {
      byClass[label, default: []].append(DataPoint(x: x, y: y))
    }
    if let largest = byClass.keys.max() { autoColors = max(autoColors, largest + 1) }
    for label in byClass.keys.sorted() {
      let name = label >= 0 && label < classNames.count ? classNames[label] : "class \(label)"
      marks.append(
        .scatter(
          points: byClass[label]!, label: name, color: Color.palette(label), marker: Marker.cycle(label)))
    }
  }

  /// Fills the rectangle `x` × `y` with the colour of the class `classify(x, y)` returns,
  /// evaluated at the centres of a `resolution` × `resolution` grid: a classifier's decision
  /// regions, drawn beneath everything else.
  public mutating func regions(
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 80, classNames: [String] = [],
    _ classify: (Double, Double) -> Int
  ) {
    let n = max(1, resolution)
    let dx = (x.upperBound - x.lowerBound) / Double(n)
    let dy = (y.upperBound - y.lowerBound) / Double(n)
    let grid = (0..<n).map { row in
      (0..<n).map { column in
        classify(
          x.lowerBound + (Double(column) + 0.5) * dx, y.lowerBound + (Double(row) + 0.5) * dy)
      }
    }
    regions(grid: grid, x: x, y: y, classNames: classNames)
  }

  /// Fills the rectangle `x` × `y` with a grid of class numbers: `grid[row][column]`, row 0 at
  /// the bottom. A negative class leaves its cell empty.
  public mutating func regions(
    grid: [[Int]], x: ClosedRange<Double>, y: ClosedRange<Double>, classNames: [String] = []
  ) {
    marks.append(.regions(RegionGrid(x: x, y: y, classes: grid, names: classNames)))
    if let largest = grid.joined().max() { autoColors = max(autoColors, largest + 1) }
  }

  /// The figure as an SVG document.
  public var svg: String { renderedSVG() }

  /// The SVG, written by code compiled once into FolioPlot's object file: in a live cell's
  /// WebAssembly module (Embedded Swift) the renderer is linked, not compiled into every cell.
  @export(interface)
  func renderedSVG() -> String {
    SVGRenderer(figure: self).render()
  }

  private mutating func nextColor(_ explicit: Color?) -> Color {
    if let explicit { return explicit }
    defer { autoColors += 1 }
    return Color.palette(autoColors)
  }

  private static func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
    let n = max(2, count)
    let step = (range.upperBound - range.lowerBound) / Double(n - 1)
    return (0..<n).map { $0 == n - 1 ? range.upperBound : range.lowerBound + Double($0) * step }
  }
}
