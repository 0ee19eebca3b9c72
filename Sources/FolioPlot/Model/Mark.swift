// What a figure draws: its series, sampled to plain numbers when added.

/// A point in data coordinates.
struct DataPoint: Sendable, Hashable {
  var x: Double
  var y: Double

  var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A grid of class numbers covering a rectangle of the plane, drawn as filled cells.
struct RegionGrid: Sendable, Hashable {
  /// The x interval the grid covers.
  var x: ClosedRange<Double>
  /// The y interval the grid covers.
  var y: ClosedRange<Double>
  /// `classes[row][column]`; row 0 is the bottom (smallest y), column 0 the left.
  var classes: [[Int]]
  /// Optional names of the classes, indexed by class number.
  var names: [String]
}

/// One thing a figure draws, in data coordinates, with its style resolved.
enum Mark: Sendable, Hashable {
  /// A polyline (a gap at each non-finite point); `closed` joins the end to the start.
  case line(points: [DataPoint], label: String?, color: Color, style: LineStyle, closed: Bool)
  /// Points drawn as markers.
  case scatter(points: [DataPoint], label: String?, color: Color, marker: Marker)
  /// Filled class regions under the other marks.
  case regions(RegionGrid)

  /// The legend entry, if the mark has a label.
  var label: String? {
    switch self {
    case .line(_, let label, _, _, _), .scatter(_, let label, _, _): label
    case .regions: nil
    }
  }
}
