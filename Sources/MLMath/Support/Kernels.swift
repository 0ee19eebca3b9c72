// Tight loops over raw buffers, written so the optimiser vectorises them (several accumulators).

/// Reduction kernels shared by vectors, matrices and the models.
enum Kernels {
  /// `Σ xᵢyᵢ` with four independent accumulators.
  @inline(__always)
  static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
    dot(x.baseAddress, y.baseAddress, x.count)
  }

  /// `Σ xᵢyᵢ` over `n` elements from raw pointers.
  @inline(__always)
  static func dot(_ x: UnsafePointer<Double>?, _ y: UnsafePointer<Double>?, _ n: Int) -> Double {
    guard n > 0, let x, let y else { return 0 }
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var i = 0
    while i + 8 <= n {
      s0 += SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3]) * SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3])
      s1 +=
        SIMD4(x[i + 4], x[i + 5], x[i + 6], x[i + 7])
        * SIMD4(y[i + 4], y[i + 5], y[i + 6], y[i + 7])
      i += 8
    }
    var s = (s0 + s1).sum()
    while i < n {
      s += x[i] * y[i]
      i += 1
    }
    return s
  }

  /// `Σ xᵢ`.
  @inline(__always)
  static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return 0 }
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var i = 0
    while i + 8 <= n {
      s0 += SIMD4(p[i], p[i + 1], p[i + 2], p[i + 3])
      s1 += SIMD4(p[i + 4], p[i + 5], p[i + 6], p[i + 7])
      i += 8
    }
    var s = (s0 + s1).sum()
    while i < n {
      s += p[i]
      i += 1
    }
    return s
  }
}
