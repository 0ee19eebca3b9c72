// The fixture's extension: members added to Point in another file.

extension Point {
  /// The Euclidean length of the point seen as a vector:
  ///
  /// $$\|p\|_2 = \sqrt{x^2 + y^2}$$
  ///
  /// - Returns: The length, never negative.
  public var length: Double { (x * x + y * y).squareRoot() }

  /// The point scaled by `factor`.
  ///
  /// - Parameter factor: How much to scale by.
  /// - Returns: The scaled point.
  public func scaled(by factor: Double) -> Point { Point(x: x * factor, y: y * factor) }
}

extension Double {
  /// A crude cosine, good enough for a fixture.
  public var cosine: Double { 1 - self * self / 2 }
  /// A crude sine, good enough for a fixture.
  public var sine: Double { self - self * self * self / 6 }
}
