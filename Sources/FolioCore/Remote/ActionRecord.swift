// The action-cache record of a results entry, in the Remote Execution API's `ActionResult` form.
import Foundation

/// What `ac/<results key>` holds in the remote cache: an `ActionResult` protocol buffer whose one
/// output file, `folio-results.json`, names the entry's bytes in the CAS by SHA-256 and size.
///
/// Written as Bazel writes its action results, so caches that check the action cache
/// (bazel-remote, unless started with `--disable_http_ac_validation`) take it; caches that store
/// anything (nginx WebDAV) do too. Only the few fields Folio needs are encoded, by hand: three
/// nested messages do not justify a protobuf library.
struct ActionRecord: Equatable {
  /// The entry's SHA-256, lower-case hex: its name in the CAS.
  var hash: String
  /// The entry's size in bytes.
  var size: Int

  /// The name of the one output file.
  static let outputPath = "folio-results.json"

  // Field numbers of build.bazel.remote.execution.v2: ActionResult.output_files = 2;
  // OutputFile.path = 1, OutputFile.digest = 2; Digest.hash = 1, Digest.size_bytes = 2.

  /// The record for an entry's bytes.
  init(entry: Data) {
    hash = FieldHasher.hex(SHA256.hash(data: entry))
    size = entry.count
  }

  /// The record a protocol buffer holds; nil when it is not an `ActionResult` with a well-formed
  /// `folio-results.json` output.
  init?(decoding data: Data) {
    guard let fields = Self.fields(of: [UInt8](data)) else { return nil }
    for case (2, .bytes(let file)) in fields {
      guard let fileFields = Self.fields(of: file),
        fileFields.contains(where: { $0.0 == 1 && $0.1 == .bytes(Array(Self.outputPath.utf8)) }),
        case (_, .bytes(let digest))? = fileFields.first(where: { $0.0 == 2 }),
        let digestFields = Self.fields(of: digest),
        case (_, .bytes(let hash))? = digestFields.first(where: { $0.0 == 1 }),
        case (_, .varint(let size))? = digestFields.first(where: { $0.0 == 2 }),
        hash.count == 64, hash.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
        size <= UInt64(Int.max)
      else { continue }
      self.hash = String(decoding: hash, as: UTF8.self)
      self.size = Int(size)
      return
    }
    return nil
  }

  /// The `ActionResult` bytes.
  var encoded: Data {
    var digest: [UInt8] = []
    Self.append(field: 1, bytes: Array(hash.utf8), to: &digest)
    Self.append(key: 2 << 3, to: &digest)
    Self.append(varint: UInt64(size), to: &digest)
    var file: [UInt8] = []
    Self.append(field: 1, bytes: Array(Self.outputPath.utf8), to: &file)
    Self.append(field: 2, bytes: digest, to: &file)
    var result: [UInt8] = []
    Self.append(field: 2, bytes: file, to: &result)
    return Data(result)
  }

  // MARK: - Protocol buffer wire format

  /// A field's value: the two wire types Folio reads; the others are skipped.
  enum Value: Equatable {
    case varint(UInt64)
    case bytes([UInt8])
    case other
  }

  /// A message's fields in order; nil when the bytes are not a well-formed message.
  static func fields(of bytes: [UInt8]) -> [(Int, Value)]? {
    var fields: [(Int, Value)] = []
    var i = 0
    func varint() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while i < bytes.count, shift < 64 {
        let byte = bytes[i]
        i += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 { return value }
        shift += 7
      }
      return nil
    }
    while i < bytes.count {
      guard let key = varint(), key >> 3 > 0, key >> 3 < 1 << 29 else { return nil }
      let field = Int(key >> 3)
      switch key & 7 {
      case 0:
        guard let value = varint() else { return nil }
        fields.append((field, .varint(value)))
      case 1, 5:
        let width = key & 7 == 1 ? 8 : 4
        guard bytes.count - i >= width else { return nil }
        i += width
        fields.append((field, .other))
      case 2:
        guard let length = varint(), length <= UInt64(bytes.count - i) else { return nil }
        fields.append((field, .bytes(Array(bytes[i..<(i + Int(length))]))))
        i += Int(length)
      default: return nil
      }
    }
    return fields
  }

  private static func append(field: Int, bytes: [UInt8], to out: inout [UInt8]) {
    append(key: UInt64(field) << 3 | 2, to: &out)
    append(varint: UInt64(bytes.count), to: &out)
    out += bytes
  }

  private static func append(key: UInt64, to out: inout [UInt8]) { append(varint: key, to: &out) }

  private static func append(varint value: UInt64, to out: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }
}
