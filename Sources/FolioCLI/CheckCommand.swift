// `folio check`: prove every example still runs and prints what the page says.
import ArgumentParser
import FolioCore
import Foundation

/// Checks the book's promises.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Exit 0 only if every cell runs as declared and prints what the page says.",
    discussion: """
      Fails when a cell does not compile or traps (unless declared so), a declared failure does not \
      fail, an expected output differs, an internal link or anchor is broken, or the site folder \
      differs from a fresh build. Exit codes: 0 all good, 1 a promise broken, 2 the tool could not run.
      """)

  @OptionGroup var book: BookOptions

  @Flag(help: "Write the actual outputs into the expected blocks, then rebuild the site.")
  var update = false

  @Option(
    help: ArgumentHelp("Chapter programs compiled and run at once (default: one per core).", valueName: "N"))
  var jobs: Int?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    var succeeded = true
    try Console.run { () throws(FolioError) in
      let options = book.options {
        $0.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        $0.progress = Console.progress
      }
      let report = try BookChecker().check(options, update: update)
      for file in report.updatedFiles { Console.error("updated \(file)") }
      Console.report(report.diagnostics)
      print(report.summaryLine)
      succeeded = report.succeeded
    }
    if !succeeded { throw ExitCode(1) }
  }
}
