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
  /// Runs `executable` with `arguments`, standard input from /dev/null, standard output and
  /// error into the given files (created or truncated), in its own process group so that a
  /// timeout kills whatever it forked too.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    currentDirectory: URL? = nil, stdout: URL, stderr: URL, timeout: Double? = nil
  ) throws(FolioError) -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out: FileHandle
    let err: FileHandle
    do {
      out = try Self.create(stdout)
      err = stdout == stderr ? out : try Self.create(stderr)
    } catch {
      throw FolioError(.usage, "cannot create \(stdout.path)", underlying: "\(error)")
    }
    defer {
      try? out.close()
      if stdout != stderr { try? err.close() }
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      throw FolioError(.usage, "cannot start \(executable)", underlying: "\(error)")
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
    // Whatever the program forked (a should-fail cell's child) goes with it.
    if getpgid(pid) == pid || timedOut { Glibc.kill(-pid, SIGKILL) }
    switch process.terminationReason {
    case .exit:
      return ProcessOutcome(exitCode: process.terminationStatus, signal: nil, timedOut: timedOut)
    case .uncaughtSignal:
      return ProcessOutcome(exitCode: nil, signal: process.terminationStatus, timedOut: timedOut)
    @unknown default:
      return ProcessOutcome(exitCode: nil, signal: nil, timedOut: timedOut)
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

  /// Finds a program on the PATH.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
