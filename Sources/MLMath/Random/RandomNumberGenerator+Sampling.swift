// Uniform, normal and integer draws defined bit for bit, independent of the standard library's choices.

extension RandomNumberGenerator {
  /// A uniform draw from `[0, 1)`: the top 53 bits of `next()` times `2⁻⁵³`.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform draw from `[low, high)`: `low + (high − low)·u`.
  public mutating func nextUniform(in low: Double, _ high: Double) -> Double {
    require(low <= high, "nextUniform(in:_:)", "low \(low) is above high \(high)")
    return low + (high - low) * nextUniform()
  }

  /// A draw from the normal distribution `N(mean, standardDeviation²)` by Marsaglia's polar method,
  /// using a logarithm built from `+ − × ÷` only, so the value is the same on every platform.
  public mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    require(
      standardDeviation >= 0, "nextNormal", "standardDeviation must be >= 0, got \(standardDeviation)")
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return mean + standardDeviation * u * (-2 * PortableMath.log(s) / s).squareRoot()
      }
    }
  }

  /// A uniform integer in `0..<bound` (rejection sampling, no modulo bias).
  public mutating func nextInt(below bound: Int) -> Int {
    require(bound > 0, "nextInt(below:)", "bound must be > 0, got \(bound)")
    let b = UInt64(bound)
    let limit = UInt64.max - UInt64.max % b
    while true {
      let r = next()
      if r < limit { return Int(r % b) }
    }
  }

  /// A Bernoulli draw: `true` with probability `p` (`u < p`).
  public mutating func nextBernoulli(_ p: Double) -> Bool {
    require(p >= 0 && p <= 1, "nextBernoulli", "p must be in [0, 1], got \(p)")
    return nextUniform() < p
  }

  /// `n` draws from `N(mean, standardDeviation²)`.
  public mutating func normalVector(
    _ n: Int, mean: Double = 0, standardDeviation: Double = 1
  ) -> Vector {
    Vector(count: n) { _ in nextNormal(mean: mean, standardDeviation: standardDeviation) }
  }

  /// `n` uniform draws from `[low, high)`.
  public mutating func uniformVector(_ n: Int, in low: Double = 0, _ high: Double = 1) -> Vector {
    Vector(count: n) { _ in nextUniform(in: low, high) }
  }

  /// A random ordering of `0..<n` (Fisher–Yates with `nextInt(below:)`).
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n < 2 { return p }
    for i in stride(from: n - 1, to: 0, by: -1) {
      p.swapAt(i, nextInt(below: i + 1))
    }
    return p
  }
}
