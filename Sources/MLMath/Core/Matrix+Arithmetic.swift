// Matrix products, elementwise matrix arithmetic and row-wise broadcasting.

extension Matrix {
  private func sameShape(_ other: Matrix, _ function: StaticString) {
    require(
      rowCount == other.rowCount && columnCount == other.columnCount, function,
      "shapes differ: \(rowCount) × \(columnCount) vs \(other.rowCount) × \(other.columnCount)")
  }

  private func combined(_ other: Matrix, _ function: StaticString, _ op: (Double, Double) -> Double)
    -> Matrix
  {
    sameShape(other, function)
    let v = Vector.combine(Vector(elements), Vector(other.elements), function, op)
    return Matrix(rowCount: rowCount, columnCount: columnCount, elements: v.elements)
  }

  /// `Bᵢⱼ = op(aᵢⱼ)`.
  func transform(_ op: (Double) -> Double) -> Matrix {
    Matrix(rowCount: rowCount, columnCount: columnCount, elements: Vector(elements).transform(op).elements)
  }

  /// The matrix product `(AB)ᵢⱼ = Σₖ aᵢₖbₖⱼ`; needs `A.columnCount == B.rowCount`.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    require(
      a.columnCount == b.rowCount, "Matrix * Matrix",
      "inner dimensions differ: \(a.rowCount) × \(a.columnCount) times \(b.rowCount) × \(b.columnCount)")
    let m = a.rowCount
    let n = b.columnCount
    let inner = a.columnCount
    var out = [Double](repeating: 0, count: m * n)
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        out.withUnsafeMutableBufferPointer { c in
          // i-k-j order: the innermost loop streams along rows of B and C.
          for i in 0..<m {
            for k in 0..<inner {
              let aik = pa[i * inner + k]
              if aik == 0 { continue }
              let bRow = k * n
              let cRow = i * n
              for j in 0..<n { c[cRow + j] += aik * pb[bRow + j] }
            }
          }
        }
      }
    }
    return Matrix(rowCount: m, columnCount: n, elements: out)
  }

  /// The matrix–vector product `(Ax)ᵢ = Σⱼ aᵢⱼxⱼ`; needs `x.count == A.columnCount`.
  public static func * (a: Matrix, x: Vector) -> Vector {
    require(
      a.columnCount == x.count, "Matrix * Vector",
      "a \(a.rowCount) × \(a.columnCount) matrix cannot multiply a vector of \(x.count) components")
    let m = a.rowCount
    let n = a.columnCount
    let out = [Double](unsafeUninitializedCapacity: m) { buffer, initialized in
      a.elements.withUnsafeBufferPointer { pa in
        x.elements.withUnsafeBufferPointer { px in
          for i in 0..<m {
            buffer[i] = Kernels.dot(pa.baseAddress.map { $0 + i * n }, px.baseAddress, n)
          }
        }
      }
      initialized = m
    }
    return Vector(out)
  }

  /// The row-vector–matrix product `(xᵀA)ⱼ = Σᵢ xᵢaᵢⱼ`, that is `Aᵀx`; needs `x.count == A.rowCount`.
  public static func * (x: Vector, a: Matrix) -> Vector {
    a.transposedTimes(x, "Vector * Matrix")
  }

  /// `Aᵀx = Σᵢ xᵢ·(row i of A)` without forming `Aᵀ`: the gradient `Xᵀr` of a linear model.
  public func transposedTimes(_ x: Vector) -> Vector {
    transposedTimes(x, "Matrix.transposedTimes")
  }

  private func transposedTimes(_ x: Vector, _ function: StaticString) -> Vector {
    require(
      x.count == rowCount, function,
      "a vector of \(x.count) components cannot multiply the \(rowCount) rows of a \(rowCount) × \(columnCount) matrix"
    )
    let m = rowCount
    let n = columnCount
    var out = [Double](repeating: 0, count: n)
    elements.withUnsafeBufferPointer { pa in
      x.elements.withUnsafeBufferPointer { px in
        out.withUnsafeMutableBufferPointer { o in
          for i in 0..<m {
            let xi = px[i]
            let row = i * n
            for j in 0..<n { o[j] += xi * pa[row + j] }
          }
        }
      }
    }
    return Vector(out)
  }

  /// Elementwise sum, `(A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ`.
  public static func + (a: Matrix, b: Matrix) -> Matrix { a.combined(b, "Matrix + Matrix", +) }
  /// Elementwise difference, `(A − B)ᵢⱼ = aᵢⱼ − bᵢⱼ`.
  public static func - (a: Matrix, b: Matrix) -> Matrix { a.combined(b, "Matrix - Matrix", -) }
  /// Elementwise (Hadamard) product `(A ∘ B)ᵢⱼ = aᵢⱼbᵢⱼ`; `A * B` is the matrix product.
  public func hadamard(_ b: Matrix) -> Matrix { combined(b, "Matrix.hadamard", *) }
  /// Elementwise quotient, `(A / B)ᵢⱼ = aᵢⱼ / bᵢⱼ`.
  public static func / (a: Matrix, b: Matrix) -> Matrix { a.combined(b, "Matrix / Matrix", /) }

  /// `(A + c)ᵢⱼ = aᵢⱼ + c`.
  public static func + (a: Matrix, c: Double) -> Matrix { a.transform { $0 + c } }
  /// `(A − c)ᵢⱼ = aᵢⱼ − c`.
  public static func - (a: Matrix, c: Double) -> Matrix { a.transform { $0 - c } }
  /// `(A·c)ᵢⱼ = aᵢⱼ·c`.
  public static func * (a: Matrix, c: Double) -> Matrix { a.transform { $0 * c } }
  /// `(A / c)ᵢⱼ = aᵢⱼ / c`.
  public static func / (a: Matrix, c: Double) -> Matrix { a.transform { $0 / c } }
  /// `(c + A)ᵢⱼ = c + aᵢⱼ`.
  public static func + (c: Double, a: Matrix) -> Matrix { a.transform { c + $0 } }
  /// `(c − A)ᵢⱼ = c − aᵢⱼ`.
  public static func - (c: Double, a: Matrix) -> Matrix { a.transform { c - $0 } }
  /// `(c·A)ᵢⱼ = c·aᵢⱼ`.
  public static func * (c: Double, a: Matrix) -> Matrix { a.transform { c * $0 } }
  /// Negation, `(−A)ᵢⱼ = −aᵢⱼ`.
  public static prefix func - (a: Matrix) -> Matrix { a.transform { -$0 } }

  /// In-place elementwise sum.
  public static func += (a: inout Matrix, b: Matrix) { a = a + b }
  /// In-place elementwise difference.
  public static func -= (a: inout Matrix, b: Matrix) { a = a - b }
  /// In-place scaling.
  public static func *= (a: inout Matrix, c: Double) { a = a * c }

  /// Broadcasts a row vector over every row, numpy style: `(A + b)ᵢⱼ = aᵢⱼ + bⱼ`
  /// (adds per-class intercepts to a matrix of logits); needs `b.count == A.columnCount`.
  public static func + (a: Matrix, b: Vector) -> Matrix {
    require(
      b.count == a.columnCount, "Matrix + Vector",
      "the vector has \(b.count) components but the matrix has \(a.columnCount) columns")
    let n = a.columnCount
    return Matrix(rowCount: a.rowCount, columnCount: n) { i, j in a.elements[i * n + j] + b.elements[j] }
  }

  /// Subtracts a row vector from every row: `(A − b)ᵢⱼ = aᵢⱼ − bⱼ` (centres columns by their means).
  public static func - (a: Matrix, b: Vector) -> Matrix { a + (-b) }
}
