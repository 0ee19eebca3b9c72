// Shared helpers for the MLMath tests: the reference data sets and floating-point comparisons.

import MLMath
import Testing

/// How many representable doubles lie between a and b (0 when equal).
func ulps(_ a: Double, _ b: Double) -> UInt64 {
  if a == b { return 0 }
  func ordered(_ x: Double) -> Int64 {
    let bits = Int64(bitPattern: x.bitPattern)
    return bits < 0 ? Int64.min - bits : bits
  }
  return ordered(a) > ordered(b)
    ? UInt64(ordered(a) - ordered(b)) : UInt64(ordered(b) - ordered(a))
}

/// The largest componentwise absolute difference.
func maxDifference(_ a: Vector, _ b: [Double]) -> Double {
  precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
  return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// The data sets of Tests/Benchmarks/mlmath/reference_values.py, built from the same exact formulas.
enum TestData {
  /// 40 × 6 regression data; y depends on the first three features only.
  static func regression() -> (X: Matrix, y: Vector) {
    let X = Matrix(rowCount: 40, columnCount: 6) { i, j in
      Double((i * 37 + j * 11 + 5) % 17 - 8) / 4 + Double((i * i * 7 + j * j * 3 + i * j) % 13 - 6) / 6
    }
    let y = Vector(count: 40) { i in
      1.5 * X[i, 0] - 2 * X[i, 1] + 0.5 * X[i, 2] + 0.3 + Double((i * 13) % 7 - 3) / 10
    }
    return (X, y)
  }

  /// 60 × 3 classification data with 2 or 3 classes and a few flipped labels (not separable).
  static func classification(classes: Int) -> (X: Matrix, y: [Int]) {
    let X = Matrix(rowCount: 60, columnCount: 3) { i, j in
      Double((i * 29 + j * 17 + 3) % 23 - 11) / 5 + Double((i * j * 5 + i + 2 * j) % 11 - 5) / 7
    }
    let y = (0..<60).map { i -> Int in
      if classes == 2 {
        let s = X[i, 0] - 0.5 * X[i, 1] + 0.25 * X[i, 2]
        let label = s > 0 ? 1 : 0
        return i % 7 == 0 ? 1 - label : label
      }
      let scores: Vector = [X[i, 0], X[i, 1] - 0.5, -X[i, 0] - X[i, 1] + X[i, 2] * 0.5]
      let label = scores.argmax()
      return i % 9 == 0 ? (label + 1) % 3 : label
    }
    return (X, y)
  }
}

/// What a crashed child process wrote to standard error, as text.
func stderrText(_ result: ExitTest.Result?) -> String {
  String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
