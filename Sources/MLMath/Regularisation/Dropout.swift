// Inverted dropout: keep each unit with probability q and scale the kept ones by 1/q.

/// Inverted dropout with keep probability `q`: `yᵢ = mᵢxᵢ/q` with `mᵢ ~ Bernoulli(q)`,
/// so `E[yᵢ] = xᵢ` and nothing needs rescaling at test time (where dropout is simply not applied).
public struct Dropout: Sendable, Equatable {
  /// The probability `q` that a unit is kept, in (0, 1].
  public let keepProbability: Double

  /// Dropout that keeps each unit with probability `keepProbability` (q = 1 keeps everything).
  public init(keepProbability: Double) {
    require(
      keepProbability > 0 && keepProbability <= 1, "Dropout(keepProbability:)",
      "keepProbability must be in (0, 1], got \(keepProbability)")
    self.keepProbability = keepProbability
  }

  /// `yᵢ = mᵢxᵢ/q` for a given mask (`true` keeps the unit).
  public func apply(_ x: Vector, mask: [Bool]) -> Vector {
    require(
      mask.count == x.count, "Dropout.apply", "the mask has \(mask.count) entries but x has \(x.count)")
    let q = keepProbability
    return Vector(zip(x.elements, mask).map { v, keep in keep ? v / q : 0 })
  }

  /// A mask of `count` independent draws, each `true` with probability q (`u < q`, u uniform in [0, 1)).
  public func mask(count: Int, using generator: inout some RandomNumberGenerator) -> [Bool] {
    (0..<count).map { _ in generator.nextUniform() < keepProbability }
  }

  /// `apply(x, mask:)` with a freshly drawn mask.
  public func apply(_ x: Vector, using generator: inout some RandomNumberGenerator) -> Vector {
    apply(x, mask: mask(count: x.count, using: &generator))
  }

  /// `Yᵢⱼ = mᵢⱼXᵢⱼ/q` for a given mask, one entry per entry of `X` in row-major order (`mask[i·n + j]`
  /// for row `i` of an `m × n` matrix): `(M ∘ X)/q`, dropout on every input of every example.
  public func apply(_ X: Matrix, mask: [Bool]) -> Matrix {
    require(
      mask.count == X.elements.count, "Dropout.apply",
      "the mask has \(mask.count) entries but X has \(X.rowCount) × \(X.columnCount) = \(X.elements.count)")
    let q = keepProbability
    return Matrix(
      rowCount: X.rowCount, columnCount: X.columnCount,
      elements: zip(X.elements, mask).map { v, keep in keep ? v / q : 0 })
  }

  /// `apply(X, mask:)` with a freshly drawn mask: the draws of `mask(count: m·n, using:)`, row by row.
  public func apply(_ X: Matrix, using generator: inout some RandomNumberGenerator) -> Matrix {
    apply(X, mask: mask(count: X.elements.count, using: &generator))
  }
}
