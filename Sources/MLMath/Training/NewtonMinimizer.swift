// Damped Newton's method with backtracking, which the model fits use to reach a gradient norm of 1e-8.

/// Minimises a smooth convex function from its loss, gradient and Hessian.
enum NewtonMinimizer {
  struct Outcome {
    var x: Vector
    var loss: Double
    var gradientNorm: Double
    var iterations: Int
    var converged: Bool
  }

  /// Newton steps `H·Δ = −g` (H damped when it is not positive definite), halved until the Armijo
  /// condition holds; near the optimum, where rounding hides the decrease in loss, a step that
  /// shrinks the gradient is accepted instead.
  static func minimize(
    start: Vector, tolerance: Double, maxIterations: Int,
    evaluate: (Vector) -> (loss: Double, gradient: Vector), hessian: (Vector) -> Matrix
  ) -> Outcome {
    var x = start
    var (loss, g) = evaluate(x)
    var gNorm = g.norm()
    var iterations = 0
    while gNorm > tolerance && iterations < maxIterations {
      iterations += 1
      let step = -Cholesky.solveDamped(hessian(x), g)
      let slope = g.dot(step)
      var t = 1.0
      var accepted = false
      for _ in 0..<60 {
        let candidate = x + t * step
        let (newLoss, newGradient) = evaluate(candidate)
        let newNorm = newGradient.norm()
        let armijo = newLoss <= loss + 1e-4 * t * slope
        let flat = Swift.abs(newLoss - loss) <= 1e-13 * Swift.max(1, Swift.abs(loss)) && newNorm < gNorm
        if newLoss.isFinite && (armijo || flat) {
          (x, loss, g, gNorm) = (candidate, newLoss, newGradient, newNorm)
          accepted = true
          break
        }
        t /= 2
      }
      if !accepted { break }
    }
    return Outcome(
      x: x, loss: loss, gradientNorm: gNorm, iterations: iterations, converged: gNorm <= tolerance)
  }
}

/// Cholesky factorisation `A = LLᵀ` for the symmetric positive (semi)definite systems of Newton's method.
enum Cholesky {
  /// Solves `(A + μI)x = b` with the smallest μ in {0, 1e-12·s, 1e-10·s, …} (s the largest diagonal
  /// entry) for which the factorisation succeeds; a singular direction with zero gradient gets a zero step.
  static func solveDamped(_ a: Matrix, _ b: Vector) -> Vector {
    let n = a.rowCount
    let s = Swift.max((0..<n).map { a[$0, $0] }.max() ?? 1, 1e-300)
    var mu = 0.0
    while true {
      if let x = solve(a, b, shift: mu) { return x }
      mu = mu == 0 ? 1e-12 * s : mu * 100
    }
  }

  static func solve(_ a: Matrix, _ b: Vector, shift: Double) -> Vector? {
    let n = a.rowCount
    var l = [Double](repeating: 0, count: n * n)
    let e = a.elements
    for j in 0..<n {
      var d = e[j * n + j] + shift
      for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
      if !(d > 1e-14 * Swift.max(e[j * n + j] + shift, 1e-300)) { return nil }
      let ljj = d.squareRoot()
      l[j * n + j] = ljj
      for i in (j + 1)..<Swift.max(n, j + 1) {
        var v = e[i * n + j]
        for k in 0..<j { v -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = v / ljj
      }
    }
    var y = b.elements
    for i in 0..<n {
      for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
      y[i] /= l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<Swift.max(n, i + 1) { y[i] -= l[k * n + i] * y[k] }
      y[i] /= l[i * n + i]
    }
    return Vector(y)
  }
}
