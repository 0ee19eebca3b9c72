// Running a `should-fail` cell in a forked child, so its trap does not end the chapter.
import FolioProtocol

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Starts `should-fail` cell `cell`: forks, and returns `true` in the child, which runs the cell.
///
/// The parent waits for the child, writes the `shouldFail` record (`failed` when the child
/// trapped or exited non-zero, `survived` when the cell ran to its end) and returns `false`,
/// so the program carries on with the state it had before the cell. Stdout is flushed before
/// forking so nothing buffered is printed twice.
public func __folio_shouldFailBegin(_ cell: Int) -> Bool {
  let channel = ControlChannel.shared
  fflush(nil)
  let pid = fork()
  if pid == 0 {
    channel.setCurrentCell(cell)
    return true
  }
  if pid < 0 {
    let reason = String(cString: strerror(errno))
    channel.record(.shouldFail, cell: cell, outcome: .error, status: "fork failed: \(reason)")
    return false
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 {
    if errno != EINTR {
      channel.record(.shouldFail, cell: cell, outcome: .error, status: "waitpid failed")
      return false
    }
  }
  let child = ChildStatus(waitStatus: status)
  channel.record(.shouldFail, cell: cell, outcome: child.outcome, status: child.text)
  return false
}

/// Reached only when a `should-fail` cell ran to its end: the child flushes and exits with
/// the distinct status 86, which the parent reports as `survived`.
public func __folio_shouldFailSurvived(_ cell: Int) -> Never {
  _ = cell
  fflush(nil)
  _exit(ChildStatus.survivedCode)
}
