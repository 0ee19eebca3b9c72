// Binary logistic regression: the model σ(wᵀx + b), its penalised log loss, gradient, and fits.

/// A binary classifier `P(y = 1 | x) = σ(wᵀx + b)`.
///
/// `fit` minimises `L(w, b) = (1/n) Σ [softplus(zᵢ) − yᵢzᵢ] + (λ/2)‖w‖²` with `zᵢ = wᵀxᵢ + b`
/// (the mean binary log loss, computed from logits) by Newton's method until `‖∇L‖₂ ≤ 1e-8`;
/// `train` runs plain gradient descent and keeps the loss curve.
public struct LogisticRegression: Sendable, Equatable {
  /// The weights `w`, one per feature.
  public var weights: Vector
  /// The intercept `b` (not penalised).
  public var intercept: Double
  /// Newton iterations the fit took (0 for a model built by hand).
  public var iterations: Int = 0
  /// `‖∇L‖₂` at the returned parameters (0 for a model built by hand).
  public var gradientNorm: Double = 0

  /// A model with the given parameters.
  public init(weights: Vector, intercept: Double = 0) {
    self.weights = weights
    self.intercept = intercept
  }

  /// The logits `z = Xw + b`.
  public func logits(_ X: Matrix) -> Vector {
    require(
      X.columnCount == weights.count, "LogisticRegression.logits",
      "X has \(X.columnCount) features but the model has \(weights.count) weights")
    return X * weights + intercept
  }

  /// The probabilities `pᵢ = σ(wᵀxᵢ + b)` that each row is of class 1.
  public func probabilities(_ X: Matrix) -> Vector { sigmoid(logits(X)) }

  /// The predicted classes: 1 where `pᵢ ≥ threshold`, else 0.
  @export(interface)
  public func predict(_ X: Matrix, threshold: Double = 0.5) -> [Int] {
    probabilities(X).elements.map { $0 >= threshold ? 1 : 0 }
  }

  /// The objective `(1/n) Σ [softplus(zᵢ) − yᵢzᵢ] + (λ/2)‖w‖²` and its gradient
  /// `∇w = (1/n) Xᵀ(σ(z) − y) + λw`, `∂b = (1/n) Σ (σ(zᵢ) − yᵢ)` at the given parameters.
  @export(interface)
  public static func lossAndGradient(
    _ X: Matrix, _ y: [Int], weights: Vector, intercept: Double, lambda: Double
  ) -> (loss: Double, weightGradient: Vector, interceptGradient: Double) {
    let labels = checkedLabels(X, y, lambda, "LogisticRegression.lossAndGradient")
    require(
      X.columnCount == weights.count, "LogisticRegression.lossAndGradient",
      "X has \(X.columnCount) features but there are \(weights.count) weights")
    let z = X * weights + intercept
    let n = Double(y.count)
    let residual = sigmoid(z) - labels
    let loss = binaryCrossEntropy(logits: z, labels: labels) + lambda / 2 * weights.dot(weights)
    return (loss, X.transposedTimes(residual) / n + lambda * weights, residual.sum() / n)
  }

  /// Fits by Newton's method (with backtracking) until `‖∇L‖₂ ≤ 1e-8`, at most 100 iterations.
  /// Labels are 0 or 1. With λ = 0 on separable data no minimiser exists; the result then reports
  /// the gradient norm it reached in `gradientNorm`.
  @export(interface)
  public static func fit(
    _ X: Matrix, _ y: [Int], lambda: Double, fitIntercept: Bool = true
  ) -> LogisticRegression {
    let labels = checkedLabels(X, y, lambda, "LogisticRegression.fit")
    let design = fitIntercept ? X.appendingColumn(.ones(X.rowCount)) : X
    let d = X.columnCount
    let n = Double(X.rowCount)
    // θ = (w, b); only the first d components are penalised.
    func parts(_ theta: Vector) -> (Vector, Double) {
      (Vector(theta.elements[0..<d]), fitIntercept ? theta[d] : 0)
    }
    let evaluate = { (theta: Vector) -> (loss: Double, gradient: Vector) in
      let w = parts(theta).0
      let z = design * theta
      let loss = binaryCrossEntropy(logits: z, labels: labels) + lambda / 2 * w.dot(w)
      var g = design.transposedTimes(sigmoid(z) - labels) / n
      for j in 0..<d { g.elements[j] += lambda * w.elements[j] }
      return (loss, g)
    }
    let hessian = { (theta: Vector) -> Matrix in
      let p = sigmoid(design * theta)
      var h = design.weightedGram(p.elements.map { $0 * (1 - $0) / n })
      for j in 0..<d { h[j, j] += lambda }
      return h
    }
    let outcome = NewtonMinimizer.minimize(
      start: .zeros(design.columnCount), tolerance: 1e-8, maxIterations: 100,
      evaluate: evaluate, hessian: hessian)
    let (w, b) = parts(outcome.x)
    var model = LogisticRegression(weights: w, intercept: b)
    model.iterations = outcome.iterations
    model.gradientNorm = outcome.gradientNorm
    return model
  }

  /// Fits by batch gradient descent from zero for `iterations` steps of size `learningRate`,
  /// returning the model and the loss after each step (`losses[0]` is the loss at zero).
  @export(interface)
  public static func train(
    _ X: Matrix, _ y: [Int], lambda: Double, learningRate: Double, iterations: Int,
    fitIntercept: Bool = true
  ) -> (model: LogisticRegression, losses: [Double]) {
    _ = checkedLabels(X, y, lambda, "LogisticRegression.train")
    let d = X.columnCount
    let run = gradientDescent(from: .zeros(d + 1), learningRate: learningRate, iterations: iterations) {
      theta in
      let w = Vector(theta.elements[0..<d])
      let r = lossAndGradient(X, y, weights: w, intercept: theta[d], lambda: lambda)
      return (r.loss, Vector(r.weightGradient.elements + [fitIntercept ? r.interceptGradient : 0]))
    }
    var model = LogisticRegression(
      weights: Vector(run.parameters.elements[0..<d]), intercept: run.parameters[d])
    model.iterations = iterations
    model.gradientNorm = run.gradientNorms.last!
    return (model, run.losses)
  }

  private static func checkedLabels(
    _ X: Matrix, _ y: [Int], _ lambda: Double, _ function: StaticString
  ) -> Vector {
    require(X.rowCount == y.count, function, "X has \(X.rowCount) rows but there are \(y.count) labels")
    require(!y.isEmpty, function, "no examples; a fit needs at least one row")
    require(lambda >= 0, function, "lambda must be >= 0, got \(lambda)")
    for (i, label) in y.enumerated() {
      require(label == 0 || label == 1, function, "label \(i) is \(label); binary labels must be 0 or 1")
    }
    return Vector(y.map(Double.init))
  }
}
