// The `folio` command and its subcommands.
import ArgumentParser
import FolioCore

/// The `folio` command line.
public struct Folio: AsyncParsableCommand {
  /// Command name, abstract and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "folio",
    abstract: "Build a static HTML book whose Swift examples really ran."
  )

  /// Creates the command.
  public init() {}
}
