// eˣ four lanes at a time for x ≤ 0 (the shifted logits of softmax and log-sum-exp), to < 1 ulp.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Kernels {
  /// `eˣ` for each lane with x ≤ 0, by fdlibm's method: `x = k·ln2 + r`, |r| ≤ ln2/2, with
  /// `eʳ = 1 − ((lo − r·c/(2 − c)) − hi)` from a degree-5 minimax polynomial `c(r²)`, then `·2ᵏ`.
  /// The error is below one ulp, like the scalar libm `exp`. Lanes below −708 (subnormal or zero
  /// results, −∞) or NaN go through the scalar `exp`.
  @inline(__always)
  static func expNonPositive(_ x: SIMD4<Double>) -> SIMD4<Double> {
    if any(x .< -708) || any(x .!= x) {
      return SIMD4(exp(x[0]), exp(x[1]), exp(x[2]), exp(x[3]))
    }
    let magic = SIMD4<Double>(repeating: 0x1.8p52)
    // Round x/ln2 to the nearest integer by adding and subtracting 1.5·2⁵²; the low bits of the
    // sum are then k itself.
    let shifted = x * 1.44269504088896338700e+00 + magic
    let k = shifted - magic
    let hi = x - k * 6.93147180369123816490e-01
    let lo = k * 1.90821492927058770002e-10
    let r = hi - lo
    let t = r * r
    var p = SIMD4<Double>(repeating: 4.13813679705723846039e-08)
    p = p * t - 1.65339022054652515390e-06
    p = p * t + 6.61375632143793436117e-05
    p = p * t - 2.77777777770155933842e-03
    p = p * t + 1.66666666666666019037e-01
    let c = r - t * p
    let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
    // 2ᵏ built from its bits: exponent field k + 1023 (k ≥ −1022 here).
    let kBits = unsafeBitCast(shifted, to: SIMD4<Int64>.self) &- unsafeBitCast(magic, to: SIMD4<Int64>.self)
    let scale = unsafeBitCast((kBits &+ 1023) &<< 52, to: SIMD4<Double>.self)
    return y * scale
  }
}
