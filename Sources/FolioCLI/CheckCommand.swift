// `folio check`: prove every example still runs and prints what the page says.
import ArgumentParser
import FolioCore
import Foundation

/// Checks the book's promises.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Exit 0 only if every cell runs as declared and prints what the page says.",
    discussion: """
      Fails when a cell does not compile or traps (unless declared so), a declared failure does not \
      fail, an expected output differs, an internal link or anchor is broken, or the site folder \
      differs from a fresh build. Exit codes: 0 all good, 1 a promise broken, 2 the tool could not run.

      To split a large book across CI runners, each runs `folio check --shard I/N --report FILE` \
      (its chapters only), then one runs `folio check --merge FILE...`, which fails when a shard \
      failed or the reports do not cover the book exactly once (exit 2), and checks what concerns \
      the whole book: links between chapters, symbol links and the site, with the shards' results.
      """)

  @OptionGroup var book: BookOptions

  @Flag(help: "Write the actual outputs into the expected blocks, then rebuild the site.")
  var update = false

  @Option(
    help: ArgumentHelp("Chapter programs compiled and run at once (default: one per core).", valueName: "N"))
  var jobs: Int?

  @Option(
    help: ArgumentHelp(
      "Check only shard I of N (1 ≤ I ≤ N): the chapters whose path hashes to it; links and the site are left to --merge.",
      valueName: "I/N"))
  var shard: String?

  @Option(
    help: ArgumentHelp(
      "Write the findings as JSON to FILE; a shard's report also carries its results, for --merge.",
      valueName: "FILE"))
  var report: String?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Merge the shards' reports: each chapter must be in exactly one; then check links, symbol links and the site with their results, running no cell.",
      valueName: "REPORT"))
  var merge: [String] = []

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let shard, Shard(shard) == nil {
      throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, as in --shard 2/4; got '\(shard)'")
    }
    if shard != nil && !merge.isEmpty {
      throw ValidationError("--shard checks one shard and --merge merges them: give one or the other")
    }
    if update && (shard != nil || !merge.isEmpty) {
      throw ValidationError("--update rewrites the whole book: it cannot be combined with --shard or --merge")
    }
  }

  func run() throws {
    var succeeded = true
    try Console.run { () throws(FolioError) in
      let options = book.options {
        $0.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        $0.progress = Console.progress
      }
      let checker = BookChecker()
      let report: CheckReport
      var scope = ""
      if let shard = shard.flatMap(Shard.init) {
        report = try checker.check(options, shard: shard)
        scope =
          "shard \(shard): \(report.record.counts.chapters) of \(report.record.book.chapters) chapters; "
      } else if !merge.isEmpty {
        var reports: [ShardMerge.Report] = []
        for name in merge {
          reports.append(
            ShardMerge.Report(name: name, record: try CheckRecord.read(from: BookOptions.absolute(name))))
        }
        report = try checker.merge(options, reports: reports)
        scope = "\(reports.count) shard reports merged, \(report.record.counts.chapters) chapters: "
      } else {
        report = try checker.check(options, update: update)
      }
      if let path = self.report { try report.record.write(to: BookOptions.absolute(path)) }
      for file in report.updatedFiles { Console.error("updated \(file)") }
      Console.report(report.diagnostics)
      print(scope + report.summaryLine)
      succeeded = report.succeeded
    }
    if !succeeded { throw ExitCode(1) }
  }
}
