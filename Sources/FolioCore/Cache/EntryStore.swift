// A build's small cached artefacts (rendered formulas, highlighted snippets) kept in one file.
import Foundation

/// A string-to-string map kept in one file: read once when first used, written once at the end
/// of a build with exactly the entries that build used.
///
/// One file rather than one per entry: a book has hundreds of formulas, and creating a file
/// costs far more than its bytes (a new inode each, and Foundation's atomic write syncs each to
/// disk); a cold build spent more time creating cache files than rendering the formulas. Keeping
/// only the entries the last build used bounds the file by the book. A build that keeps entries
/// it did not look at (``keepUnused()``) ages them: an entry no build has used for
/// ``oldestKept`` writes of the file goes, so a long series of edits to one page while the
/// others are kept does not grow the file without bound.
///
/// The file starts with a SHA-256 of its body: a truncated or damaged file is ignored as a whole
/// (everything is recomputed), never half read. It is replaced with a rename, never in place.
public final class EntryStore: @unchecked Sendable {
  /// The file, or nil for a store that lives only in memory.
  public let file: URL?
  private let lock = NSLock()
  private var loaded: [String: Entry]?
  private var used: [String: String] = [:]
  private var changed = false
  private var keepsUnused = false

  /// An entry as the file holds it: its value, and how many writes of the file it has been kept
  /// through without a build using it.
  struct Entry: Equatable {
    var value: String
    var age: Int
  }

  private static let magic = "folio-entries 1 "

  /// How many writes of the file an entry no build uses is kept through.
  static let oldestKept = 30

  /// A store kept in `file` (nil: memory only).
  public init(file: URL?) {
    self.file = file
  }

  /// The value for `key`, if the file or this build has one.
  public func value(for key: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let value = used[key] { return value }
    guard let value = load()[key]?.value else { return nil }
    used[key] = value
    return value
  }

  /// Records `value` for `key`.
  public func store(_ value: String, for key: String) {
    lock.lock()
    defer { lock.unlock() }
    if used[key] != value { changed = true }
    used[key] = value
  }

  /// Keeps the entries of the file this build did not use at the next `save()`, one write
  /// older: for a build that took some of its output from elsewhere (pages kept whole), whose
  /// entries it did not look at but a later build will.
  public func keepUnused() {
    lock.lock()
    defer { lock.unlock() }
    keepsUnused = true
  }

  /// Writes the entries used since the store was opened (and, after `keepUnused()`, the unused
  /// ones not yet too old), if that changes the file.
  public func save() {
    lock.lock()
    defer { lock.unlock() }
    guard let file else { return }
    let before = load()
    // Nothing new and nothing to drop: the file stays as it is (and its entries no older).
    guard changed || (!keepsUnused && before.count != used.count) else { return }
    var entries = used.mapValues { Entry(value: $0, age: 0) }
    if keepsUnused {
      for (key, entry) in before where entries[key] == nil && entry.age < Self.oldestKept {
        entries[key] = Entry(value: entry.value, age: entry.age + 1)
      }
    }
    var body = Data()
    for key in entries.keys.sorted() {
      let entry = entries[key]!
      let value = Data(entry.value.utf8)
      body.append(Data("\(key)\n\(value.count)\(entry.age > 0 ? " \(entry.age)" : "")\n".utf8))
      body.append(value)
      body.append(0x0A)
    }
    let header = Data((Self.magic + FieldHasher.hex(SHA256.hash(data: body)) + "\n").utf8)
    let fm = FileManager.default
    try? fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let scratch = file.appendingPathExtension("\(getpid()).tmp")
    guard fm.createFile(atPath: scratch.path, contents: header + body) else { return }
    if rename(scratch.path, file.path) != 0 { try? fm.removeItem(at: scratch) }
    loaded = entries
    changed = false
  }

  /// The file's entries, read on first use; empty when it is missing or does not check out.
  private func load() -> [String: Entry] {
    if let loaded { return loaded }
    let entries =
      file.flatMap { FileManager.default.contents(atPath: $0.path) }.flatMap(Self.parseEntries) ?? [:]
    loaded = entries
    return entries
  }

  /// The values of a file's entries; nil unless the file checks out (see ``parseEntries(_:)``).
  static func parse(_ data: Data) -> [String: String]? {
    parseEntries(data)?.mapValues(\.value)
  }

  /// The entries of a file's bytes, read in place (the C library finds each line's end); nil
  /// unless its header's SHA-256 matches its body and every entry is whole. Each entry is its
  /// key's line, a line with its value's length in bytes (and its age, when it has one), the
  /// value and a newline.
  static func parseEntries(_ data: Data) -> [String: Entry]? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String: Entry]? in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let base = bytes.baseAddress else { return nil }
      let end = bytes.count
      /// Where the line starting at `start` ends (its newline), if it does.
      func lineEnd(_ start: Int) -> Int? {
        guard start < end, let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
      }
      func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
      }
      guard let headerEnd = lineEnd(0) else { return nil }
      let header = text(0, headerEnd)
      guard header.hasPrefix(magic) else { return nil }
      let body = UnsafeRawBufferPointer(rebasing: raw[(headerEnd + 1)...])
      guard header.dropFirst(magic.count) == FieldHasher.hex(SHA256.hash(data: body)) else { return nil }
      var entries: [String: Entry] = [:]
      var position = headerEnd + 1
      while position < end {
        guard let keyEnd = lineEnd(position), let countEnd = lineEnd(keyEnd + 1) else { return nil }
        let numbers = text(keyEnd + 1, countEnd).split(separator: " ", omittingEmptySubsequences: false)
        guard numbers.count <= 2, let count = Int(numbers[0]), count >= 0,
          let age = numbers.count == 2 ? Int(numbers[1]) : 0, age >= 0
        else { return nil }
        let value = countEnd + 1
        guard value + count < end, bytes[value + count] == 0x0A else { return nil }
        entries[text(position, keyEnd)] = Entry(value: text(value, value + count), age: age)
        position = value + count + 1
      }
      return entries
    }
  }
}
