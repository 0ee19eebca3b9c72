// Options every subcommand shares.
import ArgumentParser
import Foundation

/// `--book DIR`.
struct BookOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The book directory (chapters in DIR/chapters).", valueName: "DIR"))
  var book: String = "."

  /// The book directory as an absolute URL.
  var bookURL: URL {
    URL(fileURLWithPath: book, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }
}
