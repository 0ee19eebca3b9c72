// The `folio` command and its subcommands.
import ArgumentParser
import FolioCore

/// The `folio` command line.
public struct Folio: ParsableCommand {
  /// Command name, abstract and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "folio",
    abstract: "Build a static HTML book whose Swift examples really ran.",
    subcommands: [BuildCommand.self, CheckCommand.self, CleanCommand.self, ServeCommand.self],
    defaultSubcommand: BuildCommand.self
  )

  /// Creates the command.
  public init() {}
}
