// Solving linear systems: LU with partial pivoting, for closed forms such as (XᵀX + αI)⁻¹Xᵀy.

extension Matrix {
  /// The solution `x` of `Ax = b` for a square, non-singular A (Gaussian elimination with partial pivoting).
  public func solve(_ b: Vector) -> Vector {
    let x = solve(Matrix(columns: [b]), "Matrix.solve")
    return x.column(0)
  }

  /// The solution `X` of `AX = B`, column by column.
  public func solve(_ b: Matrix) -> Matrix { solve(b, "Matrix.solve") }

  /// The inverse `A⁻¹` (`AA⁻¹ = I`); prefer `solve` when you only need `A⁻¹b`.
  public var inverse: Matrix { solve(Matrix.identity(rowCount), "Matrix.inverse") }

  func solve(_ b: Matrix, _ function: StaticString) -> Matrix {
    require(
      rowCount == columnCount, function, "the matrix is \(rowCount) × \(columnCount), not square")
    require(
      b.rowCount == rowCount, function,
      "the right-hand side has \(b.rowCount) rows but the matrix has \(rowCount)")
    let n = rowCount
    let k = b.columnCount
    var a = elements
    var x = b.elements
    let scale = Swift.max(NormKernels.maxAbs(a.withUnsafeBufferPointer { $0 }), .leastNormalMagnitude)
    for c in 0..<n {
      var pivot = c
      for r in (c + 1)..<Swift.max(n, c + 1) where Swift.abs(a[r * n + c]) > Swift.abs(a[pivot * n + c]) {
        pivot = r
      }
      require(
        Swift.abs(a[pivot * n + c]) > scale * Double(n) * .ulpOfOne, function,
        "the matrix is singular (or nearly so) at column \(c); for least squares try alpha > 0")
      if pivot != c {
        for j in 0..<n { a.swapAt(c * n + j, pivot * n + j) }
        for j in 0..<k { x.swapAt(c * k + j, pivot * k + j) }
      }
      let d = a[c * n + c]
      for r in (c + 1)..<Swift.max(n, c + 1) {
        let f = a[r * n + c] / d
        if f == 0 { continue }
        for j in c..<n { a[r * n + j] -= f * a[c * n + j] }
        for j in 0..<k { x[r * k + j] -= f * x[c * k + j] }
      }
    }
    for c in stride(from: n - 1, through: 0, by: -1) {
      for j in 0..<k {
        var s = x[c * k + j]
        for t in (c + 1)..<Swift.max(n, c + 1) { s -= a[c * n + t] * x[t * k + j] }
        x[c * k + j] = s / a[c * n + c]
      }
    }
    return Matrix(rowCount: n, columnCount: k, elements: x)
  }

  /// The Gram matrix `AᵀA` (`(AᵀA)ⱼₖ = Σᵢ aᵢⱼaᵢₖ`), formed without transposing.
  public func gram() -> Matrix { weightedGram(nil) }

  /// `Aᵀ diag(s) A`, that is `Σᵢ sᵢ·aᵢaᵢᵀ` over the rows `aᵢ` (the Hessian of a GLM loss); `nil` means s = 1.
  func weightedGram(_ s: [Double]?) -> Matrix {
    let m = rowCount
    let n = columnCount
    var g = [Double](repeating: 0, count: n * n)
    elements.withUnsafeBufferPointer { a in
      g.withUnsafeMutableBufferPointer { out in
        for i in 0..<m {
          let w = s?[i] ?? 1
          if w == 0 { continue }
          let row = i * n
          for j in 0..<n {
            let aij = w * a[row + j]
            if aij == 0 { continue }
            for t in j..<n { out[j * n + t] += aij * a[row + t] }
          }
        }
        for j in 0..<n {
          for t in 0..<j { out[j * n + t] = out[t * n + j] }
        }
      }
    }
    return Matrix(rowCount: n, columnCount: n, elements: g)
  }
}
