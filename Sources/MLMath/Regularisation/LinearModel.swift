// A fitted linear model ŷ = Xw + b, as returned by ridge and lasso.

/// A linear model `ŷ = Xw + b`: one weight per feature and an intercept.
public struct LinearModel: Sendable, Equatable {
  /// The weights `w`, one per feature (column of X).
  public var weights: Vector
  /// The intercept `b`.
  public var intercept: Double

  /// A model with the given weights and intercept.
  public init(weights: Vector, intercept: Double = 0) {
    self.weights = weights
    self.intercept = intercept
  }

  /// The predictions `ŷ = Xw + b`, one per row of X.
  public func predict(_ X: Matrix) -> Vector {
    require(
      X.columnCount == weights.count, "LinearModel.predict",
      "X has \(X.columnCount) features but the model has \(weights.count) weights")
    return X * weights + intercept
  }

  /// Ordinary least squares, the maximum-likelihood fit under Gaussian noise: the w and b minimising
  /// `‖y − Xw − b‖²` (ridge with α = 0; X must have full column rank).
  @export(interface)
  public static func leastSquares(_ X: Matrix, _ y: Vector, fitIntercept: Bool = true) -> LinearModel {
    ridge(X, y, alpha: 0, fitIntercept: fitIntercept)
  }
}
