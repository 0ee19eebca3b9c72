// What a live cell's page needs: the inputs the cell declared and its compiled module.
import Foundation

/// A slider a cell declared with `slider(_:_:in:step:)`, as the native run recorded it.
public struct LiveInput: Sendable, Hashable, Codable {
  /// The slider's label.
  public var label: String
  /// The default value, which the native run used.
  public var value: Double
  /// The least value.
  public var min: Double
  /// The greatest value.
  public var max: Double
  /// The distance between neighbouring positions.
  public var step: Double

  /// Creates an input.
  public init(label: String, value: Double, min: Double, max: Double, step: Double) {
    self.label = label
    self.value = value
    self.min = min
    self.max = max
    self.step = step
  }

  /// `value` as the page shows it beside the slider: with as many decimals as the step has.
  public func text(_ value: Double) -> String {
    let step = String(self.step)
    let decimals = step.hasSuffix(".0") ? 0 : step.split(separator: ".").dropFirst().first?.count ?? 0
    return String(format: "%.\(Swift.min(decimals, 17))f", value)
  }

  /// The input an `input` record declares; nil for any other record, or one missing a field.
  init?(record: RuntimeRecord) {
    guard record.event == .input, let label = record.label, let value = record.value, let min = record.min,
      let max = record.max, let step = record.step, min <= value, value <= max, step > 0
    else { return nil }
    self.init(label: label, value: value, min: min, max: max, step: step)
  }
}

/// A live cell compiled to WebAssembly with Embedded Swift.
public struct LiveModule: Sendable, Hashable, Codable {
  /// The module's bytes.
  public var bytes: Data

  /// Creates a module from its bytes.
  public init(bytes: Data) {
    self.bytes = bytes
  }
}
