// Locale-free, deterministic number formatting shared by tables and plots.
#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Formats numbers the same way on every build, for tables and SVG coordinates.
///
/// Built on C's `vsnprintf` in the "C" locale a Swift program starts in, without Foundation,
/// so the runtime linked into every chapter program stays small. Negative zero prints as `0`,
/// so rounding never produces `-0.00`.
public enum NumberText {
  /// `value` with exactly `digits` decimals (`%.*f`), e.g. `fixed(1.005, digits: 2)`.
  public static func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return nonFinite(value) }
    let text = format("%.*f", Int32(max(0, min(digits, 17))), value)
    return cleanNegativeZero(text)
  }

  /// `value` with `digits` decimals, trailing zeros and a trailing point removed (`1.50` → `1.5`).
  public static func trimmed(_ value: Double, digits: Int) -> String {
    trimZeros(fixed(value, digits: digits))
  }

  /// `value` with at most `digits` significant digits (`%.*g`), e.g. `0.333333` or `1e-07`.
  public static func significant(_ value: Double, digits: Int = 6) -> String {
    guard value.isFinite else { return nonFinite(value) }
    let text = format("%.*g", Int32(max(1, min(digits, 17))), value)
    return cleanNegativeZero(text)
  }

  private static func nonFinite(_ value: Double) -> String {
    value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
  }

  private static func format(_ pattern: String, _ precision: Int32, _ value: Double) -> String {
    withVaList([precision, value]) { arguments in
      var buffer = [CChar](repeating: 0, count: 400)
      let count = buffer.withUnsafeMutableBufferPointer { pointer in
        Int(vsnprintf(pointer.baseAddress, pointer.count, pattern, arguments))
      }
      let used = buffer[0..<max(0, min(count, buffer.count - 1))]
      return String(decoding: used.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }

  private static func cleanNegativeZero(_ text: String) -> String {
    guard text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) else {
      return text
    }
    return String(text.dropFirst())
  }

  private static func trimZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = Substring(text)
    while result.hasSuffix("0") { result = result.dropLast() }
    if result.hasSuffix(".") { result = result.dropLast() }
    return String(result)
  }
}
