// One-time preparation of a chapter program's process before its first cell runs.
#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Makes a chapter program safe to cut into cells and safe to run unattended.
enum ProcessSetup {
  /// The largest file a chapter program may write (its stdout included): 256 MiB.
  static let maximumFileSize: UInt64 = 256 << 20

  /// Line-buffers stdout (a trap loses at most a partial line), caps file sizes so a cell
  /// printing forever cannot fill the disk, and ignores SIGXFSZ so hitting the cap makes
  /// writes fail instead of killing the program silently.
  static func prepare() {
    setvbuf(stdout, nil, _IOLBF, 0)
    var limit = rlimit()
    #if os(Linux)
      let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
    #else
      let resource = RLIMIT_FSIZE
    #endif
    if getrlimit(resource, &limit) == 0 {
      let cap = rlim_t(maximumFileSize)
      // RLIM_INFINITY is the largest value, so it is simply "more than the cap".
      if limit.rlim_cur > cap {
        limit.rlim_cur = min(cap, limit.rlim_max)
        _ = setrlimit(resource, &limit)
      }
    }
    _ = signal(SIGXFSZ, SIG_IGN)
  }
}
