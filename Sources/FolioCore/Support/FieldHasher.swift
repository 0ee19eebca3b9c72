// SHA-256 over a sequence of fields, for cache keys: each field is length-prefixed, so no two
// different field lists hash alike.
import Crypto
import Foundation

/// Hashes fields one after another into a hex SHA-256.
struct FieldHasher {
  private var hasher = SHA256()

  /// Adds one text field.
  mutating func add(_ text: String) {
    hasher.update(data: Data("\(text.utf8.count):".utf8))
    hasher.update(data: Data(text.utf8))
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
    bytes.map { String(format: "%02x", $0) }.joined()
  }
}
