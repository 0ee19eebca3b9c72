// Writes a Figure as one self-contained SVG document, the same bytes for the same figure.

/// Renders a `Figure` to SVG.
///
/// Each series is one `<path>` (a 200-point line is one element), grid and axes are one path
/// each, text and axes use `currentColor`. Numbers have at most two decimals; the only id (the
/// clip path's) is derived from the content.
struct SVGRenderer {
  let figure: Figure
  let frame: PlotFrame

  init(figure: Figure) {
    self.figure = figure
    frame = PlotFrame(figure: figure)
  }

  func render() -> String {
    let marks = data()
    let (grid, axes, labels, legend) = (grid(), axes(), labels(), legend())
    let id = "folio-clip-" + SVGText.contentID(grid + marks + axes + labels + legend)
    let body = grid + "<g clip-path=\"url(#\(id))\">\n" + marks + "</g>\n" + axes + labels + legend
    let clipRect = rect(frame.left, frame.top, frame.right, frame.bottom)
    let label = SVGText.escape(figure.accessibleName)
    return """
      <svg xmlns="http://www.w3.org/2000/svg" class="folio-plot" width="\(n(frame.width))" \
      height="\(n(frame.height))" viewBox="0 0 \(n(frame.width)) \(n(frame.height))" role="img" \
      aria-label="\(label)" style="max-width:100%;height:auto" \
      font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif" \
      font-size="\(n(PlotFrame.fontSize))">
      <title>\(label)</title>
      <desc>\(SVGText.escape(figure.accessibleDescription))</desc>
      <defs><clipPath id="\(id)"><rect \(clipRect)/></clipPath></defs>

      """ + body + "</svg>\n"
  }

  // MARK: Parts

  private func grid() -> String {
    var path = PathBuilder()
    for value in frame.xTicks.values {
      path.move(frame.xScale(value), frame.top)
      path.vertical(frame.bottom)
    }
    for value in frame.yTicks.values {
      path.move(frame.left, frame.yScale(value))
      path.horizontal(frame.right)
    }
    guard !path.isEmpty else { return "" }
    return """
      <path class="grid" d="\(path.data)" fill="none" stroke="currentColor" stroke-opacity="0.13" \
      stroke-width="1" shape-rendering="crispEdges"/>

      """
  }

  private func data() -> String {
    var out = ""
    // Regions first, so lines and points stay visible on top.
    for case .regions(let grid) in figure.marks {
      out += regions(grid)
    }
    for mark in figure.marks {
      switch mark {
      case .line(let points, _, let color, let style, let closed):
        out += line(points, color: color, style: style, closed: closed)
      case .scatter(let points, _, let color, let marker):
        out += scatter(points, color: color, marker: marker)
      case .regions:
        break
      }
    }
    return out
  }

  private func line(_ points: [DataPoint], color: Color, style: LineStyle, closed: Bool) -> String {
    var path = PathBuilder()
    var drawing = false
    var allFinite = true
    for point in points {
      guard point.isFinite else {
        drawing = false
        allFinite = false
        continue
      }
      let x = frame.xScale(point.x)
      let y = frame.yScale(point.y)
      if drawing { path.line(x, y) } else { path.move(x, y) }
      drawing = true
    }
    if closed && allFinite && !path.isEmpty { path.close() }
    guard !path.isEmpty else { return "" }
    let dash = style.dashArray.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    return """
      <path d="\(path.data)" fill="none" stroke="\(color.svgValue)" stroke-width="2" \
      stroke-linejoin="round" stroke-linecap="round"\(dash)/>

      """
  }

  private func scatter(_ points: [DataPoint], color: Color, marker: Marker) -> String {
    var path = PathBuilder()
    for point in points where point.isFinite {
      path.marker(marker, x: frame.xScale(point.x), y: frame.yScale(point.y), r: 3.5)
    }
    guard !path.isEmpty else { return "" }
    return markerPath(path, color: color)
  }

  private func markerPath(_ path: PathBuilder, color: Color) -> String {
    """
    <path d="\(path.data)" fill="\(color.svgValue)" stroke="currentColor" stroke-opacity="0.45" \
    stroke-width="0.75"/>

    """
  }

  /// One path per class: each grid row's runs of equal class become rectangles, with edges on
  /// whole pixels so neighbouring cells neither overlap nor leave seams.
  private func regions(_ grid: RegionGrid) -> String {
    let rows = grid.classes.count
    guard rows > 0 else { return "" }
    var paths: [Int: PathBuilder] = [:]
    let dy = (grid.y.upperBound - grid.y.lowerBound) / Double(rows)
    for (rowIndex, row) in grid.classes.enumerated() where !row.isEmpty {
      let dx = (grid.x.upperBound - grid.x.lowerBound) / Double(row.count)
      let y0 = frame.yScale(grid.y.lowerBound + Double(rowIndex) * dy).rounded()
      let y1 = frame.yScale(grid.y.lowerBound + Double(rowIndex + 1) * dy).rounded()
      var start = 0
      while start < row.count {
        var end = start
        while end + 1 < row.count && row[end + 1] == row[start] { end += 1 }
        let label = row[start]
        if label >= 0 {
          let x0 = frame.xScale(grid.x.lowerBound + Double(start) * dx).rounded()
          let x1 = frame.xScale(grid.x.lowerBound + Double(end + 1) * dx).rounded()
          paths[label, default: PathBuilder()].move(x0, y1)
          paths[label]!.horizontal(x1)
          paths[label]!.vertical(y0)
          paths[label]!.horizontal(x0)
          paths[label]!.close()
        }
        start = end + 1
      }
    }
    return paths.keys.sorted().map { label in
      """
      <path class="region" d="\(paths[label]!.data)" fill="\(Color.palette(label).svgValue)" \
      fill-opacity="0.28" shape-rendering="crispEdges"/>

      """
    }.joined()
  }

  private func axes() -> String {
    var path = PathBuilder()
    path.move(frame.left, frame.top)
    path.vertical(frame.bottom)
    path.horizontal(frame.right)
    for value in frame.xTicks.values {
      path.move(frame.xScale(value), frame.bottom)
      path.vertical(frame.bottom + 4)
    }
    for value in frame.yTicks.values {
      path.move(frame.left, frame.yScale(value))
      path.horizontal(frame.left - 4)
    }
    return """
      <path class="axes" d="\(path.data)" fill="none" stroke="currentColor" stroke-opacity="0.7" \
      stroke-width="1" shape-rendering="crispEdges"/>

      """
  }

  private func labels() -> String {
    let size = PlotFrame.fontSize
    var out = "<g fill=\"currentColor\">\n"
    for value in frame.xTicks.values {
      out += "<text x=\"\(n(frame.xScale(value)))\" y=\"\(n(frame.bottom + 6 + size))\" "
      out += "text-anchor=\"middle\">\(frame.xTicks.label(value))</text>\n"
    }
    for value in frame.yTicks.values {
      out += "<text x=\"\(n(frame.left - 7))\" y=\"\(n(frame.yScale(value)))\" dy=\"0.32em\" "
      out += "text-anchor=\"end\">\(frame.yTicks.label(value))</text>\n"
    }
    if !figure.xLabel.isEmpty {
      let y = frame.bottom + 6 + size + 8 + size
      out += "<text x=\"\(n((frame.left + frame.right) / 2))\" y=\"\(n(y))\" text-anchor=\"middle\">"
      out += SVGText.escape(figure.xLabel) + "</text>\n"
    }
    if !figure.yLabel.isEmpty {
      let x = frame.yLabelX
      let y = (frame.top + frame.bottom) / 2
      out += "<text transform=\"translate(\(n(x)) \(n(y))) rotate(-90)\" text-anchor=\"middle\">"
      out += SVGText.escape(figure.yLabel) + "</text>\n"
    }
    if !figure.title.isEmpty {
      out += "<text x=\"\(n((frame.left + frame.right) / 2))\" y=\"\(n(frame.titleBaseline))\" "
      out += "text-anchor=\"middle\" font-size=\"\(n(PlotFrame.titleSize))\" font-weight=\"600\">"
      out += SVGText.escape(figure.title) + "</text>\n"
    }
    return out + "</g>\n"
  }

  private func legend() -> String {
    guard !frame.legend.isEmpty else { return "" }
    var out = "<g class=\"legend\">\n"
    for item in frame.legend {
      switch item.mark {
      case .line(_, _, let color, let style, _):
        var path = PathBuilder()
        path.move(item.x, item.y)
        path.horizontal(item.x + 20)
        let dash = style.dashArray.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        out += "<path d=\"\(path.data)\" stroke=\"\(color.svgValue)\" stroke-width=\"2\""
        out += " stroke-linecap=\"round\"\(dash)/>\n"
      case .scatter(_, _, let color, let marker):
        var path = PathBuilder()
        path.marker(marker, x: item.x + 10, y: item.y, r: 4)
        out += markerPath(path, color: color)
      case .regions:
        break
      }
      out += "<text x=\"\(n(item.x + 26))\" y=\"\(n(item.y))\" dy=\"0.32em\" fill=\"currentColor\">"
      out += SVGText.escape(item.label) + "</text>\n"
    }
    return out + "</g>\n"
  }

  // MARK: Numbers

  private func n(_ value: Double) -> String {
    PathBuilder.number(value)
  }

  private func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
    "x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(x1 - x0))\" height=\"\(n(y1 - y0))\""
  }
}
