// SHA-256 from Debian's OpenSSL (libcrypto's EVP interface): the only file that touches COpenSSL.
import COpenSSL
import Foundation

/// An incremental SHA-256, with value semantics: a copy hashes on independently.
///
/// Every cache key and integrity check of Folio is a SHA-256. The system's libcrypto does it
/// as fast as any library can, and costs nothing to build (swift-crypto compiles BoringSSL's
/// C sources, most of a fresh build's time, for this one function).
struct SHA256 {
  /// The OpenSSL digest context, freed with the last copy that uses it.
  private final class Context {
    let pointer: OpaquePointer

    init() {
      guard let pointer = EVP_MD_CTX_new(), EVP_DigestInit_ex(pointer, EVP_sha256(), nil) == 1 else {
        fatalError("OpenSSL cannot start a SHA-256 digest")
      }
      self.pointer = pointer
    }

    init(copying other: Context) {
      guard let pointer = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(pointer, other.pointer) == 1 else {
        fatalError("OpenSSL cannot copy a SHA-256 digest")
      }
      self.pointer = pointer
    }

    deinit { EVP_MD_CTX_free(pointer) }
  }

  private var context = Context()

  /// A fresh digest.
  init() {}

  /// Hashes `data` after what was hashed before.
  mutating func update<D: DataProtocol>(data: D) {
    if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
    for region in data.regions {
      region.withUnsafeBytes { buffer in
        _ = EVP_DigestUpdate(context.pointer, buffer.baseAddress, buffer.count)
      }
    }
  }

  /// Hashes the UTF-8 of `text` after what was hashed before (no copy of a native string).
  mutating func update(text: String) {
    if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
    var text = text
    text.withUTF8 { buffer in
      _ = EVP_DigestUpdate(context.pointer, buffer.baseAddress, buffer.count)
    }
  }

  /// The digest of everything hashed so far (the hasher can go on afterwards).
  func finalize() -> [UInt8] {
    let copy = Context(copying: context)
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(copy.pointer, &digest, &length) == 1 else {
      fatalError("OpenSSL cannot finish a SHA-256 digest")
    }
    return Array(digest.prefix(Int(length)))
  }

  /// The digest of `data`.
  static func hash<D: DataProtocol>(data: D) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: data)
    return hasher.finalize()
  }
}
