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
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
