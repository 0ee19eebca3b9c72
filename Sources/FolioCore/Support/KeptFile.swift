// One file kept between builds in a slot of its own, with the key of what it was made from.
import Foundation

/// A file kept between builds under the key of what it was made from: a compiled chapter
/// program, a live cell's WebAssembly module. A slot holds one file (the latest), so what is
/// kept is bounded by the book, not by its history.
///
/// The key is written after the file, and removed before it is replaced: a slot never names a
/// file it does not hold.
struct KeptFile {
  /// The slot's folder.
  var slot: URL
  /// The file's name in it.
  var name: String

  private var file: URL { slot.appendingPathComponent(name) }
  private var keyFile: URL { slot.appendingPathComponent("key") }

  /// The file, when the slot holds one made from `key`.
  func url(for key: String) -> URL? {
    guard (try? String(contentsOf: keyFile, encoding: .utf8)) == key,
      FileManager.default.fileExists(atPath: file.path)
    else { return nil }
    return file
  }

  /// Keeps a copy of `source` (or `bytes`) as the file made from `key`; quietly keeps nothing
  /// when the slot cannot be written (the next build makes the file again).
  func keep(copyOf source: URL? = nil, bytes: Data? = nil, key: String) {
    let fm = FileManager.default
    try? fm.removeItem(at: keyFile)
    try? fm.createDirectory(at: slot, withIntermediateDirectories: true)
    let scratch = slot.appendingPathComponent("\(name).\(getpid()).tmp")
    try? fm.removeItem(at: scratch)
    let written: Bool
    if let source {
      written = (try? fm.copyItem(at: source, to: scratch)) != nil
    } else {
      written = fm.createFile(atPath: scratch.path, contents: bytes ?? Data())
    }
    guard written, rename(scratch.path, file.path) == 0 else {
      try? fm.removeItem(at: scratch)
      return
    }
    try? Data(key.utf8).write(to: keyFile, options: .atomic)
  }
}
