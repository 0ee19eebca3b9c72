// Runs a child process with files for its standard streams, a closed standard input and a time limit.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How a child process ended.
public struct ProcessOutcome: Sendable, Hashable {
  /// The exit status, when it exited.
  public var exitCode: Int32?
  /// The signal that ended it, when one did.
  public var signal: Int32?
  /// Whether it was killed for running past its time limit.
  public var timedOut: Bool

  /// Whether it exited with status 0.
  public var succeeded: Bool { exitCode == 0 && !timedOut }

  /// `exit 3`, `signal 4 (SIGILL)`, or `timed out`.
  public var summary: String {
    if timedOut { return "timed out" }
    if let exitCode { return "exit \(exitCode)" }
    if let signal { return "signal \(signal)\(Self.signalNames[signal].map { " (\($0))" } ?? "")" }
    return "unknown"
  }

  static let signalNames: [Int32: String] = [
    4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV",
    13: "SIGPIPE", 15: "SIGTERM", 25: "SIGXFSZ",
  ]
}

/// Starts programs and waits for them, killing them at a deadline.
enum ProcessRunner {
  /// Runs `executable` with `arguments`, standard input from `stdin` (default /dev/null),
  /// standard output and error into the given files (created or truncated), in its own process
  /// group so that a timeout kills whatever it forked too. Files rather than pipes: nothing can
  /// fill up and block, and both streams survive a kill.
  ///
  /// With `sweep`, nothing the program started may outlive it, even in a process group of its
  /// own (Foundation's `Process` gives every child one): each descendant inherits a marker in its
  /// environment, and every process still carrying it when the program ends is killed.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    currentDirectory: URL? = nil, stdin: URL? = nil, stdout: URL, stderr: URL, timeout: Double? = nil,
    sweep: Bool = false
  ) throws(FolioError) -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let marker = sweep ? "\(Self.markerVariable)=\(UUID().uuidString)" : nil
    if let marker {
      var inherited = environment ?? ProcessInfo.processInfo.environment
      inherited[Self.markerVariable] = String(marker.dropFirst(Self.markerVariable.count + 1))
      process.environment = inherited
    } else if let environment {
      process.environment = environment
    }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out: FileHandle
    let err: FileHandle
    do {
      out = try Self.create(stdout)
      err = stdout == stderr ? out : try Self.create(stderr)
    } catch {
      throw FolioError(.environment, "cannot create \(stdout.path)", underlying: "\(error)")
    }
    defer {
      try? out.close()
      if stdout != stderr { try? err.close() }
    }
    if let stdin {
      guard let input = FileHandle(forReadingAtPath: stdin.path) else {
        throw FolioError(.environment, "cannot read \(stdin.path)")
      }
      process.standardInput = input
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      throw FolioError(.environment, "cannot start \(executable)", underlying: "\(error)")
    }
    let pid = process.processIdentifier
    var timedOut = false
    if let timeout {
      if finished.wait(timeout: .now() + timeout) == .timedOut {
        timedOut = true
        Self.kill(pid)
        finished.wait()
      }
    } else {
      finished.wait()
    }
    // Whatever the program forked (a should-fail cell's child, a background process) goes with
    // it. The group outlives its leader, and its id cannot be reused while any member lives, so
    // this is safe even though the leader has been reaped (when nothing is left: ESRCH).
    Glibc.kill(-pid, SIGKILL)
    if let marker { Self.killProcesses(carrying: marker) }
    switch process.terminationReason {
    case .exit:
      return ProcessOutcome(exitCode: process.terminationStatus, signal: nil, timedOut: timedOut)
    case .uncaughtSignal:
      return ProcessOutcome(exitCode: nil, signal: process.terminationStatus, timedOut: timedOut)
    @unknown default:
      return ProcessOutcome(exitCode: nil, signal: nil, timedOut: timedOut)
    }
  }

  /// The environment variable that marks a program's descendants for the sweep.
  static let markerVariable = "FOLIO_RUN"

  /// Kills every process whose environment holds `marker` (`NAME=value`), with its group.
  static func killProcesses(carrying marker: String) {
    let wanted = Array(marker.utf8)
    let me = getpid()
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
    for entry in entries {
      guard let pid = Int32(entry), pid != me,
        let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
      else { continue }
      let found = environ.split(separator: 0).contains { $0.elementsEqual(wanted) }
      guard found else { continue }
      if getpgid(pid) == pid { Glibc.kill(-pid, SIGKILL) }
      Glibc.kill(pid, SIGKILL)
    }
  }

  private static func kill(_ pid: Int32) {
    if getpgid(pid) == pid { Glibc.kill(-pid, SIGKILL) }
    Glibc.kill(pid, SIGKILL)
  }

  private static func create(_ url: URL) throws -> FileHandle {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown)
    }
    return try FileHandle(forWritingTo: url)
  }

  /// The first of `names` found on the PATH, directory by directory.
  static func which(_ names: String...) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      for name in names {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }
}
