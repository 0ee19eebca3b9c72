// Dash patterns for line series.

/// How a line is stroked.
public enum LineStyle: Sendable, Hashable {
  /// A continuous line.
  case solid
  /// Long dashes.
  case dashed
  /// Dots.
  case dotted

  /// The SVG `stroke-dasharray` value, or `nil` for solid.
  var dashArray: String? {
    switch self {
    case .solid: nil
    case .dashed: "6 4"
    case .dotted: "1.5 3"
    }
  }
}
