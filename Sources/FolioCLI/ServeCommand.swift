// `folio serve`: live preview on localhost, run by the `folio-serve` executable beside `folio`.
import ArgumentParser
import FolioCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What `folio serve` takes, declared once for `folio` (which shows it in its help and hands the
/// command over) and `folio-serve` (which runs it).
package struct ServeOptions: ParsableArguments {
  /// The command's one-line summary.
  package static let abstract = "Build, serve the site on 127.0.0.1 and rebuild and reload on every change."
  /// The command's longer help.
  package static let discussion = """
    Watches chapters/, book.yml and the MLMath, FolioRuntime and FolioPlot sources. Pages reload \
    by themselves after each rebuild; a failed rebuild shows its errors over the page. The site \
    files on disk are exactly what `folio build` writes. Ctrl-C stops the server.
    """

  @OptionGroup package var book: BookOptions

  @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
  package var port: Int = 8000

  package init() {}

  package func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }
}

/// Builds, serves the site on 127.0.0.1, rebuilds on change and reloads open pages.
///
/// The server lives in `folio-serve`, installed beside `folio`, which this command becomes
/// (`execv`: same process, same signals): its HTTP server's package links Foundation's
/// networking, and with it libcurl and two dozen libraries whose start-up cost every other
/// command (about 13 ms a run) would pay.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

  @OptionGroup var options: ServeOptions

  func run() throws {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let server = executable.deletingLastPathComponent().appendingPathComponent("folio-serve").path
    // Everything after the subcommand's name, as given.
    let arguments = Array(CommandLine.arguments.drop { $0 != "serve" }.dropFirst())
    let argv = (["folio-serve"] + arguments).map { strdup($0) } + [nil]
    execv(server, argv)
    let reason = String(cString: strerror(errno))
    try Console.run { () throws(FolioError) in
      throw FolioError(
        .environment,
        "cannot start \(server) (\(reason)): `folio serve` runs it; `make build` and `make install` put it "
          + "beside folio, as does `swift build --product folio-serve` in a checkout")
    }
  }
}
