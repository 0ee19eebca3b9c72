// A point in the plane: the fixture's struct, with members and an overloaded initialiser.

/// A point $p = (x, y)$ in the plane.
///
/// Points add componentwise; ``distance(_:_:)-(Point,Point)`` measures them.
public struct Point: Equatable, Sendable {
  /// The horizontal coordinate.
  public var x: Double
  /// The vertical coordinate.
  public var y: Double

  /// The point with these coordinates.
  ///
  /// - Parameters:
  ///   - x: The horizontal coordinate.
  ///   - y: The vertical coordinate.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  /// The point at angle `angle` on the circle of radius `radius`.
  public init(radius: Double, angle: Double) {
    self.init(x: radius * angle.cosine, y: radius * angle.sine)
  }

  /// The origin, $(0, 0)$.
  public static let origin = Point(x: 0, y: 0)

  // swift-format-ignore: AllPublicDeclarationsHaveDocumentation
  public func flipped() -> Point { Point(x: y, y: x) }
}
