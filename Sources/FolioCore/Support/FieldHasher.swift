// SHA-256 over a sequence of fields, for cache keys: each field is length-prefixed, so no two
// different field lists hash alike.
import Foundation

/// Hashes fields one after another into a hex SHA-256.
struct FieldHasher {
  private var hasher = SHA256()

  /// Adds one text field.
  mutating func add(_ text: String) {
    // Hashed where the string keeps its UTF-8, not copied into a Data first: keys hash whole
    // chapters and rendered formulas on every build. The bytes are the same either way.
    var prefix = String(text.utf8.count)
    prefix += ":"
    hasher.update(text: prefix)
    hasher.update(text: text)
  }

  /// Adds raw bytes as one field.
  mutating func add(bytes data: Data) {
    hasher.update(data: Data("\(data.count):".utf8))
    hasher.update(data: data)
  }

  /// The digest as lower-case hex.
  func hex() -> String { Self.hex(hasher.finalize()) }

  /// Lower-case hex of any digest or bytes.
  static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
