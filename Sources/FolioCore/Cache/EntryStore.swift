// A build's small cached artefacts (rendered formulas, highlighted snippets) kept in one file.
import Foundation

/// A string-to-string map kept in one file: read once when first used, written once at the end
/// of a build with exactly the entries that build used.
///
/// One file rather than one per entry: a book has hundreds of formulas, and creating a file
/// costs far more than its bytes (a new inode each, and Foundation's atomic write syncs each to
/// disk); a cold build spent more time creating cache files than rendering the formulas. Keeping
/// only the entries the last build used bounds the file by the book.
///
/// The file starts with a SHA-256 of its body: a truncated or damaged file is ignored as a whole
/// (everything is recomputed), never half read. It is replaced with a rename, never in place.
public final class EntryStore: @unchecked Sendable {
  /// The file, or nil for a store that lives only in memory.
  public let file: URL?
  private let lock = NSLock()
  private var loaded: [String: String]?
  private var used: [String: String] = [:]
  private var changed = false

  private static let magic = "folio-entries 1 "

  /// A store kept in `file` (nil: memory only).
  public init(file: URL?) {
    self.file = file
  }

  /// The value for `key`, if the file or this build has one.
  public func value(for key: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    if let value = used[key] { return value }
    guard let value = load()[key] else { return nil }
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

  /// Keeps every entry of the file, used or not, at the next `save()`: for a build that took
  /// some of its output from elsewhere (pages kept whole), whose entries it did not look at but
  /// a later build will.
  public func keepUnused() {
    lock.lock()
    defer { lock.unlock() }
    used.merge(load()) { current, _ in current }
  }

  /// Writes the entries used since the store was opened, if they differ from the file's.
  public func save() {
    lock.lock()
    defer { lock.unlock() }
    guard let file, changed || load().count != used.count else { return }
    var body = Data()
    for key in used.keys.sorted() {
      let value = Data(used[key]!.utf8)
      body.append(Data("\(key)\n\(value.count)\n".utf8))
      body.append(value)
      body.append(0x0A)
    }
    let header = Data((Self.magic + FieldHasher.hex(SHA256.hash(data: body)) + "\n").utf8)
    let fm = FileManager.default
    try? fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let scratch = file.appendingPathExtension("\(getpid()).tmp")
    guard fm.createFile(atPath: scratch.path, contents: header + body) else { return }
    if rename(scratch.path, file.path) != 0 { try? fm.removeItem(at: scratch) }
    loaded = used
    changed = false
  }

  /// The file's entries, read on first use; empty when it is missing or does not check out.
  private func load() -> [String: String] {
    if let loaded { return loaded }
    let entries = file.flatMap { FileManager.default.contents(atPath: $0.path) }.flatMap(Self.parse) ?? [:]
    loaded = entries
    return entries
  }

  /// The entries of a file's bytes, read in place (the C library finds each line's end); nil
  /// unless its header's SHA-256 matches its body and every entry is whole.
  static func parse(_ data: Data) -> [String: String]? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String: String]? in
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
      var entries: [String: String] = [:]
      var position = headerEnd + 1
      while position < end {
        guard let keyEnd = lineEnd(position), let countEnd = lineEnd(keyEnd + 1),
          let count = Int(text(keyEnd + 1, countEnd)), count >= 0
        else { return nil }
        let value = countEnd + 1
        guard value + count < end, bytes[value + count] == 0x0A else { return nil }
        entries[text(position, keyEnd)] = text(value, value + count)
        position = value + count + 1
      }
      return entries
    }
  }
}
