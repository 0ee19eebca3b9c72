// Which chapters one CI runner checks when `folio check --shard I/N` splits a book.
import Foundation

/// Shard `index` of `count`: the chapters whose path hashes to it.
///
/// A chapter belongs to shard `SHA-256(path) mod count` (+1), its path relative to the book
/// (`chapters/01-norms.md`). The hash is a fixed function of the path alone, never Swift's
/// per-process seeded `Hasher`, so every runner and every release agrees, and adding, removing
/// or renaming a chapter moves no other chapter to another shard. Shards are only about even
/// in chapters (a hash spreads a large book well, a book of three chapters less so).
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The shard's number, 1-based.
  public var index: Int
  /// How many shards the book is split into.
  public var count: Int

  /// Shard `index` of `count`; nil unless 1 ≤ index ≤ count.
  public init?(index: Int, count: Int) {
    guard count >= 1, (1...count).contains(index) else { return nil }
    self.index = index
    self.count = count
  }

  /// Parses the command line's `I/N` (`2/4`); nil unless 1 ≤ I ≤ N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let index = Int(parts[0]), let count = Int(parts[1])
    else { return nil }
    self.init(index: index, count: count)
  }

  /// `I/N`, as the command line takes it.
  public var description: String { "\(index)/\(count)" }

  /// Whether the chapter at `path` (relative to the book) is this shard's.
  public func contains(_ path: String) -> Bool { Self.index(of: path, count: count) == index }

  /// The 1-based shard of `count` the chapter at `path` belongs to: the first eight bytes of
  /// the path's SHA-256, as a big-endian number, modulo `count`, plus one.
  public static func index(of path: String, count: Int) -> Int {
    let digest = SHA256.hash(data: Data(path.utf8))
    let number = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Int(number % UInt64(max(count, 1))) + 1
  }

  private enum CodingKeys: String, CodingKey { case index, count }

  /// Decodes `{"index": I, "count": N}`, refusing a shard outside 1 ≤ I ≤ N.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let index = try container.decode(Int.self, forKey: .index)
    let count = try container.decode(Int.self, forKey: .count)
    guard let shard = Shard(index: index, count: count) else {
      throw DecodingError.dataCorruptedError(
        forKey: .index, in: container, debugDescription: "shard \(index)/\(count) is not 1 ≤ I ≤ N")
    }
    self = shard
  }
}
