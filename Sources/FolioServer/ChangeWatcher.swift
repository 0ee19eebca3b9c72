// Notices edits by polling modification times: portable, and cheap for a book-sized tree.
import FolioCore
import Foundation

/// Snapshots the size and modification time of every file under some paths and says when the
/// snapshot changes.
public struct ChangeWatcher: Sendable {
  /// A file's identity for change detection.
  struct Stamp: Equatable, Sendable {
    var modified: Double
    var size: Int
  }

  /// Files and folders watched (folders recursively; missing paths are fine).
  public let paths: [URL]
  private var last: [String: Stamp]

  /// Starts watching `paths`, taking the first snapshot now.
  public init(paths: [URL]) {
    self.paths = paths
    self.last = Self.snapshot(paths)
  }

  /// Takes a new snapshot; returns the paths added, removed or changed since the last one.
  public mutating func poll() -> [String] {
    let now = Self.snapshot(paths)
    guard now != last else { return [] }
    var changed: [String] = []
    for (path, stamp) in now where last[path] != stamp { changed.append(path) }
    for path in last.keys where now[path] == nil { changed.append(path) }
    last = now
    return changed.sorted()
  }

  static func snapshot(_ paths: [URL]) -> [String: Stamp] {
    let fm = FileManager.default
    var stamps: [String: Stamp] = [:]
    func add(_ path: String) {
      guard let status = FileStatus.of(path), status.kind == .regular else { return }
      stamps[path] = Stamp(modified: status.modified, size: status.size)
    }
    for url in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
      guard isDirectory.boolValue else {
        add(url.path)
        continue
      }
      guard let names = fm.subpaths(atPath: url.path) else { continue }
      for name in names where !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        add(url.appendingPathComponent(name).path)
      }
    }
    return stamps
  }
}
