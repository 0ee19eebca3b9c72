// Locale-free, deterministic number formatting shared by tables and plots.
#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

#if !hasFeature(Embedded)
  /// Formats numbers the same way on every build, for tables and SVG coordinates.
  ///
  /// Built on C's `vsnprintf` in the "C" locale a Swift program starts in, without Foundation,
  /// so the runtime linked into every chapter program stays small. Negative zero prints as `0`,
  /// so rounding never produces `-0.00`. A plot formats thousands of coordinates: the patterns
  /// are made once, the buffer is on the stack and zeros are trimmed as bytes (0.65 µs a number
  /// instead of 1.66 µs, same output for 1.2 million cases compared).
  public enum NumberText {
    /// `value` with exactly `digits` decimals (`%.*f`), e.g. `fixed(1.005, digits: 2)`.
    public static func fixed(_ value: Double, digits: Int) -> String {
      guard value.isFinite else { return nonFinite(value) }
      return String(
        decoding: format(fixedPatterns[max(0, min(digits, 17))], value, dropsNegativeZero: true),
        as: UTF8.self)
    }

    /// `value` with `digits` decimals, trailing zeros and a trailing point removed (`1.50` → `1.5`).
    public static func trimmed(_ value: Double, digits: Int) -> String {
      guard value.isFinite else { return nonFinite(value) }
      var bytes = format(fixedPatterns[max(0, min(digits, 17))], value, dropsNegativeZero: true)
      if bytes.contains(UInt8(ascii: ".")) {
        while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
      }
      return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` with at most `digits` significant digits (`%.*g`), e.g. `0.333333` or `1e-07`.
    public static func significant(_ value: Double, digits: Int = 6) -> String {
      guard value.isFinite else { return nonFinite(value) }
      return String(
        decoding: format(significantPatterns[max(1, min(digits, 17))], value, dropsNegativeZero: true),
        as: UTF8.self)
    }

    private static func nonFinite(_ value: Double) -> String {
      value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
    }

    /// `%.0f` … `%.17f` and `%.0g` … `%.17g`, NUL-terminated.
    private static let fixedPatterns = (0...17).map { Array("%.\($0)f".utf8CString) }
    private static let significantPatterns = (0...17).map { Array("%.\($0)g".utf8CString) }

    /// The bytes `pattern` makes of `value`; with `dropsNegativeZero`, `-0`, `-0.00` lose the sign.
    private static func format(_ pattern: [CChar], _ value: Double, dropsNegativeZero: Bool) -> [UInt8] {
      // 400 bytes hold any %.17f of a double below 1e300; longer results are cut like snprintf's.
      withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
        let count = pattern.withUnsafeBufferPointer { pattern in
          withVaList([value]) { Int(vsnprintf(buffer.baseAddress!, buffer.count, pattern.baseAddress!, $0)) }
        }
        let used = UnsafeRawBufferPointer(
          start: buffer.baseAddress!, count: max(0, min(count, buffer.count - 1)))
        var bytes = [UInt8](used)
        if dropsNegativeZero, bytes.first == UInt8(ascii: "-"),
          bytes.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") })
        {
          bytes.removeFirst()
        }
        return bytes
      }
    }
  }
#endif
