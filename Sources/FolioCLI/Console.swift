// Where the commands print: diagnostics and progress on stderr, and the one place errors
// become exit codes.
import ArgumentParser
import FolioCore
import Foundation

/// Printing and exit codes, shared by the commands.
package enum Console {
  /// Writes a line to standard error.
  package static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Prints diagnostics compiler-style, sorted by place, and as GitHub annotations when
  /// `GITHUB_ACTIONS=true`.
  static func report(_ diagnostics: [Diagnostic]) {
    let github = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
    for diagnostic in diagnostics.sorted(by: { $0.location < $1.location }) {
      error(diagnostic.description)
      if github { print(diagnostic.githubAnnotation) }
    }
  }

  /// The exit code for an error: 1 for a broken promise, 2 when the tool could not run on this
  /// input or machine, 3 for a fault in Folio itself.
  static func exitCode(for error: FolioError) -> ExitCode {
    switch error.kind {
    case .book: ExitCode(1)
    case .input, .environment: ExitCode(2)
    case .internal: ExitCode(3)
    }
  }

  /// Runs a command body, printing a FolioError and turning it into its exit code.
  package static func run(_ body: () throws(FolioError) -> Void) throws(ExitCode) {
    do {
      try body()
    } catch {
      Console.error(error.description)
      throw exitCode(for: error)
    }
  }

  /// A progress printer for long work.
  package static let progress: @Sendable (String) -> Void = { line in Console.error(line) }
}
