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
    // Sixteen lanes in four accumulators: enough independent additions to hide their latency.
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
    var i = 0
    while i + 16 <= n {
      s0 += load(x, i) * load(y, i)
      s1 += load(x, i + 4) * load(y, i + 4)
      s2 += load(x, i + 8) * load(y, i + 8)
      s3 += load(x, i + 12) * load(y, i + 12)
      i += 16
    }
    var s = ((s0 + s1) + (s2 + s3)).sum()
    while i < n {
      s += x[i] * y[i]
      i += 1
    }
    return s
  }

  /// `Σ xᵢ²`, loading each element once (half the loads of `dot(x, x)`, which matters in cache).
  @inline(__always)
  static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return 0 }
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
    var i = 0
    while i + 16 <= n {
      let a = load(p, i)
      let b = load(p, i + 4)
      let c = load(p, i + 8)
      let d = load(p, i + 12)
      s0 += a * a
      s1 += b * b
      s2 += c * c
      s3 += d * d
      i += 16
    }
    var s = ((s0 + s1) + (s2 + s3)).sum()
    while i < n {
      s += p[i] * p[i]
      i += 1
    }
    return s
  }

  /// `Σ xᵢ`.
  @inline(__always)
  static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return 0 }
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
    var i = 0
    while i + 16 <= n {
      s0 += load(p, i)
      s1 += load(p, i + 4)
      s2 += load(p, i + 8)
      s3 += load(p, i + 12)
      i += 16
    }
    var s = ((s0 + s1) + (s2 + s3)).sum()
    while i < n {
      s += p[i]
      i += 1
    }
    return s
  }

  /// Four consecutive doubles starting at `p[i]`.
  @inline(__always)
  static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
  }
}
