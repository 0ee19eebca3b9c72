// A file's kind, size and modification time from one stat(2) call.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What `stat(2)` says of a path: its kind, size and modification time.
///
/// FileManager's `attributesOfItem` also looks up the owner's and group's names, which reads
/// `/etc/nsswitch.conf`, `/etc/passwd` and `/etc/group` on every call; a build that checks
/// fifty files, or a watcher polling a book's tree three times a second, pays that fifty times.
public struct FileStatus: Equatable, Sendable {
  /// The kinds of file the engine tells apart.
  public enum Kind: Sendable { case regular, directory, other }

  /// Regular file, directory or anything else (a FIFO, a device, a socket).
  public var kind: Kind
  /// Size in bytes.
  public var size: Int
  /// Modification time in seconds since 1970, with the file system's nanoseconds.
  public var modified: Double

  /// The status of `path`, following symbolic links (`lstat` when `followingLinks` is false);
  /// nil when there is nothing there or it cannot be read.
  public static func of(_ path: String, followingLinks: Bool = true) -> FileStatus? {
    var info = stat()
    guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
    let kind: Kind =
      switch info.st_mode & S_IFMT {
      case S_IFREG: .regular
      case S_IFDIR: .directory
      default: .other
      }
    let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    return FileStatus(kind: kind, size: Int(info.st_size), modified: modified)
  }

  /// Every regular file below `root`, by path relative to it (`/`-separated), with its size and
  /// modification time; symbolic links are not followed. Read with `readdir` and `lstat`:
  /// the up-to-date check and the package's key run this on every build, and Foundation's URL
  /// resource values cost several times more.
  public static func files(below root: URL) -> [String: (url: URL, size: Int, modified: Double)] {
    var files: [String: (url: URL, size: Int, modified: Double)] = [:]
    func walk(_ directory: String, _ relative: String) {
      guard let handle = opendir(directory) else { return }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        let path = directory + "/" + name
        let key = relative.isEmpty ? name : relative + "/" + name
        guard let status = of(path, followingLinks: false) else { continue }
        switch status.kind {
        case .directory: walk(path, key)
        case .regular: files[key] = (URL(fileURLWithPath: path), status.size, status.modified)
        case .other: continue
        }
      }
    }
    walk(root.standardizedFileURL.path, "")
    return files
  }

}
