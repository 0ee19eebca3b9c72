// Elementwise arithmetic on vectors, with scalars, and the inner product.

extension Vector {
  /// `zᵢ = op(xᵢ, yᵢ)` after checking that both vectors have the same length.
  @inline(__always)
  static func combine(
    _ x: Vector, _ y: Vector, _ function: StaticString, _ op: (Double, Double) -> Double
  ) -> Vector {
    require(
      x.count == y.count, function,
      "shapes differ: \(x.count) components vs \(y.count) components")
    let n = x.count
    let out = [Double].filled(count: n) { buffer in
      x.elements.withUnsafeBufferPointer { px in
        y.elements.withUnsafeBufferPointer { py in
          for i in 0..<n { buffer[i] = op(px[i], py[i]) }
        }
      }
    }
    return Vector(out)
  }

  /// `zᵢ = op(xᵢ)`.
  @inline(__always)
  func transform(_ op: (Double) -> Double) -> Vector {
    let n = count
    let out = [Double].filled(count: n) { buffer in
      elements.withUnsafeBufferPointer { px in
        for i in 0..<n { buffer[i] = op(px[i]) }
      }
    }
    return Vector(out)
  }

  /// Elementwise sum, `(x + y)ᵢ = xᵢ + yᵢ`.
  public static func + (x: Vector, y: Vector) -> Vector { combine(x, y, "Vector + Vector", +) }
  /// Elementwise difference, `(x − y)ᵢ = xᵢ − yᵢ`.
  public static func - (x: Vector, y: Vector) -> Vector { combine(x, y, "Vector - Vector", -) }
  /// Elementwise (Hadamard) product, `(x ∘ y)ᵢ = xᵢ·yᵢ`; the inner product is `dot(_:)`.
  public static func * (x: Vector, y: Vector) -> Vector { combine(x, y, "Vector * Vector", *) }
  /// Elementwise quotient, `(x / y)ᵢ = xᵢ / yᵢ`.
  public static func / (x: Vector, y: Vector) -> Vector { combine(x, y, "Vector / Vector", /) }

  /// Adds a scalar to every component, `(x + c)ᵢ = xᵢ + c`.
  public static func + (x: Vector, c: Double) -> Vector { x.transform { $0 + c } }
  /// Subtracts a scalar from every component, `(x − c)ᵢ = xᵢ − c`.
  public static func - (x: Vector, c: Double) -> Vector { x.transform { $0 - c } }
  /// Scales every component, `(x·c)ᵢ = xᵢ·c`.
  public static func * (x: Vector, c: Double) -> Vector { x.transform { $0 * c } }
  /// Divides every component, `(x / c)ᵢ = xᵢ / c`.
  public static func / (x: Vector, c: Double) -> Vector { x.transform { $0 / c } }
  /// `(c + x)ᵢ = c + xᵢ`.
  public static func + (c: Double, x: Vector) -> Vector { x.transform { c + $0 } }
  /// `(c − x)ᵢ = c − xᵢ`.
  public static func - (c: Double, x: Vector) -> Vector { x.transform { c - $0 } }
  /// `(c·x)ᵢ = c·xᵢ`.
  public static func * (c: Double, x: Vector) -> Vector { x.transform { c * $0 } }
  /// `(c / x)ᵢ = c / xᵢ`.
  public static func / (c: Double, x: Vector) -> Vector { x.transform { c / $0 } }
  /// Negation, `(−x)ᵢ = −xᵢ`.
  public static prefix func - (x: Vector) -> Vector { x.transform { -$0 } }

  /// In-place elementwise sum.
  public static func += (x: inout Vector, y: Vector) { x = x + y }
  /// In-place elementwise difference.
  public static func -= (x: inout Vector, y: Vector) { x = x - y }
  /// In-place elementwise product.
  public static func *= (x: inout Vector, y: Vector) { x = x * y }
  /// In-place elementwise quotient.
  public static func /= (x: inout Vector, y: Vector) { x = x / y }
  /// In-place scalar addition.
  public static func += (x: inout Vector, c: Double) { x = x + c }
  /// In-place scalar subtraction.
  public static func -= (x: inout Vector, c: Double) { x = x - c }
  /// In-place scaling.
  public static func *= (x: inout Vector, c: Double) { x = x * c }
  /// In-place scalar division.
  public static func /= (x: inout Vector, c: Double) { x = x / c }

  /// The inner product `x·y = Σ xᵢyᵢ`.
  public func dot(_ other: Vector) -> Double {
    require(
      count == other.count, "Vector.dot",
      "shapes differ: \(count) components vs \(other.count) components")
    return elements.withUnsafeBufferPointer { px in
      other.elements.withUnsafeBufferPointer { py in Kernels.dot(px, py) }
    }
  }
}
