// Which norm to take: L1, L2, L∞ or a general Lp.

/// A vector norm (or, for 0 < p < 1, the Lp quasi-norm), chosen by name in `Vector.norm(_:)`.
public enum Norm: Sendable, Equatable, Hashable {
  /// Manhattan norm `‖x‖₁ = Σ|xᵢ|`.
  case l1
  /// Euclidean norm `‖x‖₂ = √(Σxᵢ²)`.
  case l2
  /// Maximum norm `‖x‖∞ = maxᵢ|xᵢ|`.
  case infinity
  /// `‖x‖ₚ = (Σ|xᵢ|ᵖ)^(1/p)` for any p > 0 (not a norm for p < 1: the triangle inequality fails).
  case p(Double)
}
