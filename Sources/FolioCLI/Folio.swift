// The `folio` command and its subcommands.
import ArgumentParser
import FolioCore
import Foundation

/// The `folio` command line.
public struct Folio: ParsableCommand {
  /// Command name, abstract and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "folio",
    abstract: "Build a static HTML book whose Swift examples really ran.",
    version: "0.1.0",
    subcommands: [
      InitCommand.self, BuildCommand.self, CheckCommand.self, CleanCommand.self, ServeCommand.self,
    ],
    defaultSubcommand: BuildCommand.self
  )

  /// Creates the command.
  public init() {}

  /// Parses the arguments and runs the command. Bad arguments exit with status 2, like every
  /// other case of "the tool could not run", rather than ArgumentParser's 64; help and every
  /// other outcome keep ArgumentParser's handling.
  public static func main() { runCommandLine(Folio.self) }

  /// `command` as the root of a command line (`folio`, `folio-serve`), with `main`'s exit codes.
  package static func runCommandLine<Command: ParsableCommand>(_ command: Command.Type) {
    do {
      var parsed = try command.parseAsRoot()
      try parsed.run()
    } catch {
      if command.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      command.exit(withError: error)
    }
  }
}
