// An advisory lock on a file (flock), so two folio processes never write the same folder at once.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive `flock` held until `release()` or process exit (the kernel drops it even after `kill -9`).
final class FileLock: @unchecked Sendable {
  private var descriptor: Int32

  /// Takes the lock on `url`, creating the file. With `wait: false`, returns nil when another
  /// process holds it.
  init(_ url: URL, wait: Bool) throws(FolioError) {
    descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw FolioError(
        .environment, "cannot open the lock file \(url.path)", underlying: String(cString: strerror(errno)))
    }
    if flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      close(descriptor)
      descriptor = -1
      throw FolioError(
        .environment,
        "another folio build is using \(url.deletingLastPathComponent().path); try again when it ends"
      )
    }
  }

  /// Drops the lock.
  func release() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
