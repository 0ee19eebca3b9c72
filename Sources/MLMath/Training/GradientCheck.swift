// Finite-difference gradients, to verify an analytic gradient before trusting it.

/// The central-difference estimate `ĝᵢ = (f(x + heᵢ) − f(x − heᵢ))/(2h)` of `∇f(x)`; its error is O(h²).
public func numericalGradient(of f: (Vector) -> Double, at x: Vector, step h: Double = 1e-6) -> Vector {
  require(h > 0, "numericalGradient", "the step must be > 0, got \(h)")
  var probe = x
  return Vector(count: x.count) { i in
    let xi = x[i]
    probe[i] = xi + h
    let up = f(probe)
    probe[i] = xi - h
    let down = f(probe)
    probe[i] = xi
    return (up - down) / (2 * h)
  }
}

/// The relative error `‖g − ĝ‖₂ / max(‖g‖₂ + ‖ĝ‖₂, 10⁻³⁰⁰)` between an analytic gradient `g` and the
/// central-difference estimate `ĝ` at x; around 1e-8 or below means the analytic gradient is right.
public func gradientCheck(
  of f: (Vector) -> Double, gradient g: Vector, at x: Vector, step h: Double = 1e-6
) -> Double {
  require(
    g.count == x.count, "gradientCheck", "the gradient has \(g.count) components but x has \(x.count)")
  let estimate = numericalGradient(of: f, at: x, step: h)
  return (g - estimate).norm() / Swift.max(g.norm() + estimate.norm(), 1e-300)
}
