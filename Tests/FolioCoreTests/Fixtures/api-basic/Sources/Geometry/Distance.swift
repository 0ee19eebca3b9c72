// The fixture's overloaded free functions.

/// The distance $d(p, q) = \|p - q\|_2$ between two points.
public func distance(_ p: Point, _ q: Point) -> Double {
  Point(x: p.x - q.x, y: p.y - q.y).length
}

/// The distance between two numbers on the line, `|a − b|`.
public func distance(_ a: Double, _ b: Double) -> Double { abs(a - b) }

/// The distance from `point` to the origin.
///
/// ```swift
/// let d = try distance(from: Point(x: 3, y: 4))  // 5
/// ```
///
/// - Parameters:
///   - point: Where to measure from.
///   - norm: Which norm; only `2` is known.
/// - Returns: The distance.
/// - Throws: Never; the signature shows the section.
@export(interface)  // kept out of the page's declaration; the call leaving out `norm` still links
public func distance(from point: Point, norm: Int = 2) throws -> Double { point.length }
