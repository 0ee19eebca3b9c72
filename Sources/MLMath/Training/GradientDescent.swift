// Plain batch gradient descent with a loss history: the training loop the chapters step through.

/// What a gradient-descent run produced: the final parameters and the loss at every step.
public struct GradientDescentResult: Sendable, Equatable {
  /// The parameters after the last step.
  public var parameters: Vector
  /// `losses[k]` is the loss at the parameters after k steps (so `losses[0]` is the starting loss).
  public var losses: [Double]
  /// `‖∇L‖₂` at the same points as `losses`.
  public var gradientNorms: [Double]
  /// Whether the run stopped because the gradient norm fell to the tolerance.
  public var converged: Bool
}

/// Batch gradient descent `θₖ₊₁ = θₖ − η·∇L(θₖ)` for at most `iterations` steps, stopping early once
/// `‖∇L(θ)‖₂ ≤ tolerance`; `objective` returns the loss and its gradient at θ.
public func gradientDescent(
  from start: Vector, learningRate: Double, iterations: Int, tolerance: Double = 0,
  _ objective: (Vector) -> (loss: Double, gradient: Vector)
) -> GradientDescentResult {
  require(learningRate > 0, "gradientDescent", "learningRate must be > 0, got \(learningRate)")
  require(iterations >= 0, "gradientDescent", "iterations must be >= 0, got \(iterations)")
  var theta = start
  var (loss, gradient) = objective(theta)
  require(
    gradient.count == theta.count, "gradientDescent",
    "the objective returned a gradient of \(gradient.count) components for \(theta.count) parameters")
  var losses = [loss]
  var norms = [gradient.norm()]
  var step = 0
  while step < iterations && norms.last! > tolerance {
    theta -= learningRate * gradient
    (loss, gradient) = objective(theta)
    losses.append(loss)
    norms.append(gradient.norm())
    step += 1
  }
  return GradientDescentResult(
    parameters: theta, losses: losses, gradientNorms: norms, converged: norms.last! <= tolerance)
}
