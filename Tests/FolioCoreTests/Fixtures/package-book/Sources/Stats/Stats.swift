// Small statistics on top of swift-numerics' elementary functions.
import RealModule

/// The logistic function `1 / (1 + e^−x)`.
public func logistic(_ x: Double) -> Double { 1 / (1 + .exp(-x)) }

/// `log Σ e^xᵢ`, computed without overflow by shifting by the largest value.
public func logSumExp(_ xs: [Double]) -> Double {
  guard let top = xs.max() else { return -.infinity }
  return top + .log(xs.reduce(0) { $0 + .exp($1 - top) })
}
