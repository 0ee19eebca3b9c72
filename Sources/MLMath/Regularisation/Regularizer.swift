// Weight penalties added to a loss: L1 (lasso) and L2 (ridge, weight decay).

/// A penalty on the weights, added to the data loss to discourage overfitting.
public enum Regularizer: Sendable, Equatable, Hashable {
  /// The lasso penalty `λ Σ|wᵢ|`; drives weights to exactly zero.
  case l1(Double)
  /// The ridge penalty `(λ/2) Σwᵢ²`; shrinks all weights without zeroing them.
  case l2(Double)

  /// The strength λ.
  public var strength: Double {
    switch self {
    case .l1(let lambda), .l2(let lambda): return lambda
    }
  }

  /// The penalty `λ Σ|wᵢ|` (l1) or `(λ/2) Σwᵢ²` (l2).
  public func penalty(_ w: Vector) -> Double {
    checkStrength("Regularizer.penalty")
    switch self {
    case .l1(let lambda): return lambda * w.norm(.l1)
    case .l2(let lambda): return lambda / 2 * w.dot(w)
    }
  }

  /// The (sub)gradient of the penalty: `λ·sign(w)` with sign(0) = 0 (l1), or `λw` (l2).
  public func gradient(_ w: Vector) -> Vector {
    checkStrength("Regularizer.gradient")
    switch self {
    case .l1(let lambda): return lambda * sign(w)
    case .l2(let lambda): return lambda * w
    }
  }

  private func checkStrength(_ function: StaticString) {
    require(strength >= 0, function, "the strength λ must be >= 0, got \(strength)")
  }
}
