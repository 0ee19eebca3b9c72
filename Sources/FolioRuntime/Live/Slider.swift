// `slider(_:_:in:step:)`: a number a live cell lets the reader change in the page.

/// An input a cell declares: a number the reader moves with a slider, in a live cell's page.
public struct Slider: Sendable, Hashable {
  /// What the slider is labelled with on the page (`λ`, `temperature`).
  public var label: String
  /// The default value: what a native run (and the page's first output) uses.
  public var value: Double
  /// The values the slider reaches.
  public var range: ClosedRange<Double>
  /// The distance between neighbouring positions.
  public var step: Double

  /// Creates the declaration; `value` must lie in `range` and `step` be positive.
  public init(label: String, value: Double, range: ClosedRange<Double>, step: Double) {
    precondition(step > 0, "a slider's step must be positive")
    precondition(range.contains(value), "a slider's default value must lie in its range")
    self.label = label
    self.value = value
    self.range = range
    self.step = step
  }
}

/// Declares an input the reader can change, and returns its value.
///
/// ```swift
/// let lambda = slider("λ", 0.5, in: 0...2, step: 0.01)
/// ```
///
/// A native run (the build, or the cell pasted into a program) returns `value`, so the page's
/// first output is the checked build-time output. In a `live` cell's WebAssembly module, run by
/// the page, it returns where the reader put the slider. The page shows one labelled range
/// input per call, in order, above the cell's output.
public func slider(_ label: String, _ value: Double, in range: ClosedRange<Double>, step: Double) -> Double {
  let input = Slider(label: label, value: value, range: range, step: step)
  return LiveInputs.value(of: input)
}

#if !hasFeature(Embedded)
  /// Where a native run's inputs come from: their defaults, recorded for the page.
  enum LiveInputs {
    static func value(of input: Slider) -> Double {
      ControlChannel.shared.record(.input, input: input)
      return input.value
    }
  }
#endif
