// A vector of Doubles: the value every formula in the book reads and returns.

/// A column of `Double`s, `x = (x₀, …, xₙ₋₁)`, with value semantics.
///
/// Write one as an array literal (`let x: Vector = [3, 4]`) or from an array (`Vector(a)`).
/// It is a `RandomAccessCollection`, so `for`, `map`, `reduce`, `zip` and slicing work as on an
/// array; arithmetic operators act elementwise (`x * y` is the Hadamard product, `x.dot(y)`
/// the inner product).
public struct Vector: Sendable, Equatable, Hashable {
  /// The components, in order.
  public var elements: [Double]

  /// A vector with the given components.
  public init(_ elements: [Double]) {
    self.elements = elements
  }

  /// A vector with the components of any sequence of `Double`s.
  public init<S: Sequence>(_ elements: S) where S.Element == Double {
    self.elements = Array(elements)
  }

  /// A vector of `count` copies of `value`.
  public init(repeating value: Double, count: Int) {
    require(count >= 0, "Vector(repeating:count:)", "count must be >= 0, got \(count)")
    self.elements = Array(repeating: value, count: count)
  }

  /// A vector whose `i`-th component is `element(i)`, for `i` in `0..<count`.
  public init(count: Int, _ element: (Int) -> Double) {
    require(count >= 0, "Vector(count:_:)", "count must be >= 0, got \(count)")
    self.elements = [Double].filled(count: count) { buffer in
      for i in 0..<count { buffer[i] = element(i) }
    }
  }

  /// The zero vector `0 ∈ ℝⁿ`.
  public static func zeros(_ count: Int) -> Vector { Vector(repeating: 0, count: count) }

  /// The all-ones vector `1 ∈ ℝⁿ`.
  public static func ones(_ count: Int) -> Vector { Vector(repeating: 1, count: count) }

  /// The standard basis vector `eᵢ ∈ ℝⁿ` (1 at `index`, 0 elsewhere): the one-hot encoding of a label.
  public static func oneHot(_ index: Int, count: Int) -> Vector {
    require(
      index >= 0 && index < count, "Vector.oneHot",
      "index \(index) is out of range for \(count) components")
    var v = zeros(count)
    v.elements[index] = 1
    return v
  }

  /// `count` evenly spaced values from `start` to `end`, both included (numpy's `linspace`).
  public static func linspace(_ start: Double, _ end: Double, count: Int) -> Vector {
    require(count >= 0, "Vector.linspace", "count must be >= 0, got \(count)")
    if count == 1 { return [start] }
    let step = (end - start) / Double(count - 1)
    return Vector(count: count) { i in i == count - 1 ? end : start + Double(i) * step }
  }
}

extension Vector: ExpressibleByArrayLiteral {
  /// A vector from a literal such as `[1, 2, 3]`.
  public init(arrayLiteral elements: Double...) {
    self.elements = elements
  }
}

extension Vector: RandomAccessCollection, MutableCollection {
  /// Positions are the integers `0..<count`.
  public typealias Index = Int

  /// Always 0.
  public var startIndex: Int { 0 }

  /// The number of components, `n`.
  public var endIndex: Int { elements.count }

  /// The component `xᵢ`.
  public subscript(position: Int) -> Double {
    get {
      require(
        position >= 0 && position < elements.count, "Vector[_:]",
        "index \(position) is out of range for a vector of \(elements.count) components")
      return elements[position]
    }
    set {
      require(
        position >= 0 && position < elements.count, "Vector[_:]",
        "index \(position) is out of range for a vector of \(elements.count) components")
      elements[position] = newValue
    }
  }

  /// Runs `body` over contiguous storage of the components (the fast path for kernels).
  public func withContiguousStorageIfAvailable<R>(
    _ body: (UnsafeBufferPointer<Double>) throws -> R
  ) rethrows -> R? {
    try elements.withUnsafeBufferPointer(body)
  }
}

extension Vector: CustomStringConvertible {
  /// The components as a bracketed list, `[1.0, 2.5, -3.0]`.
  public var description: String {
    "[" + elements.map { "\($0)" }.joined(separator: ", ") + "]"
  }
}
