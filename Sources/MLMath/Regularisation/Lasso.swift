// The lasso by cyclic coordinate descent with soft-thresholding, stopped on the duality gap.

/// The lasso: the w and b minimising `(1/2n)‖y − Xw − b‖² + α‖w‖₁` (scikit-learn's `Lasso`).
///
/// Cyclic coordinate descent: each weight in turn is set to `S(x_jᵀr_j/n, α)/(‖x_j‖²/n)`, where `r_j`
/// is the residual without feature j and `S` is `softThreshold`, so weights that are zero at the
/// optimum come out exactly `0`. It stops when the duality gap proves the objective is within
/// 1e-12·max(1, ‖y‖²/n) of the optimum. The intercept is unpenalised (X and y are centred).
@export(interface)
public func lasso(_ X: Matrix, _ y: Vector, alpha: Double, fitIntercept: Bool = true) -> LinearModel {
  require(
    X.rowCount == y.count, "lasso", "X has \(X.rowCount) rows but y has \(y.count) targets")
  require(X.rowCount > 0, "lasso", "no examples; a fit needs at least one row")
  require(alpha >= 0, "lasso", "alpha must be >= 0, got \(alpha)")
  let solver = LassoSolver(CentredData(X, y, fitIntercept: fitIntercept))
  return solver.data.model(weights: solver.solve(alpha: alpha, start: .zeros(X.columnCount)))
}

/// Coordinate descent on centred data, reusable across a path of alphas (warm starts).
struct LassoSolver {
  let data: CentredData
  /// Columns of the centred X, contiguous: column j is `columns[j*n ..< (j+1)*n]`.
  let columns: [Double]
  let squaredNorms: [Double]
  let n: Int
  let d: Int

  init(_ data: CentredData) {
    self.data = data
    n = data.X.rowCount
    d = data.X.columnCount
    let columns = data.X.transposed.elements
    let (n, d) = (n, d)
    squaredNorms = columns.withUnsafeBufferPointer { c in
      (0..<d).map { j in Kernels.dot(c.baseAddress! + j * n, c.baseAddress! + j * n, n) }
    }
    self.columns = columns
  }

  func solve(alpha: Double, start: Vector, maxSweeps: Int = 100_000) -> Vector {
    var w = start.elements
    let y = data.y.elements
    var r = (data.y - data.X * start).elements
    let threshold = alpha * Double(n)
    let yy = data.y.dot(data.y)
    let tolerance = 1e-12 * Swift.max(Double(n), yy)
    columns.withUnsafeBufferPointer { cols in
      r.withUnsafeMutableBufferPointer { res in
        for _ in 0..<maxSweeps {
          var maxChange = 0.0
          for j in 0..<d where squaredNorms[j] > 0 {
            let col = cols.baseAddress! + j * n
            let old = w[j]
            let rho = Kernels.dot(col, UnsafePointer(res.baseAddress!), n) + squaredNorms[j] * old
            let new = softThreshold(rho, threshold) / squaredNorms[j]
            if new != old {
              let delta = new - old
              for i in 0..<n { res[i] -= delta * col[i] }
              w[j] = new
              maxChange = Swift.max(maxChange, Swift.abs(delta))
            }
          }
          // The gap costs one more pass over X, like a sweep; it bounds P(w) − P(w*) from above.
          if maxChange == 0 || dualityGap(w, res, cols, y, threshold) <= tolerance { return }
        }
      }
    }
    return Vector(w)
  }

  /// `P(w) − D(θ)` for `P = ½‖r‖² + λ‖w‖₁` with the dual point `θ = r·min(1, λ/‖Xᵀr‖∞)`.
  private func dualityGap(
    _ w: [Double], _ r: UnsafeMutableBufferPointer<Double>, _ cols: UnsafeBufferPointer<Double>,
    _ y: [Double], _ lambda: Double
  ) -> Double {
    let res = UnsafePointer(r.baseAddress!)
    var dualNorm = 0.0
    for j in 0..<d {
      dualNorm = Swift.max(dualNorm, Swift.abs(Kernels.dot(cols.baseAddress! + j * n, res, n)))
    }
    let rr = Kernels.dot(res, res, n)
    let ry = y.withUnsafeBufferPointer { Kernels.dot(res, $0.baseAddress, n) }
    let scale = dualNorm > lambda ? lambda / dualNorm : 1
    let l1 = w.reduce(0) { $0 + Swift.abs($1) }
    return 0.5 * rr * (1 + scale * scale) + lambda * l1 - scale * ry
  }
}
