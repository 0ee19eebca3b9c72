// Ridge regression in closed form, the L2-penalised least squares of scikit-learn's Ridge.

/// Ridge regression: the w and b minimising `‖y − Xw − b‖² + α‖w‖²` (scikit-learn's `Ridge`).
///
/// Closed form: with X and y centred by their means when `fitIntercept` (so the intercept is not
/// penalised), `w = (XᵀX + αI)⁻¹Xᵀy` and `b = ȳ − x̄ᵀw`; without intercept, b = 0 and no centring.
@export(interface)
public func ridge(_ X: Matrix, _ y: Vector, alpha: Double, fitIntercept: Bool = true) -> LinearModel {
  require(
    X.rowCount == y.count, "ridge", "X has \(X.rowCount) rows but y has \(y.count) targets")
  require(X.rowCount > 0, "ridge", "no examples; a fit needs at least one row")
  require(alpha >= 0, "ridge", "alpha must be >= 0, got \(alpha)")
  let centred = CentredData(X, y, fitIntercept: fitIntercept)
  var a = centred.X.gram()
  for j in 0..<a.columnCount { a[j, j] += alpha }
  let w = a.solve(Matrix(columns: [centred.X.transposedTimes(centred.y)]), "ridge")
  return centred.model(weights: w.column(0))
}

/// X and y with their column means removed (when fitting an intercept), and the means to undo it.
struct CentredData {
  let X: Matrix
  let y: Vector
  let xMean: Vector
  let yMean: Double

  init(_ X: Matrix, _ y: Vector, fitIntercept: Bool) {
    if fitIntercept {
      xMean = X.columnMeans()
      yMean = y.mean()
      self.X = X - xMean
      self.y = y - yMean
    } else {
      xMean = .zeros(X.columnCount)
      yMean = 0
      self.X = X
      self.y = y
    }
  }

  /// The model on the original scale: `b = ȳ − x̄ᵀw`.
  func model(weights: Vector) -> LinearModel {
    LinearModel(weights: weights, intercept: yMean - xMean.dot(weights))
  }
}
