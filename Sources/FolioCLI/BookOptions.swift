// Options every subcommand shares.
import ArgumentParser
import FolioCore
import Foundation

/// `--book DIR`, where its package is, and the remote results cache.
package struct BookOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The book directory (chapters in DIR/chapters).", valueName: "DIR"))
  package var book: String = "."

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

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A Bazel HTTP remote cache for results, shared between machines (default: $FOLIO_CACHE_URL, else book.yml's `cache: url:`; '' for none).",
      valueName: "URL"))
  var cacheURL: String?

  @Flag(name: .long, help: "Only read the remote cache (GET), never write to it; for authors' machines.")
  var cacheReadOnly = false

  /// The environment variable that names the remote cache (for CI, whose URL may carry a
  /// password); `FOLIO_CACHE_READ_ONLY=1` is `--cache-read-only`.
  static let cacheURLVariable = "FOLIO_CACHE_URL"
  static let cacheReadOnlyVariable = "FOLIO_CACHE_READ_ONLY"

  package init() {}

  /// Build options for the book, with the package settings given on the command line.
  package func options(_ configure: (inout BuildOptions) -> Void = { _ in }) -> BuildOptions {
    var options = BuildOptions(book: bookURL)
    options.package = package.map(Self.absolute)
    options.packageBuildDirectory = packageBuild.map(Self.absolute)
    let environment = ProcessInfo.processInfo.environment
    // The command line, then the environment; book.yml is read later, by the build.
    options.cacheURL = cacheURL ?? environment[Self.cacheURLVariable]
    options.cacheReadOnly =
      cacheReadOnly
      || ["1", "true", "yes"].contains(environment[Self.cacheReadOnlyVariable]?.lowercased() ?? "")
    configure(&options)
    return options
  }

  /// A path from the command line, made absolute against the current folder.
  static func absolute(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }

  /// The book directory as an absolute URL.
  package var bookURL: URL {
    URL(fileURLWithPath: book, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      .standardizedFileURL
  }
}
