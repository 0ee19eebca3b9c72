// `folio build`: run every chapter's cells and write the site.
import ArgumentParser
import FolioCore
import Foundation

/// Builds the book into `site/`.
struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build", abstract: "Run every chapter's Swift cells and write the site.")

  @OptionGroup var book: BookOptions

  @Option(help: ArgumentHelp("Where to write the site (default: DIR/site).", valueName: "DIR"))
  var output: String?

  @Option(
    help: ArgumentHelp("Chapter programs compiled and run at once (default: one per core).", valueName: "N"))
  var jobs: Int?

  @Option(
    help: ArgumentHelp("Seconds a chapter program may run (default: book.yml's, else 60).", valueName: "S"))
  var timeout: Double?

  @Flag(help: "Run every chapter, ignoring cached results.")
  var noCache = false

  @Flag(help: "After the summary, print how long each stage of the build took.")
  var timings = false

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
  }

  func run() throws {
    var succeeded = true
    try Console.run { () throws(FolioError) in
      let started = Date()
      let options = book.options {
        $0.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        $0.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        $0.timeout = timeout
        $0.useCache = !noCache
        $0.progress = Console.progress
      }
      let report = try Pipeline.run(options)
      Console.report(report.diagnostics)
      Console.error(
        Self.summary(report, seconds: Date().timeIntervalSince(started), site: options.siteDirectory))
      if timings { Console.error(Self.stageLines(report.summary.timings)) }
      succeeded = report.succeeded
    }
    if !succeeded { throw ExitCode(1) }
  }

  /// One line per stage that ran, in pipeline order: `  execute   0.412 s`.
  static func stageLines(_ timings: [StageName: Double]) -> String {
    StageName.allCases.compactMap { stage in
      timings[stage].map {
        "  " + stage.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
          + String(format: "%.3f s", $0)
      }
    }.joined(separator: "\n")
  }

  /// One line: what was built, how the cells fared, where it went, how long it took.
  static func summary(_ report: BuildReport, seconds: Double, site: URL) -> String {
    let summary = report.summary
    let counts = summary.cellCounts
    let cells = counts.values.reduce(0, +)
    var parts = [count(cells, "cell")]
    for status in [CellResult.Status.failed, .notRun] where counts[status, default: 0] > 0 {
      parts.append("\(counts[status]!) \(status.rawValue)")
    }
    let time = String(format: "%.2f", seconds)
    let chapters = count(summary.chapterCount, "chapter")
    switch report {
    case .upToDate:
      return
        "\(site.relativePath) is up to date (\(chapters), \(count(cells, "cell")); nothing changed) in \(time) s"
    case .built:
      let written =
        summary.written.map { "; \(count($0.written, "file")) written, \($0.unchanged) unchanged" } ?? ""
      let remote = summary.remoteChapters > 0 ? ", \(summary.remoteChapters) of them remote" : ""
      return
        "built \(chapters) (\(parts.joined(separator: ", ")); \(summary.cachedChapters) from cache\(remote))"
        + " into \(site.relativePath)\(written) in \(time) s"
    }
  }

  /// `1 cell`, `2 cells`.
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

}
