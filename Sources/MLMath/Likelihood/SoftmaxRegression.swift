// Multinomial (softmax) regression: one weight row per class, penalised cross-entropy, and fits.

/// A multi-class classifier `P(y = k | x) = softmax(Wx + b)ₖ`, one weight row per class.
///
/// `fit` minimises `L(W, b) = (1/n) Σᵢ [logSumExp(zᵢ) − zᵢ[yᵢ]] + (λ/2)‖W‖²_F` with `zᵢ = Wxᵢ + b`
/// by Newton's method until `‖∇L‖₂ ≤ 1e-8`. Adding the same constant to every intercept changes
/// nothing, so the fitted intercepts are reported with zero sum (and with λ = 0, so are W's columns).
public struct SoftmaxRegression: Sendable, Equatable {
  /// The weights `W`, classes × features: row k scores class k.
  public var weights: Matrix
  /// The intercepts `b`, one per class (not penalised).
  public var intercepts: Vector
  /// Newton iterations the fit took (0 for a model built by hand).
  public var iterations: Int = 0
  /// `‖∇L‖₂` at the returned parameters (0 for a model built by hand).
  public var gradientNorm: Double = 0

  /// A model with the given parameters; `intercepts` has one entry per row of `weights`.
  public init(weights: Matrix, intercepts: Vector) {
    require(
      intercepts.count == weights.rowCount, "SoftmaxRegression(weights:intercepts:)",
      "\(weights.rowCount) weight rows (classes) but \(intercepts.count) intercepts")
    self.weights = weights
    self.intercepts = intercepts
  }

  /// The number of classes K.
  public var classes: Int { weights.rowCount }

  /// The logits `Z = XWᵀ + b` (one row per example, one column per class).
  public func logits(_ X: Matrix) -> Matrix {
    require(
      X.columnCount == weights.columnCount, "SoftmaxRegression.logits",
      "X has \(X.columnCount) features but the model has \(weights.columnCount)")
    return X * weights.transposed + intercepts
  }

  /// The class probabilities `P = softmax(XWᵀ + b)` by rows.
  public func probabilities(_ X: Matrix) -> Matrix { softmax(logits(X)) }

  /// The most probable class of each row, `argmaxₖ zᵢₖ`.
  public func predict(_ X: Matrix) -> [Int] { logits(X).argmaxPerRow() }

  /// The objective `(1/n) Σᵢ [logSumExp(zᵢ) − zᵢ[yᵢ]] + (λ/2)‖W‖²_F` and its gradient
  /// `∇W = (P − Y)ᵀX/n + λW`, `∇b = (1/n) Σᵢ (pᵢ − yᵢ)` at the given parameters (Y one-hot).
  @export(interface)
  public static func lossAndGradient(
    _ X: Matrix, _ y: [Int], weights: Matrix, intercepts: Vector, lambda: Double
  ) -> (loss: Double, weightGradient: Matrix, interceptGradient: Vector) {
    let model = SoftmaxRegression(weights: weights, intercepts: intercepts)
    check(X, y, classes: weights.rowCount, lambda, "SoftmaxRegression.lossAndGradient")
    let (loss, g) = softmaxCrossEntropy(logits: model.logits(X), labels: y)
    let gt = g.transposed
    let penalty = lambda / 2 * weights.elements.reduce(0) { $0 + $1 * $1 }
    return (loss + penalty, gt * X + lambda * weights, gt.rowSums())
  }

  /// Fits by Newton's method until `‖∇L‖₂ ≤ 1e-8` (at most 100 iterations); labels are in `0..<classes`.
  @export(interface)
  public static func fit(
    _ X: Matrix, _ y: [Int], classes: Int, lambda: Double, fitIntercept: Bool = true
  ) -> SoftmaxRegression {
    check(X, y, classes: classes, lambda, "SoftmaxRegression.fit")
    let design = fitIntercept ? X.appendingColumn(.ones(X.rowCount)) : X
    let d = X.columnCount
    let p = design.columnCount
    let n = Double(X.rowCount)
    // θ holds the class rows of Θ = [W | b] one after another (K × p, row-major).
    let evaluate = { (theta: Vector) -> (loss: Double, gradient: Vector) in
      let t = Matrix(reshaping: theta, rowCount: classes, columnCount: p)
      let (loss, g) = softmaxCrossEntropy(logits: design * t.transposed, labels: y)
      var grad = (g.transposed * design).elements
      var penalty = 0.0
      for k in 0..<classes {
        for j in 0..<d {
          let w = t.elements[k * p + j]
          penalty += w * w
          grad[k * p + j] += lambda * w
        }
      }
      return (loss + lambda / 2 * penalty, Vector(grad))
    }
    let hessian = { (theta: Vector) -> Matrix in
      let t = Matrix(reshaping: theta, rowCount: classes, columnCount: p)
      let probs = softmax(design * t.transposed)
      var h = Matrix.zeros(classes * p, classes * p)
      for k in 0..<classes {
        for l in k..<classes {
          let s = (0..<X.rowCount).map { i in
            let pk = probs.elements[i * classes + k]
            return pk * ((k == l ? 1 : 0) - probs.elements[i * classes + l]) / n
          }
          let block = design.weightedGram(s)
          for a in 0..<p {
            for c in 0..<p {
              h[k * p + a, l * p + c] = block.elements[a * p + c]
              h[l * p + c, k * p + a] = block.elements[a * p + c]
            }
          }
        }
        for j in 0..<d { h[k * p + j, k * p + j] += lambda }
      }
      return h
    }
    let outcome = NewtonMinimizer.minimize(
      start: .zeros(classes * p), tolerance: 1e-8, maxIterations: 100,
      evaluate: evaluate, hessian: hessian)
    // Remove the direction the loss cannot see: equal shifts of every class (zero-sum columns of Θ).
    var theta = Matrix(reshaping: outcome.x, rowCount: classes, columnCount: p)
    let shift = theta.columnMeans()
    for k in 0..<classes {
      for j in 0..<p where j == d || lambda == 0 { theta[k, j] -= shift[j] }
    }
    var model = SoftmaxRegression(
      weights: Matrix(rowCount: classes, columnCount: d) { k, j in theta[k, j] },
      intercepts: fitIntercept ? theta.column(d) : .zeros(classes))
    model.iterations = outcome.iterations
    model.gradientNorm = outcome.gradientNorm
    return model
  }

  /// Fits by batch gradient descent from zero for `iterations` steps of size `learningRate`,
  /// returning the model and the loss after each step (`losses[0]` is the loss at zero, `ln K`).
  @export(interface)
  public static func train(
    _ X: Matrix, _ y: [Int], classes: Int, lambda: Double, learningRate: Double, iterations: Int,
    fitIntercept: Bool = true
  ) -> (model: SoftmaxRegression, losses: [Double]) {
    check(X, y, classes: classes, lambda, "SoftmaxRegression.train")
    let d = X.columnCount
    let size = classes * d
    let run = gradientDescent(
      from: .zeros(size + classes), learningRate: learningRate, iterations: iterations
    ) {
      theta in
      let w = Matrix(reshaping: Vector(theta.elements[0..<size]), rowCount: classes, columnCount: d)
      let b = Vector(theta.elements[size...])
      let r = lossAndGradient(X, y, weights: w, intercepts: b, lambda: lambda)
      let gb = fitIntercept ? r.interceptGradient : .zeros(classes)
      return (r.loss, Vector(r.weightGradient.elements + gb.elements))
    }
    var model = SoftmaxRegression(
      weights: Matrix(
        reshaping: Vector(run.parameters.elements[0..<size]), rowCount: classes, columnCount: d),
      intercepts: Vector(run.parameters.elements[size...]))
    model.iterations = iterations
    model.gradientNorm = run.gradientNorms.last!
    return (model, run.losses)
  }

  private static func check(
    _ X: Matrix, _ y: [Int], classes: Int, _ lambda: Double, _ function: StaticString
  ) {
    require(X.rowCount == y.count, function, "X has \(X.rowCount) rows but there are \(y.count) labels")
    require(!y.isEmpty, function, "no examples; a fit needs at least one row")
    require(classes >= 2, function, "classes must be >= 2, got \(classes)")
    require(lambda >= 0, function, "lambda must be >= 0, got \(lambda)")
    for (i, label) in y.enumerated() {
      require(
        label >= 0 && label < classes, function,
        "label \(i) is \(label) but there are \(classes) classes (0..<\(classes))")
    }
  }
}
