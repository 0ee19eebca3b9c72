// Soft-thresholding, the proximal step of the L1 penalty that sets small weights to exactly zero.

/// `S(x, t) = sign(x)·max(|x| − t, 0)`: shrinks x toward 0 by t, and gives exactly `+0.0` when |x| ≤ t.
public func softThreshold(_ x: Double, _ t: Double) -> Double {
  require(t >= 0, "softThreshold", "the threshold must be >= 0, got \(t)")
  if x > t { return x - t }
  if x < -t { return x + t }
  return x.isNaN ? .nan : 0
}

/// `S(xᵢ, t) = sign(xᵢ)·max(|xᵢ| − t, 0)` elementwise.
public func softThreshold(_ x: Vector, _ t: Double) -> Vector {
  require(t >= 0, "softThreshold", "the threshold must be >= 0, got \(t)")
  return x.transform { softThreshold($0, t) }
}
