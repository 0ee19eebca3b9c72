// `folio check`: prove every example still runs and prints what the page says.
import ArgumentParser
import FolioCore
import Foundation

/// Checks the book's promises.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Exit 0 only if every cell runs as declared and prints what the page says.")

  @OptionGroup var book: BookOptions

  @Flag(help: "Write the actual outputs into the expected blocks, then rebuild the site.")
  var update = false

  func run() throws {
    Console.error("folio check: not built yet")
    throw ExitCode(2)
  }
}
