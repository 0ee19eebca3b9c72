// Reductions and elementwise functions a notebook cell reaches for: sum, mean, max, exp, log, ...

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Vector {
  /// `yᵢ = f(xᵢ)`, as a vector (the `Array`-returning `map` of `Sequence` is still there for other types).
  public func map(_ transform: (Double) throws -> Double) rethrows -> Vector {
    Vector(try elements.map(transform))
  }

  /// `Σ xᵢ` (0 for an empty vector).
  public func sum() -> Double {
    elements.withUnsafeBufferPointer(Kernels.sum)
  }

  /// The arithmetic mean `(1/n) Σ xᵢ`; needs at least one component.
  public func mean() -> Double {
    require(!isEmpty, "Vector.mean", "the vector is empty; a mean needs at least one component")
    return sum() / Double(count)
  }

  /// The population variance `(1/n) Σ (xᵢ − x̄)²`; needs at least one component.
  public func variance() -> Double {
    require(!isEmpty, "Vector.variance", "the vector is empty; a variance needs at least one component")
    let centred = self - mean()
    return centred.dot(centred) / Double(count)
  }

  /// The population standard deviation `√((1/n) Σ (xᵢ − x̄)²)`.
  public func standardDeviation() -> Double { variance().squareRoot() }

  /// The largest component `maxᵢ xᵢ`; needs at least one component (NaN if any component is NaN).
  public func max() -> Double { self[argmax()] }

  /// The smallest component `minᵢ xᵢ`; needs at least one component (NaN if any component is NaN).
  public func min() -> Double { self[argmin()] }

  /// The first index of the largest component, `argmaxᵢ xᵢ` (of the first NaN, if there is one).
  public func argmax() -> Int {
    require(!isEmpty, "Vector.argmax", "the vector is empty; a maximum needs at least one component")
    return Vector.extremeIndex(elements) { $0 > $1 }
  }

  /// The first index of the smallest component, `argminᵢ xᵢ` (of the first NaN, if there is one).
  public func argmin() -> Int {
    require(!isEmpty, "Vector.argmin", "the vector is empty; a minimum needs at least one component")
    return Vector.extremeIndex(elements) { $0 < $1 }
  }

  private static func extremeIndex(_ x: [Double], _ better: (Double, Double) -> Bool) -> Int {
    var best = 0
    for i in x.indices {
      if x[i].isNaN { return i }
      if better(x[i], x[best]) { best = i }
    }
    return best
  }

  /// The components sorted ascending.
  public func sortedAscending() -> Vector { Vector(elements.sorted()) }
}

/// `|xᵢ|` elementwise.
public func abs(_ x: Vector) -> Vector { x.transform { Swift.abs($0) } }

/// `e^{xᵢ}` elementwise.
public func exp(_ x: Vector) -> Vector { x.transform { exp($0) } }

/// `ln xᵢ` elementwise (−∞ at 0, NaN below 0, as for `Double`).
public func log(_ x: Vector) -> Vector { x.transform { log($0) } }

/// `√xᵢ` elementwise.
public func sqrt(_ x: Vector) -> Vector { x.transform { $0.squareRoot() } }

/// `xᵢ^p` elementwise.
public func pow(_ x: Vector, _ p: Double) -> Vector { x.transform { pow($0, p) } }

/// `xᵢ²` elementwise.
public func square(_ x: Vector) -> Vector { x.transform { $0 * $0 } }

/// The sign function: `1` for x > 0, `−1` for x < 0, `0` for ±0 (and NaN for NaN).
public func sign(_ x: Double) -> Double {
  x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0))
}

/// `sign(xᵢ)` elementwise, with sign(0) = 0 (the subgradient the L1 penalty uses).
public func sign(_ x: Vector) -> Vector { x.transform { sign($0) } }

/// `max(xᵢ, yᵢ)` elementwise.
public func maximum(_ x: Vector, _ y: Vector) -> Vector {
  Vector.combine(x, y, "maximum") { Swift.max($0, $1) }
}

/// `max(xᵢ, c)` elementwise (for example `maximum(x, 0)` is the ReLU).
public func maximum(_ x: Vector, _ c: Double) -> Vector { x.transform { Swift.max($0, c) } }

/// `min(xᵢ, yᵢ)` elementwise.
public func minimum(_ x: Vector, _ y: Vector) -> Vector {
  Vector.combine(x, y, "minimum") { Swift.min($0, $1) }
}

/// `min(xᵢ, c)` elementwise.
public func minimum(_ x: Vector, _ c: Double) -> Vector { x.transform { Swift.min($0, c) } }

/// `min(max(xᵢ, low), high)` elementwise.
public func clamp(_ x: Vector, _ low: Double, _ high: Double) -> Vector {
  require(low <= high, "clamp", "low \(low) is above high \(high)")
  return x.transform { Swift.min(Swift.max($0, low), high) }
}

/// The fraction of positions where the two label lists agree, `(1/n) Σ [ŷᵢ = yᵢ]`.
public func accuracy(predictions: [Int], labels: [Int]) -> Double {
  require(
    predictions.count == labels.count, "accuracy",
    "\(predictions.count) predictions vs \(labels.count) labels")
  require(!labels.isEmpty, "accuracy", "no labels; accuracy needs at least one example")
  return Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(labels.count)
}
