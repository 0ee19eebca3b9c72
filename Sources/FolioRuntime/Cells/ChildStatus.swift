// How a forked `should-fail` child ended, in the words the page shows.
import FolioProtocol

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The end of a `should-fail` cell's child process: by signal or by exit code.
enum ChildStatus: Equatable {
  /// Killed by this signal (a trap is SIGILL or SIGTRAP).
  case signal(Int32)
  /// Exited with this code.
  case exit(Int32)

  /// The exit code a child uses to say "the cell ran to its end".
  static let survivedCode: Int32 = 86

  /// Decodes a `waitpid` status word.
  init(waitStatus status: Int32) {
    let signal = status & 0x7F
    if signal == 0 {
      self = .exit((status >> 8) & 0xFF)
    } else {
      self = .signal(signal)
    }
  }

  /// `failed` when the cell trapped or exited non-zero, `survived` when it ran to its end.
  var outcome: ShouldFailOutcome {
    switch self {
    case .signal: .failed
    case .exit(let code): code == 0 || code == ChildStatus.survivedCode ? .survived : .failed
    }
  }

  /// `signal 4 (SIGILL)`, `exit 3`, or `completed` when the cell ran to its end.
  var text: String {
    switch self {
    case .signal(let number):
      let name = ChildStatus.signalNames[number].map { " (\($0))" } ?? ""
      return "signal \(number)\(name)"
    case .exit(let code):
      return code == ChildStatus.survivedCode ? "completed" : "exit \(code)"
    }
  }

  private static let signalNames: [Int32: String] = [
    SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
    SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGUSR1: "SIGUSR1",
    SIGSEGV: "SIGSEGV", SIGUSR2: "SIGUSR2", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
    SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
  ]
}
