// Write stage: puts the rendered files on disk so that a failed or killed build loses nothing.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the site folder.
///
/// The new site is assembled in a hidden folder beside the old one (unchanged files are
/// hard-linked, not rewritten) and the two are swapped with one atomic `renameat2` exchange:
/// whenever the process dies, `site/` is either the old site or the new one, whole.
public struct SiteWriter: Sendable {
  /// What a write did.
  public struct Summary: Sendable, Hashable {
    /// Files whose bytes changed or that are new.
    public var written: Int
    /// Files left as they were.
    public var unchanged: Int
    /// Files of the old site that are gone (a removed chapter's page).
    public var removed: Int
  }

  /// Creates a writer.
  public init() {}

  /// Makes `output` hold exactly `files`.
  public func write(_ files: [SiteFile], to output: URL) throws(FolioError) -> Summary {
    let fm = FileManager.default
    let parent = output.deletingLastPathComponent()
    let name = output.lastPathComponent
    removeLeftovers(in: parent, name: name)
    let old = FileStatus.files(below: output)
    // A file is unchanged when its size is and then its bytes are: read once, only then.
    let kept = Set(
      files.compactMap { file -> String? in
        guard let existing = old[file.path], existing.size == file.contents.count,
          fm.contents(atPath: existing.url.path) == file.contents
        else { return nil }
        return file.path
      })
    let unchanged = kept.count
    let written = files.count - unchanged
    let removed = Set(old.keys).subtracting(files.map(\.path)).count
    if written == 0 && removed == 0 && !old.isEmpty {
      return Summary(written: 0, unchanged: unchanged, removed: 0)
    }

    let staging = parent.appendingPathComponent(".\(name).new-\(UUID().uuidString)")
    try? fm.removeItem(at: staging)
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: true)
      var folders: Set<String> = [staging.path]
      for file in files {
        let target = staging.appendingPathComponent(file.path)
        let folder = target.deletingLastPathComponent()
        if folders.insert(folder.path).inserted {
          try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        if kept.contains(file.path), let existing = old[file.path], link(existing.url.path, target.path) == 0
        {
          continue
        }
        guard fm.createFile(atPath: target.path, contents: file.contents) else {
          throw FolioError(.environment, "cannot write \(target.path)")
        }
      }
    } catch let error as FolioError {
      try? fm.removeItem(at: staging)
      throw error
    } catch {
      try? fm.removeItem(at: staging)
      throw FolioError(.environment, "cannot write the site into \(parent.path)", underlying: "\(error)")
    }
    if fm.fileExists(atPath: output.path) {
      guard Self.exchange(staging, output) else {
        try? fm.removeItem(at: staging)
        throw FolioError(
          .environment, "cannot swap the new site into \(output.path)",
          underlying: String(cString: strerror(errno))
        )
      }
      try? fm.removeItem(at: staging)  // now the old site
    } else {
      do {
        try fm.moveItem(at: staging, to: output)
      } catch {
        throw FolioError(.environment, "cannot move the new site to \(output.path)", underlying: "\(error)")
      }
    }
    return Summary(written: written, unchanged: unchanged, removed: removed)
  }

  /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`, looked up at run
  /// time because Swift's Glibc module does not declare it.
  static func exchange(_ a: URL, _ b: URL) -> Bool {
    typealias RenameAt2 =
      @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    guard let symbol = dlsym(nil, "renameat2") else { return false }
    let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
    let renameExchange: UInt32 = 1 << 1
    return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0
  }

  /// Removes staging folders a killed build left behind.
  private func removeLeftovers(in parent: URL, name: String) {
    let fm = FileManager.default
    guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries where entry.hasPrefix(".\(name).new-") {
      try? fm.removeItem(at: parent.appendingPathComponent(entry))
    }
  }

  /// Every regular file below `root`, by path relative to it (`/`-separated).
  static func listFiles(_ root: URL) -> [String: URL] {
    FileStatus.files(below: root).mapValues(\.url)
  }
}
