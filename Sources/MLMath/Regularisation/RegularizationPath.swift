// Weights as the penalty grows: lasso and ridge fits over a grid of alphas, for path plots.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fitted weights of one model family over a grid of penalty strengths α.
public struct RegularizationPath: Sendable, Equatable {
  /// The penalty strengths, in the order given.
  public let alphas: Vector
  /// One row per alpha, one column per feature: `weights[k, j]` is `w_j` at `alphas[k]`.
  public let weights: Matrix
  /// The intercept at each alpha.
  public let intercepts: Vector

  /// How feature `j`'s weight changes along the path (column j of `weights`).
  public func path(ofFeature j: Int) -> Vector { weights.column(j) }

  /// The model at position `k` of the grid.
  public func model(at k: Int) -> LinearModel {
    LinearModel(weights: weights.row(k), intercept: intercepts[k])
  }

  /// How many weights are exactly zero at each alpha (the lasso's feature selection, counted).
  public var zeroCounts: [Int] { weights.rows.map { $0.filter { $0 == 0 }.count } }
}

/// `lasso(X, y, alpha:)` at every alpha of the grid, each fit warm-started from the previous one.
@export(interface)
public func lassoPath(_ X: Matrix, _ y: Vector, alphas: Vector, fitIntercept: Bool = true)
  -> RegularizationPath
{
  require(
    X.rowCount == y.count, "lassoPath", "X has \(X.rowCount) rows but y has \(y.count) targets")
  require(X.rowCount > 0, "lassoPath", "no examples; a fit needs at least one row")
  for a in alphas { require(a >= 0, "lassoPath", "alphas must be >= 0, got \(a)") }
  let solver = LassoSolver(CentredData(X, y, fitIntercept: fitIntercept))
  var w = Vector.zeros(X.columnCount)
  var models: [LinearModel] = []
  for a in alphas {
    w = solver.solve(alpha: a, start: w)
    models.append(solver.data.model(weights: w))
  }
  return RegularizationPath(alphas: alphas, models: models)
}

/// `ridge(X, y, alpha:)` at every alpha of the grid.
@export(interface)
public func ridgePath(_ X: Matrix, _ y: Vector, alphas: Vector, fitIntercept: Bool = true)
  -> RegularizationPath
{
  RegularizationPath(
    alphas: alphas, models: alphas.elements.map { ridge(X, y, alpha: $0, fitIntercept: fitIntercept) })
}

extension RegularizationPath {
  init(alphas: Vector, models: [LinearModel]) {
    self.alphas = alphas
    self.weights = Matrix(rows: models.map { $0.weights })
    self.intercepts = Vector(models.map { $0.intercept })
  }
}

extension Vector {
  /// `count` values spaced evenly on a log scale from `10^start` to `10^end` (numpy's `logspace`),
  /// the usual grid of penalty strengths.
  public static func logspace(_ start: Double, _ end: Double, count: Int) -> Vector {
    linspace(start, end, count: count).map { pow(10, $0) }
  }
}
