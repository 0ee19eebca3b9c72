// Options every subcommand shares.
import ArgumentParser
import FolioCore
import Foundation

/// `--book DIR`, and where its package is.
struct BookOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The book directory (chapters in DIR/chapters).", valueName: "DIR"))
  var book: String = "."

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The Swift package the cells import (default: book.yml's `package:`).", valueName: "DIR"))
  var package: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Where SwiftPM builds the package (default: DIR/.build/folio/package); books of one package may share it.",
      valueName: "DIR"))
  var packageBuild: String?

  /// Build options for the book, with the package settings given on the command line.
  func options(_ configure: (inout BuildOptions) -> Void = { _ in }) -> BuildOptions {
    var options = BuildOptions(book: bookURL)
    options.package = package.map(Self.absolute)
    options.packageBuildDirectory = packageBuild.map(Self.absolute)
    configure(&options)
    return options
  }

  /// A path from the command line, made absolute against the current folder.
  static func absolute(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }

  /// The book directory as an absolute URL.
  var bookURL: URL {
    URL(fileURLWithPath: book, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }
}
