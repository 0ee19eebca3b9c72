// Norms of vectors and matrices that neither overflow nor underflow when the result is representable.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Vector {
  /// The norm `‖x‖` of the given kind; `0` for an empty vector.
  ///
  /// No intermediate overflow or underflow: `[1e200, 1e200]` has L2 norm `1.414…e200` and
  /// `[1e-200, 1e-200]` has `1.414…e-200`, although their squares are not representable.
  @export(interface)
  public func norm(_ kind: Norm = .l2) -> Double {
    elements.withUnsafeBufferPointer { x in
      switch kind {
      case .l1: return NormKernels.l1(x)
      case .l2: return NormKernels.l2(x)
      case .infinity: return NormKernels.maxAbs(x)
      case .p(let p):
        require(p > 0, "Vector.norm", "Lp needs p > 0, got p = \(p)")
        if p == 1 { return NormKernels.l1(x) }
        if p == 2 { return NormKernels.l2(x) }
        if p.isInfinite { return NormKernels.maxAbs(x) }
        return NormKernels.lp(x, p)
      }
    }
  }
}

extension Matrix {
  /// The Frobenius norm `‖A‖_F = √(Σᵢⱼ aᵢⱼ²)`, as safe from overflow and underflow as the L2 norm.
  public var frobeniusNorm: Double {
    elements.withUnsafeBufferPointer(NormKernels.l2)
  }
}

/// The loops behind `norm(_:)`.
enum NormKernels {
  /// `Σ|xᵢ|`, eight lanes at a time.
  static func l1(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return 0 }
    // Clearing the sign bit is |x|; four accumulators of four lanes, as in `Kernels.dot`.
    let mask = SIMD4<UInt64>(repeating: ~(1 << 63))
    func abs4(_ i: Int) -> SIMD4<Double> {
      unsafeBitCast(unsafeBitCast(Kernels.load(p, i), to: SIMD4<UInt64>.self) & mask, to: SIMD4<Double>.self)
    }
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
    var i = 0
    while i + 16 <= n {
      s0 += abs4(i)
      s1 += abs4(i + 4)
      s2 += abs4(i + 8)
      s3 += abs4(i + 12)
      i += 16
    }
    var s = ((s0 + s1) + (s2 + s3)).sum()
    while i < n {
      s += p[i].magnitude
      i += 1
    }
    return s
  }

  /// `maxᵢ|xᵢ|`, NaN if any component is NaN.
  static func maxAbs(_ x: UnsafeBufferPointer<Double>) -> Double {
    var m = 0.0
    for v in x {
      let a = v.magnitude
      if a.isNaN { return .nan }
      if a > m { m = a }
    }
    return m
  }

  /// `√(Σxᵢ²)` in one pass when the sum of squares is comfortably inside the range of `Double`,
  /// else a second pass on components scaled by a power of two (exact) near the largest one.
  static func l2(_ x: UnsafeBufferPointer<Double>) -> Double {
    let s = Kernels.sumOfSquares(x)
    // Below 2⁻⁹⁰⁰ a component's square may have lost bits to underflow while still mattering
    // to the total; above that any lost square is under 2⁻¹²² of the total.
    if s.isFinite && s >= 0x1p-900 { return s.squareRoot() }
    if s == 0 && maxAbs(x) == 0 { return 0 }
    return scaledL2(x)
  }

  /// `a·√(Σ(xᵢ/a)²)` with `a` the power of two just above `max|xᵢ|`, so scaling is exact.
  static func scaledL2(_ x: UnsafeBufferPointer<Double>) -> Double {
    let m = maxAbs(x)
    if m == 0 || !m.isFinite { return m }
    // 2^±e may not be representable (e up to 1074 for subnormals), so scale by two halves.
    let e = Int(m.exponent) + 1
    let (half, rest) = (e / 2, e - e / 2)
    let down1 = powerOfTwo(-half)
    let down2 = powerOfTwo(-rest)
    var s = 0.0
    for v in x {
      let t = v * down1 * down2
      s += t * t
    }
    return s.squareRoot() * powerOfTwo(half) * powerOfTwo(rest)
  }

  /// `2ᵏ` for |k| ≤ 1022.
  static func powerOfTwo(_ k: Int) -> Double {
    Double(sign: .plus, exponent: k, significand: 1)
  }

  /// `(Σ|xᵢ|ᵖ)^(1/p)` computed as `a·(Σ(|xᵢ|/a)ᵖ)^(1/p)` with `a = max|xᵢ|`, so no term overflows.
  static func lp(_ x: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
    let m = maxAbs(x)
    if m == 0 || !m.isFinite { return m }
    var s = 0.0
    for v in x { s += pow(v.magnitude / m, p) }
    return m * pow(s, 1 / p)
  }
}
