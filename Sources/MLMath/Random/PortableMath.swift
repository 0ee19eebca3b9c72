// A natural logarithm from IEEE arithmetic alone, so seeded normal draws match across platforms.

/// Functions whose results depend only on IEEE-754 `+ − × ÷`, not on the platform's libm.
enum PortableMath {
  /// `ln x` for finite x > 0, accurate to about one ulp: `x = m·2ᵉ` with `m ∈ [√½, √2)`,
  /// `ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …)` with `s = (m − 1)/(m + 1)`, plus `e·ln 2`.
  static func log(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite)
    var e = Double(x.exponent)
    var m = x.significand  // in [1, 2)
    if m > 1.4142135623730951 {
      m *= 0.5
      e += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    // |s| ≤ 0.1716, so s²ᵏ/(2k+1) < 1e-17 by k = 11.
    var series = 1.0 / 25
    for k in stride(from: 23, through: 1, by: -2) { series = 1.0 / Double(k) + s2 * series }
    let lnm = 2 * s * series
    let ln2Hi = 0.6931471803691238
    let ln2Lo = 1.9082149292705877e-10
    return e * ln2Hi + (lnm + e * ln2Lo)
  }
}
