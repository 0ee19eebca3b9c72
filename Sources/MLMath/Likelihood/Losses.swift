// Negative log-likelihood losses: binary and multi-class log loss, from probabilities or from logits.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary log loss (mean negative Bernoulli log-likelihood)
/// `−(1/n) Σ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)]`, each `pᵢ` first clamped to `[ε, 1 − ε]` so that a
/// confident mistake costs a large finite amount instead of ∞.
///
/// Labels are 0 or 1 (or soft labels in [0, 1]); probabilities must lie in [0, 1].
@export(interface)
public func binaryLogLoss(labels: Vector, probabilities: Vector, epsilon: Double = .ulpOfOne) -> Double {
  require(
    labels.count == probabilities.count, "binaryLogLoss",
    "\(labels.count) labels vs \(probabilities.count) probabilities")
  require(!labels.isEmpty, "binaryLogLoss", "no examples; a mean needs at least one")
  require(epsilon >= 0 && epsilon < 0.5, "binaryLogLoss", "epsilon must be in [0, 0.5), got \(epsilon)")
  var total = 0.0
  for i in 0..<labels.count {
    let y = labels.elements[i]
    let p = probabilities.elements[i]
    require(y >= 0 && y <= 1, "binaryLogLoss", "label \(i) is \(y); labels must be in [0, 1]")
    require(p >= 0 && p <= 1, "binaryLogLoss", "probability \(i) is \(p); probabilities must be in [0, 1]")
    let q = Swift.min(Swift.max(p, epsilon), 1 - epsilon)
    // Skipping a term whose weight is exactly 0 keeps 0·ln(0) out when ε = 0.
    var term = 0.0
    if y != 0 { term += y * log(q) }
    if y != 1 { term += (1 - y) * log(1 - q) }
    total -= term
  }
  return total / Double(labels.count)
}

/// The binary cross-entropy computed from logits `zᵢ` (so `pᵢ = σ(zᵢ)` is never rounded to 0 or 1):
/// `(1/n) Σ [max(zᵢ, 0) − zᵢyᵢ + ln(1 + e^−|zᵢ|)]`. Labels may be soft (in [0, 1]).
/// A logit of 1000 with label 0 costs 1000, not ∞.
@export(interface)
public func binaryCrossEntropy(logits: Vector, labels: Vector) -> Double {
  require(
    logits.count == labels.count, "binaryCrossEntropy",
    "\(logits.count) logits vs \(labels.count) labels")
  require(!labels.isEmpty, "binaryCrossEntropy", "no examples; a mean needs at least one")
  var total = 0.0
  for i in 0..<labels.count {
    let z = logits.elements[i]
    let y = labels.elements[i]
    require(y >= 0 && y <= 1, "binaryCrossEntropy", "label \(i) is \(y); labels must be in [0, 1]")
    total += Swift.max(z, 0) - z * y + log1p(exp(-Swift.abs(z)))
  }
  return total / Double(labels.count)
}

/// The multi-class log loss `−(1/n) Σᵢ ln P[i, yᵢ]`, each `P[i, yᵢ]` clamped to `[ε, 1 − ε]`.
///
/// Row `i` of `probabilities` holds example `i`'s class probabilities; rows are not renormalised
/// (as scikit-learn's `log_loss` did before 1.5 with `normalize` off). Labels index the columns.
@export(interface)
public func logLoss(labels: [Int], probabilities: Matrix, epsilon: Double = .ulpOfOne) -> Double {
  require(
    labels.count == probabilities.rowCount, "logLoss",
    "\(labels.count) labels vs \(probabilities.rowCount) rows of probabilities")
  require(!labels.isEmpty, "logLoss", "no examples; a mean needs at least one")
  require(epsilon >= 0 && epsilon < 0.5, "logLoss", "epsilon must be in [0, 0.5), got \(epsilon)")
  for (i, p) in probabilities.elements.enumerated() {
    require(
      p >= 0 && p <= 1, "logLoss",
      "probability at (\(i / probabilities.columnCount), \(i % probabilities.columnCount)) is \(p); probabilities must be in [0, 1]"
    )
  }
  var total = 0.0
  for (i, y) in labels.enumerated() {
    require(
      y >= 0 && y < probabilities.columnCount, "logLoss",
      "label \(i) is \(y) but there are \(probabilities.columnCount) classes (0..<\(probabilities.columnCount))"
    )
    let p = probabilities.elements[i * probabilities.columnCount + y]
    total -= log(Swift.min(Swift.max(p, epsilon), 1 - epsilon))
  }
  return total / Double(labels.count)
}

/// The mean squared error `(1/n) Σ (ŷᵢ − yᵢ)²`, the Gaussian negative log-likelihood up to constants.
public func meanSquaredError(predictions: Vector, targets: Vector) -> Double {
  require(
    predictions.count == targets.count, "meanSquaredError",
    "\(predictions.count) predictions vs \(targets.count) targets")
  require(!targets.isEmpty, "meanSquaredError", "no examples; a mean needs at least one")
  let r = predictions - targets
  return r.dot(r) / Double(targets.count)
}
