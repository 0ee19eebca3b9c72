// Softmax, log-sum-exp and the categorical cross-entropy from logits, all shifted by the maximum.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ln Σ e^{zᵢ}`, computed as `m + ln Σ e^{zᵢ − m}` with `m = max zᵢ` so no exponential overflows:
/// `logSumExp([1000, 1001, 1002]) ≈ 1002.4076`. Empty input gives −∞ (the log of an empty sum).
///
/// $$\log \sum_{i} e^{z_i} = m + \log \sum_{i} e^{z_i - m}, \qquad m = \max_i z_i$$
public func logSumExp(_ z: Vector) -> Double {
  z.elements.withUnsafeBufferPointer(SoftmaxKernels.logSumExp)
}

/// `softmax(z)ᵢ = e^{zᵢ}/Σⱼ e^{zⱼ}`, computed from `zᵢ − max z` so it is stable for
/// `[1000, 1001, 1002]` and `[-1000, -1000]`; the outputs are in [0, 1] and sum to 1.
///
/// $$\operatorname{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_{j} e^{z_j - m}}, \qquad m = \max_j z_j$$
///
/// - Parameter z: The logits, one per class.
/// - Returns: The class probabilities, in the order of `z`.
@export(interface)
public func softmax(_ z: Vector) -> Vector {
  let n = z.count
  if n == 0 { return [] }
  let out = [Double].filled(count: n) { o in
    z.elements.withUnsafeBufferPointer { x in SoftmaxKernels.softmax(x, o) }
  }
  return Vector(out)
}

/// `softmax` of each row: row `i` of the result is the class distribution of example `i`.
@export(interface)
public func softmax(_ z: Matrix) -> Matrix {
  var out = [Double](repeating: 0, count: z.elements.count)
  let k = z.columnCount
  if k > 0 {
    z.elements.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<z.rowCount {
          SoftmaxKernels.softmax(
            UnsafeBufferPointer(rebasing: x[(i * k)..<((i + 1) * k)]),
            UnsafeMutableBufferPointer(rebasing: o[(i * k)..<((i + 1) * k)]))
        }
      }
    }
  }
  return Matrix(rowCount: z.rowCount, columnCount: k, elements: out)
}

/// `logSumExp` of each row, one component per row.
public func logSumExp(_ z: Matrix) -> Vector {
  Vector(z.rows.map(logSumExp))
}

/// The categorical cross-entropy of one example from its logits:
/// loss `logSumExp(z) − z[y]` (that is `−ln softmax(z)[y]`) and its gradient `softmax(z) − onehot(y)`.
@export(interface)
public func softmaxCrossEntropy(logits: Vector, label: Int) -> (loss: Double, gradient: Vector) {
  require(
    label >= 0 && label < logits.count, "softmaxCrossEntropy",
    "label \(label) is out of range for \(logits.count) classes (0..<\(logits.count))")
  let p = softmax(logits)
  let loss = logSumExp(logits) - logits[label]
  var g = p
  g.elements[label] -= 1
  return (loss, g)
}

/// The mean categorical cross-entropy over the rows of `logits` (one row per example):
/// loss `(1/n) Σᵢ [logSumExp(zᵢ) − zᵢ[yᵢ]]` and its gradient with respect to the logits, `(P − Y)/n`,
/// where `P = softmax` by rows and `Y` the one-hot labels.
@export(interface)
public func softmaxCrossEntropy(logits: Matrix, labels: [Int]) -> (loss: Double, gradient: Matrix) {
  require(
    labels.count == logits.rowCount, "softmaxCrossEntropy",
    "\(labels.count) labels vs \(logits.rowCount) rows of logits")
  require(!labels.isEmpty, "softmaxCrossEntropy", "no examples; a mean needs at least one")
  let k = logits.columnCount
  for (i, y) in labels.enumerated() {
    require(
      y >= 0 && y < k, "softmaxCrossEntropy",
      "label \(i) is \(y) but there are \(k) classes (0..<\(k))")
  }
  let n = Double(labels.count)
  var total = 0.0
  var grad = [Double](repeating: 0, count: logits.elements.count)
  logits.elements.withUnsafeBufferPointer { x in
    grad.withUnsafeMutableBufferPointer { g in
      for (i, y) in labels.enumerated() {
        let row = UnsafeBufferPointer(rebasing: x[(i * k)..<((i + 1) * k)])
        total += SoftmaxKernels.logSumExp(row) - row[y]
        let out = UnsafeMutableBufferPointer(rebasing: g[(i * k)..<((i + 1) * k)])
        SoftmaxKernels.softmax(row, out)
        out[y] -= 1
        for j in 0..<k { out[j] /= n }
      }
    }
  }
  return (total / n, Matrix(rowCount: logits.rowCount, columnCount: k, elements: grad))
}

/// The loops behind softmax and log-sum-exp.
enum SoftmaxKernels {
  /// `max xᵢ` with four lanes; NaN if any is NaN, −∞ if empty.
  static func max(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    guard n > 0, let p = x.baseAddress else { return -.infinity }
    var m = SIMD4<Double>(repeating: -.infinity)
    var sawNaN = SIMD4<Double>()
    var i = 0
    while i + 4 <= n {
      let v = SIMD4(p[i], p[i + 1], p[i + 2], p[i + 3])
      m = pointwiseMax(m, v)
      sawNaN += v - v  // NaN stays NaN, finite gives 0; ±∞ − ±∞ is NaN too, handled below
      i += 4
    }
    var r = m.max()
    while i < n {
      if p[i] > r { r = p[i] }
      sawNaN[0] += p[i] - p[i]
      i += 1
    }
    if sawNaN.sum().isNaN {
      for v in x where v.isNaN { return .nan }
    }
    return r
  }

  /// `m + ln Σ e^{xᵢ − m}` with `m = max xᵢ`.
  static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
    let m = max(x)
    if m.isNaN { return .nan }
    if m.isInfinite { return m }  // all −∞ gives −∞; any +∞ gives +∞
    let n = x.count
    let p = x.baseAddress!
    let shift = SIMD4<Double>(repeating: m)
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var i = 0
    while i + 8 <= n {
      s0 += Kernels.expNonPositive(Kernels.load(p, i) - shift)
      s1 += Kernels.expNonPositive(Kernels.load(p, i + 4) - shift)
      i += 8
    }
    var tail = 0.0
    while i < n {
      tail += exp(x[i] - m)
      i += 1
    }
    return m + log((s0 + s1).sum() + tail)
  }

  /// `oᵢ = e^{xᵢ − m}/Σⱼ e^{xⱼ − m}`.
  static func softmax(_ x: UnsafeBufferPointer<Double>, _ o: UnsafeMutableBufferPointer<Double>) {
    let n = x.count
    let m = max(x)
    if m.isNaN || m == .infinity || m == -.infinity {
      // No finite shift exists: +∞ entries share the mass; all −∞ is undefined (NaN), as is any NaN.
      let top = x.filter { $0 == .infinity }.count
      for i in 0..<n { o[i] = m.isNaN || m == -.infinity ? .nan : (x[i] == .infinity ? 1 / Double(top) : 0) }
      return
    }
    let p = x.baseAddress!
    let out = o.baseAddress!
    let shift = SIMD4<Double>(repeating: m)
    var acc = SIMD4<Double>()
    var i = 0
    while i + 4 <= n {
      let e = Kernels.expNonPositive(Kernels.load(p, i) - shift)
      UnsafeMutableRawPointer(out + i).storeBytes(of: e, as: SIMD4<Double>.self)
      acc += e
      i += 4
    }
    var s = acc.sum()
    while i < n {
      let e = exp(x[i] - m)
      o[i] = e
      s += e
      i += 1
    }
    // Division rather than multiplying by 1/s: each probability correctly rounded.
    let sum = SIMD4<Double>(repeating: s)
    i = 0
    while i + 4 <= n {
      let q = Kernels.load(UnsafePointer(out), i) / sum
      UnsafeMutableRawPointer(out + i).storeBytes(of: q, as: SIMD4<Double>.self)
      i += 4
    }
    while i < n {
      o[i] /= s
      i += 1
    }
  }
}
