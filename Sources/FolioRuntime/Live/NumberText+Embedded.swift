// NumberText in a live cell's WebAssembly module: C's formats, written by the page's script.

#if hasFeature(Embedded)
  @_extern(c, "folio_format")
  func hostFormat(
    _ value: Double, _ style: Int32, _ digits: Int32, _ buffer: UnsafeMutablePointer<UInt8>?, _ capacity: Int
  ) -> Int

  /// Formats numbers exactly as the native `NumberText` (C's `%.*f` and `%.*g`), so a live
  /// figure's SVG matches the build's: the page's script reproduces printf's digits.
  public enum NumberText {
    /// `value` with exactly `digits` decimals (`%.*f`).
    @export(interface)
    public static func fixed(_ value: Double, digits: Int) -> String {
      guard value.isFinite else { return nonFinite(value) }
      return String(decoding: format(value, style: 0, digits: max(0, min(digits, 17))), as: UTF8.self)
    }

    /// `value` with `digits` decimals, trailing zeros and a trailing point removed.
    @export(interface)
    public static func trimmed(_ value: Double, digits: Int) -> String {
      guard value.isFinite else { return nonFinite(value) }
      var bytes = format(value, style: 0, digits: max(0, min(digits, 17)))
      if bytes.contains(UInt8(ascii: ".")) {
        while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
      }
      return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` with at most `digits` significant digits (`%.*g`).
    @export(interface)
    public static func significant(_ value: Double, digits: Int = 6) -> String {
      guard value.isFinite else { return nonFinite(value) }
      return String(decoding: format(value, style: 1, digits: max(1, min(digits, 17))), as: UTF8.self)
    }

    private static func nonFinite(_ value: Double) -> String {
      value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
    }

    private static func format(_ value: Double, style: Int32, digits: Int) -> [UInt8] {
      var bytes = [UInt8](repeating: 0, count: 400)
      let count = bytes.withUnsafeMutableBufferPointer {
        hostFormat(value, style, Int32(digits), $0.baseAddress, $0.count)
      }
      bytes.removeLast(bytes.count - max(0, min(count, bytes.count)))
      if bytes.first == UInt8(ascii: "-"),
        bytes.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") })
      {
        bytes.removeFirst()
      }
      return bytes
    }
  }
#endif
