// "Nice" tick positions and their labels: steps of 1, 2 or 5 times a power of ten.
import FolioRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tick marks for one axis: round values inside the axis interval, labelled with a fixed
/// number of decimals so every label on the axis looks alike.
struct Ticks: Equatable {
  /// Tick values in increasing order.
  let values: [Double]
  /// The distance between ticks.
  let step: Double
  /// Decimals shown in labels.
  let decimals: Int

  /// About `target` ticks (at least two when the interval allows) within `range`.
  init(range: ClosedRange<Double>, target: Int) {
    let span = range.upperBound - range.lowerBound
    let step = Ticks.niceStep(
      range: span > 0 ? range : (range.lowerBound - 0.5)...(range.upperBound + 0.5), target: max(2, target))
    self.init(range: range, step: step)
  }

  /// The multiples of `step` within `range` (an equal-aspect plot uses one step on both axes).
  init(range: ClosedRange<Double>, step: Double) {
    self.step = step
    let first = (range.lowerBound / step - 1e-9).rounded(.up)
    let last = (range.upperBound / step + 1e-9).rounded(.down)
    var values: [Double] = []
    if first <= last {
      for index in stride(from: first, through: last, by: 1) {
        values.append(index * step)
      }
    }
    self.values = values
    decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
  }

  /// The step of 1, 2 or 5 × 10ⁿ whose ticks inside `range` number closest to `target`
  /// (ties go to the larger step, fewer labels).
  static func niceStep(range: ClosedRange<Double>, target: Int) -> Double {
    let span = range.upperBound - range.lowerBound
    let base = pow(10, log10(span / Double(target)).rounded(.down))
    var best = base
    var bestScore = Int.max
    for candidate in [0.5, 1, 2, 5, 10, 20].map({ $0 * base }) {
      let count =
        Int((range.upperBound / candidate + 1e-9).rounded(.down))
        - Int((range.lowerBound / candidate - 1e-9).rounded(.up)) + 1
      let score = (count < 2 ? 1000 : 0) + abs(count - target)
      if score <= bestScore {
        best = candidate
        bestScore = score
      }
    }
    return best
  }

  /// The label of `value`: fixed decimals, a true minus sign.
  func label(_ value: Double) -> String {
    Ticks.label(value, decimals: decimals)
  }

  /// `value` with `decimals` decimals and a typographic minus (U+2212).
  static func label(_ value: Double, decimals: Int) -> String {
    // Byte by byte: the text is ASCII, and String's Character-level `hasPrefix`/`dropFirst`
    // would bring Unicode normalisation into every live figure's WebAssembly module.
    let text = NumberText.fixed(value, digits: decimals)
    guard text.utf8.first == UInt8(ascii: "-") else { return text }
    return "\u{2212}" + String(decoding: text.utf8.dropFirst(), as: UTF8.self)
  }
}
