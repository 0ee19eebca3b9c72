// Compact SVG path data with fixed number formatting, so the same figure gives the same bytes.
import FolioRuntime

/// Builds the `d` attribute of an SVG `<path>`: coordinates in pixels, at most two decimals.
struct PathBuilder {
  private(set) var data = ""

  /// Whether nothing was added.
  var isEmpty: Bool { data.isEmpty }

  /// Starts a subpath at `(x, y)`.
  mutating func move(_ x: Double, _ y: Double) {
    data += "M" + PathBuilder.number(x) + " " + PathBuilder.number(y)
  }

  /// A straight line to `(x, y)`.
  mutating func line(_ x: Double, _ y: Double) {
    data += "L" + PathBuilder.number(x) + " " + PathBuilder.number(y)
  }

  /// A horizontal line to `x`.
  mutating func horizontal(_ x: Double) {
    data += "H" + PathBuilder.number(x)
  }

  /// A vertical line to `y`.
  mutating func vertical(_ y: Double) {
    data += "V" + PathBuilder.number(y)
  }

  /// A relative arc of radius `r` ending `dx` to the right (half a circle).
  mutating func halfCircle(radius r: Double, dx: Double) {
    let radius = PathBuilder.number(r)
    data += "a" + radius + " " + radius + " 0 1 0 " + PathBuilder.number(dx) + " 0"
  }

  /// Closes the current subpath.
  mutating func close() {
    data += "Z"
  }

  /// Adds the closed outline of `marker` centred at `(x, y)` with radius `r`.
  mutating func marker(_ marker: Marker, x: Double, y: Double, r: Double) {
    switch marker {
    case .circle:
      move(x - r, y)
      halfCircle(radius: r, dx: 2 * r)
      halfCircle(radius: r, dx: -2 * r)
    case .square:
      let h = r * 0.9
      move(x - h, y - h)
      horizontal(x + h)
      vertical(y + h)
      horizontal(x - h)
    case .triangle:
      move(x, y - 1.25 * r)
      line(x + 1.15 * r, y + 0.75 * r)
      line(x - 1.15 * r, y + 0.75 * r)
    case .diamond:
      move(x, y - 1.3 * r)
      line(x + 1.1 * r, y)
      line(x, y + 1.3 * r)
      line(x - 1.1 * r, y)
    case .triangleDown:
      move(x, y + 1.25 * r)
      line(x + 1.15 * r, y - 0.75 * r)
      line(x - 1.15 * r, y - 0.75 * r)
    }
    close()
  }

  /// A pixel coordinate with at most two decimals, trailing zeros dropped.
  static func number(_ value: Double) -> String {
    NumberText.trimmed(value, digits: 2)
  }
}
