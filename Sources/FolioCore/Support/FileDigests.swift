// The SHA-256 of source files, remembered by their size and modification time.
import Foundation

/// The digests of files an earlier build read, kept in one small file by each file's path, size
/// and modification time (with the file system's nanoseconds), as make and SwiftPM decide what
/// changed: a build reads and hashes only the files whose status moved. Every build keys the
/// book's libraries by their sources, so this spares reading them all each time.
final class FileDigests: @unchecked Sendable {
  private struct Entry: Codable, Equatable {
    var size: Int
    var modified: Double
    var digest: String
  }

  private let file: URL?
  private let lock = NSLock()
  private var known: [String: Entry]
  private var used: [String: Entry] = [:]

  /// The digests kept in `file` (nil: none kept, every file is read).
  init(file: URL?) {
    self.file = file
    known =
      file.flatMap { FileManager.default.contents(atPath: $0.path) }
      .flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) } ?? [:]
  }

  /// The SHA-256 (hex) of the file at `url`, whose status the caller just read.
  func digest(of url: URL, size: Int, modified: Double) throws(FolioError) -> String {
    let path = url.path
    lock.lock()
    defer { lock.unlock() }
    if let entry = known[path], entry.size == size, entry.modified == modified {
      used[path] = entry
      return entry.digest
    }
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw FolioError(.environment, "cannot read \(path)")
    }
    let entry = Entry(size: size, modified: modified, digest: FieldHasher.hex(SHA256.hash(data: bytes)))
    used[path] = entry
    return entry.digest
  }

  /// Keeps the digests used since the file was read, when they differ from it.
  func save() {
    lock.lock()
    defer { lock.unlock() }
    guard let file, used != known, let data = try? JSONEncoder().encode(used) else { return }
    try? FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? data.write(to: file, options: .atomic)
    known = used
  }
}
