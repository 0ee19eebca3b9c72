// The tiny JSON writer behind the control file: one record, one line, any payload.

/// Builds one control record as a single line of JSON.
///
/// Payloads (SVG, printed-looking text, a cell's own marker-like strings) are escaped so the
/// line can never be broken: quotes, backslashes and every control character are escaped,
/// non-ASCII stays UTF-8. Fields keep the order they are added in, so the bytes are stable.
struct JSONText {
  private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
  private var isEmpty = true

  /// Adds `"key":"value"`.
  mutating func add(_ key: String, _ value: String) {
    addKey(key)
    JSONText.appendString(value, to: &bytes)
  }

  /// Adds `"key":number`.
  mutating func add(_ key: String, _ value: Int) {
    addKey(key)
    bytes.append(contentsOf: String(value).utf8)
  }

  /// Adds `"key":number` for a finite double, in Swift's shortest round-trip form.
  mutating func add(_ key: String, _ value: Double) {
    addKey(key)
    bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
  }

  /// The finished object followed by a newline.
  func line() -> [UInt8] {
    bytes + [UInt8(ascii: "}"), UInt8(ascii: "\n")]
  }

  private mutating func addKey(_ key: String) {
    if !isEmpty { bytes.append(UInt8(ascii: ",")) }
    isEmpty = false
    JSONText.appendString(key, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }

  /// Appends `text` as a quoted JSON string.
  static func appendString(_ text: String, to bytes: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    bytes.reserveCapacity(bytes.count + text.utf8.count + 2)
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// `text` as a quoted JSON string.
  static func quoted(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendString(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
