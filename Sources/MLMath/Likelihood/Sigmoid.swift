// The logistic function and its logarithm, accurate in both tails.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The logistic function `σ(x) = 1/(1 + e^−x)`, with full relative accuracy in both tails.
///
/// For x < 0 it evaluates `eˣ/(1 + eˣ)`, so `sigmoid(-700) ≈ 9.86e-305` instead of a rounded 0;
/// for x ≥ 0 it evaluates `1/(1 + e^−x)`, which never overflows.
public func sigmoid(_ x: Double) -> Double {
  if x >= 0 { return 1 / (1 + exp(-x)) }
  let e = exp(x)
  return e / (1 + e)
}

/// `ln σ(x) = −ln(1 + e^−x)`, accurate in both tails: `logSigmoid(-1000) = -1000`, and for large x
/// it returns `−e^−x` rather than 0.
public func logSigmoid(_ x: Double) -> Double {
  if x >= 0 { return -log1p(exp(-x)) }
  return x - log1p(exp(x))
}

/// The softplus `ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|)`, which is `−logSigmoid(−x)` and never overflows.
public func softplus(_ x: Double) -> Double {
  Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
}

/// The log-odds `logit(p) = ln(p/(1 − p))`, the inverse of `sigmoid`; needs p in [0, 1].
public func logit(_ p: Double) -> Double {
  require(p >= 0 && p <= 1, "logit", "probability must be in [0, 1], got \(p)")
  return log(p) - log1p(-p)
}

/// `σ(xᵢ)` elementwise.
public func sigmoid(_ x: Vector) -> Vector { x.transform(sigmoid) }

/// `ln σ(xᵢ)` elementwise.
public func logSigmoid(_ x: Vector) -> Vector { x.transform(logSigmoid) }

/// `ln(1 + e^{xᵢ})` elementwise.
public func softplus(_ x: Vector) -> Vector { x.transform(softplus) }
