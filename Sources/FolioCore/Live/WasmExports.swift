// A WebAssembly module's exports, chosen and renamed: one cell's module cut from the batch's.
import Foundation

/// Rewrites the export section of a linked WebAssembly module (binary format 1, section 7), the
/// other sections byte for byte. The book's live cells are linked as one module, every cell's
/// entry exported (`folio_run_<n>`); each cell's module keeps its own entry, renamed to what the
/// page calls, and `wasm-opt` then removes what no export reaches.
///
/// Written here rather than taken from a package: it is one section of a format that has not
/// changed since 2017, and binaryen's tools can drop exports (`wasm-metadce`) but not rename them.
enum WasmExports {
  /// `module` with each export renamed to `rename(name)`, or left out where that is nil, in their
  /// original order, and the names it then exports; nil when `module` is not a WebAssembly module.
  static func rewriting(_ module: Data, _ rename: (String) -> String?) -> (module: Data, exports: [String])? {
    let bytes = [UInt8](module)
    guard bytes.count >= 8, bytes[0..<4].elementsEqual([0x00, 0x61, 0x73, 0x6D]) else { return nil }
    var output = Array(bytes[0..<8])
    var reader = Reader(bytes: bytes, at: 8)
    var names: [String] = []
    while reader.at < bytes.count {
      guard let id = reader.byte(), let size = reader.unsigned(), reader.at + Int(size) <= bytes.count else {
        return nil
      }
      let end = reader.at + Int(size)
      guard id == 7 else {
        output.append(id)
        output += Self.unsigned(size)
        output += bytes[reader.at..<end]
        reader.at = end
        continue
      }
      guard let count = reader.unsigned() else { return nil }
      var entries: [UInt8] = []
      var keptCount: UInt64 = 0
      for _ in 0..<count {
        guard let length = reader.unsigned(), reader.at + Int(length) <= end else { return nil }
        let name = String(decoding: bytes[reader.at..<reader.at + Int(length)], as: UTF8.self)
        reader.at += Int(length)
        let descriptor = reader.at
        guard reader.byte() != nil, reader.unsigned() != nil, reader.at <= end else { return nil }
        guard let renamed = rename(name) else { continue }
        names.append(renamed)
        keptCount += 1
        entries += Self.unsigned(UInt64(renamed.utf8.count)) + Array(renamed.utf8)
        entries += bytes[descriptor..<reader.at]
      }
      guard reader.at == end else { return nil }
      let payload = Self.unsigned(keptCount) + entries
      output.append(id)
      output += Self.unsigned(UInt64(payload.count))
      output += payload
    }
    return (Data(output), names)
  }

  /// `value` in unsigned LEB128, as short as it goes.
  static func unsigned(_ value: UInt64) -> [UInt8] {
    var value = value
    var encoded: [UInt8] = []
    repeat {
      var byte = UInt8(value & 0x7F)
      value >>= 7
      if value != 0 { byte |= 0x80 }
      encoded.append(byte)
    } while value != 0
    return encoded
  }

  /// Reads bytes and unsigned LEB128 numbers from `bytes`, advancing `at`; nil past the end.
  private struct Reader {
    let bytes: [UInt8]
    var at: Int

    mutating func byte() -> UInt8? {
      guard at < bytes.count else { return nil }
      defer { at += 1 }
      return bytes[at]
    }

    mutating func unsigned() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while let byte = byte() {
        guard shift < 64 else { return nil }
        value |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 { return value }
        shift += 7
      }
      return nil
    }
  }
}
