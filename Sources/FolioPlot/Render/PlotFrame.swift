// Where everything goes: the data intervals, the plot rectangle and the legend rows.

/// The geometry of one rendered figure, computed from its marks and size.
struct PlotFrame {
  /// One legend entry and where it sits.
  struct LegendItem {
    let mark: Mark
    let label: String
    let x: Double
    let y: Double
  }

  static let fontSize = 13.0
  static let titleSize = 15.0
  static let legendRowHeight = 18.0

  let xScale: LinearScale
  let yScale: LinearScale
  let xTicks: Ticks
  let yTicks: Ticks
  /// Plot rectangle in pixels.
  let left: Double
  let top: Double
  let right: Double
  let bottom: Double
  let titleBaseline: Double
  /// Baseline position of the rotated y axis label.
  let yLabelX: Double
  let legend: [LegendItem]
  /// The SVG's size: the figure's, except that an equal-aspect plot of regions gives up the
  /// height it cannot use.
  let width: Double
  let height: Double

  init(figure: Figure) {
    let width = figure.width
    let height = figure.height
    let fontSize = PlotFrame.fontSize
    var top = 10.0
    var titleBaseline = 0.0
    if !figure.title.isEmpty {
      titleBaseline = top + PlotFrame.titleSize
      top = titleBaseline + 10
    }
    // Legend: rows of items across the full width, under the title.
    let entries = figure.marks.compactMap { mark in mark.label.map { (mark, $0) } }
    var legend: [LegendItem] = []
    if !entries.isEmpty {
      let rowStart = 12.0
      var x = rowStart
      var row = 0
      for (mark, label) in entries {
        let itemWidth = 28 + SVGText.width(label, fontSize: fontSize)
        if x > rowStart && x + itemWidth > width - 8 {
          row += 1
          x = rowStart
        }
        legend.append(
          LegendItem(
            mark: mark, label: label, x: x,
            y: top + PlotFrame.legendRowHeight * (Double(row) + 0.5)))
        x += itemWidth + 14
      }
      top += PlotFrame.legendRowHeight * Double(row + 1) + 6
    } else {
      top += 4
    }
    var bottom = height - 10 - fontSize - 6 - (figure.xLabel.isEmpty ? 0 : fontSize + 8)
    var right = width - 14

    // Data intervals; the left margin depends on the y tick labels, so fit twice.
    let (xData, yData) = PlotFrame.dataIntervals(figure)
    var left = 48.0
    var labelWidth = 0.0
    // Regions fill their rectangle exactly, so an equal-aspect plot of regions shrinks its box
    // rather than showing empty plane around them.
    let fitBox =
      figure.equalAspect && figure.xRange == nil && figure.yRange == nil
      && figure.marks.contains { if case .regions = $0 { true } else { false } }
    var xDomain = xData
    var yDomain = yData
    var xTicks = Ticks(range: xDomain, target: 5)
    var yTicks = Ticks(range: yDomain, target: 5)
    for _ in 0..<2 {
      xDomain = xData
      yDomain = yData
      if figure.equalAspect && !fitBox {
        (xDomain, yDomain) = PlotFrame.equalAspect(
          x: xDomain, y: yDomain, width: right - left, height: bottom - top,
          fixedX: figure.xRange != nil, fixedY: figure.yRange != nil)
      }
      xTicks = PlotFrame.xTicks(xDomain, length: right - left)
      yTicks = Ticks(range: yDomain, target: max(3, Int((bottom - top) / 36)))
      labelWidth = yTicks.values.map { SVGText.width(yTicks.label($0), fontSize: fontSize) }.max() ?? 0
      left = 10 + (figure.yLabel.isEmpty ? 0 : fontSize + 10) + labelWidth + 8
    }
    var finalHeight = height
    if fitBox {
      let xPerPixel = (xDomain.upperBound - xDomain.lowerBound) / (right - left)
      let yPerPixel = (yDomain.upperBound - yDomain.lowerBound) / (bottom - top)
      if xPerPixel < yPerPixel {
        let pad = (right - left - (xDomain.upperBound - xDomain.lowerBound) / yPerPixel) / 2
        left += pad
        right -= pad
      } else {
        let newBottom = top + (yDomain.upperBound - yDomain.lowerBound) / xPerPixel
        finalHeight -= bottom - newBottom
        bottom = newBottom
      }
      xTicks = PlotFrame.xTicks(xDomain, length: right - left)
      yTicks = Ticks(range: yDomain, target: max(3, Int((bottom - top) / 36)))
    }
    if figure.equalAspect && xTicks.step != yTicks.step {
      // Same step on both axes, so the grid is made of squares.
      let step = max(xTicks.step, yTicks.step)
      xTicks = Ticks(range: xDomain, step: step)
      yTicks = Ticks(range: yDomain, step: step)
    }
    self.width = width
    self.height = finalHeight
    yLabelX = left - labelWidth - 8 - 10 - 0.2 * fontSize
    self.left = left
    self.top = top
    self.right = right
    self.bottom = bottom
    self.titleBaseline = titleBaseline
    self.legend = legend
    self.xTicks = xTicks
    self.yTicks = yTicks
    xScale = LinearScale(domain: xDomain, start: left, end: right)
    yScale = LinearScale(domain: yDomain, start: bottom, end: top)
  }

  /// Ticks along the x axis whose labels do not collide: fewer when the labels are wide.
  static func xTicks(_ domain: ClosedRange<Double>, length: Double) -> Ticks {
    var target = max(3, Int(length / 60))
    while true {
      let ticks = Ticks(range: domain, target: target)
      let widest = ticks.values.map { SVGText.width(ticks.label($0), fontSize: fontSize) }.max() ?? 0
      if target <= 2 || Double(ticks.values.count) * (widest + 12) <= length { return ticks }
      target -= 1
    }
  }

  /// The smallest intervals holding every finite point, and the rectangle regions cover.
  static func extents(_ figure: Figure) -> (points: Extent, regions: Extent) {
    var points = Extent()
    var regions = Extent()
    for mark in figure.marks {
      switch mark {
      case .line(let data, _, _, _, _), .scatter(let data, _, _, _):
        for point in data where point.isFinite {
          points.add(x: point.x, y: point.y)
        }
      case .regions(let grid):
        regions.add(x: grid.x.lowerBound, y: grid.y.lowerBound)
        regions.add(x: grid.x.upperBound, y: grid.y.upperBound)
      }
    }
    return (points, regions)
  }

  /// The x and y intervals to show: the fixed ones, or the data's extent with a little margin
  /// (regions exactly, as they fill the plot).
  static func dataIntervals(_ figure: Figure) -> (ClosedRange<Double>, ClosedRange<Double>) {
    let (points, regions) = extents(figure)
    func interval(_ data: ClosedRange<Double>?, _ exact: ClosedRange<Double>?) -> ClosedRange<Double> {
      var result = exact
      if let data {
        let span = data.upperBound - data.lowerBound
        let pad = span > 0 ? span * 0.04 : max(abs(data.lowerBound) * 0.1, 0.5)
        let padded = (data.lowerBound - pad)...(data.upperBound + pad)
        if let current = result {
          result = min(current.lowerBound, padded.lowerBound)...max(current.upperBound, padded.upperBound)
        } else {
          result = padded
        }
      }
      return result ?? 0...1
    }
    let x = figure.xRange ?? interval(points.x, regions.x)
    let y = figure.yRange ?? interval(points.y, regions.y)
    return (x, y)
  }

  /// Widens one interval so a data unit has the same length in pixels on both axes.
  static func equalAspect(
    x: ClosedRange<Double>, y: ClosedRange<Double>, width: Double, height: Double, fixedX: Bool,
    fixedY: Bool
  ) -> (ClosedRange<Double>, ClosedRange<Double>) {
    guard width > 0, height > 0 else { return (x, y) }
    let xPerPixel = (x.upperBound - x.lowerBound) / width
    let yPerPixel = (y.upperBound - y.lowerBound) / height
    func widened(_ range: ClosedRange<Double>, to span: Double) -> ClosedRange<Double> {
      let middle = (range.lowerBound + range.upperBound) / 2
      return (middle - span / 2)...(middle + span / 2)
    }
    switch (fixedX, fixedY) {
    case (true, true): return (x, y)
    case (true, false): return (x, widened(y, to: xPerPixel * height))
    case (false, true): return (widened(x, to: yPerPixel * width), y)
    case (false, false):
      return xPerPixel > yPerPixel
        ? (x, widened(y, to: xPerPixel * height)) : (widened(x, to: yPerPixel * width), y)
    }
  }
}

/// The smallest intervals holding some points.
struct Extent {
  private(set) var x: ClosedRange<Double>?
  private(set) var y: ClosedRange<Double>?

  /// The smallest interval holding both, or whichever exists.
  static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
    guard let a else { return b }
    guard let b else { return a }
    return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
  }

  mutating func add(x value: Double, y other: Double) {
    x = x.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
    y = y.map { min($0.lowerBound, other)...max($0.upperBound, other) } ?? other...other
  }
}
