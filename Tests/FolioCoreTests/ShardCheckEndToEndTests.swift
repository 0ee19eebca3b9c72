// End-to-end tests of `folio check --shard` and `--merge` on fixture books.
import Foundation
import Testing

@testable import FolioCore

@Suite struct ShardCheckEndToEndTests {
  /// The `shards` fixture checked as two shards by the `folio` executable, once for the suite:
  /// 01-alpha (shard 2/2) prints the wrong output; 03-gamma (shard 1/2) links to an anchor
  /// 02-beta does not have; 04-delta has no cell to run.
  struct TwoShards {
    let book: FixtureBook
    let runs: [FolioBinary.Run]
    let reports: [ShardMerge.Report]

    init() throws {
      book = try FixtureBook("shards")
      let package = FolioBinary.packageRoot
      var runs: [FolioBinary.Run] = []
      var reports: [ShardMerge.Report] = []
      for index in 1...2 {
        let file = book.root.appendingPathComponent("reports/shard-\(index).json")
        runs.append(
          try FolioBinary.run([
            "check", "--book", book.root.path, "--package", package.path, "--package-build",
            package.appendingPathComponent(".build/folio-tests/package").path, "--jobs", "2",
            "--shard", "\(index)/2", "--report", file.path,
          ]))
        reports.append(
          ShardMerge.Report(name: "shard-\(index).json", record: try CheckRecord.read(from: file)))
        // What shard 1 compiled and ran, before shard 2 adds its own.
        if index == 1 { ranByShard1 = Self.ran(in: book) }
      }
      self.runs = runs
      self.reports = reports
    }

    /// The chapters whose programs were built, by slug.
    private(set) var ranByShard1: Set<String> = []

    static func ran(in book: FixtureBook) -> Set<String> {
      let work = book.root.appendingPathComponent(".build/folio/work")
      return Set((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [])
    }
  }

  static let shards = Result { try TwoShards() }

  @Test func eachShardChecksOnlyItsChapters() throws {
    let run = try Self.shards.get()
    #expect(
      run.reports.map { $0.record.chapters.map(\.path) } == [
        ["chapters/02-beta.md", "chapters/03-gamma.md", "chapters/04-delta.md"], ["chapters/01-alpha.md"],
      ])
    for report in run.reports {
      let shard = try #require(report.record.shard)
      #expect(report.record.chapters.allSatisfy { shard.contains($0.path) })
      #expect(report.record.book.chapters == 4)
    }
    // 01-alpha is shard 2's: shard 1 neither compiled nor ran it; 04-delta needs no program.
    #expect(run.ranByShard1 == ["02-beta", "03-gamma"])
    #expect(TwoShards.ran(in: run.book) == ["01-alpha", "02-beta", "03-gamma"])
    let delta = try #require(run.reports[0].record.chapters.last)
    #expect(delta.verdict == .passed && delta.passed == 0 && delta.results?.cells.count == 1)
  }

  @Test func aFailingCellFailsItsShardOnlyAndTheReportSaysWhere() throws {
    let run = try Self.shards.get()
    #expect(run.runs.map(\.status) == [0, 1], "\(run.runs.map(\.stderr))")
    #expect(
      run.runs[0].stdout.contains("shard 1/2: 3 of 4 chapters; 2 passed, 0 failed"), "\(run.runs[0].stdout)")
    #expect(
      run.runs[1].stdout.contains("shard 2/2: 1 of 4 chapters; 0 passed, 1 failed"), "\(run.runs[1].stdout)")
    #expect(
      run.runs[1].stderr.contains("chapters/01-alpha.md:8:1: error: output differs"), "\(run.runs[1].stderr)")
    let good = run.reports[0].record
    #expect(good.succeeded && good.counts.passed == 2 && good.counts.errors == 0)
    let bad = run.reports[1].record
    #expect(!bad.succeeded)
    #expect(bad.counts == .init(chapters: 1, passed: 0, failed: 1, errors: 1, warnings: 0, cached: 0))
    let alpha = try #require(bad.chapters.first)
    #expect(alpha.verdict == .failed)
    #expect(
      alpha.diagnostics.map { "\($0.file):\($0.line):\($0.column) \($0.severity)" } == [
        "chapters/01-alpha.md:8:1 error"
      ])
    #expect(alpha.results?.cells.first?.printedText == "2\n")
  }

  @Test func linksBetweenChaptersAreTheMergesToCheck() throws {
    let run = try Self.shards.get()
    let all = run.reports.flatMap(\.record.allDiagnostics)
    #expect(!all.contains { $0.message.contains("no-such-heading") })

    let report = try BookChecker().merge(run.book.options(), reports: run.reports)
    #expect(!report.succeeded)
    let errors = report.diagnostics.filter { $0.severity == .error }.map(\.description)
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.contains { $0.hasPrefix("chapters/01-alpha.md:8:1: error: output differs") })
    #expect(errors.contains { $0.hasPrefix("chapters/03-gamma.md:3:") && $0.contains("'#no-such-heading'") })
    #expect(report.summaryLine == "2 passed, 1 failed")
    #expect(report.record.shard == nil)
    #expect(report.record.chapters.map(\.verdict) == [.failed, .passed, .failed, .passed])
    #expect(report.record.chapters.allSatisfy { $0.results == nil })
  }

  @Test func theMergeRunsNoCellAndNeedsNoCache() throws {
    let run = try Self.shards.get()
    let copy = try FixtureBook("shards")
    defer { copy.remove() }
    // A fresh clone: no cache, no compiled chapter.
    let report = try BookChecker().merge(copy.options(), reports: run.reports)
    #expect(report.summaryLine == "2 passed, 1 failed")
    #expect(report.record.counts.cached == 3, "every chapter with a cell to run (04-delta has none)")
    #expect(TwoShards.ran(in: copy).isEmpty)
    #expect(
      !FileManager.default.fileExists(atPath: copy.root.appendingPathComponent(".build/folio/results").path))
  }

  @Test func theExecutableExitsOneForABrokenPromiseAndTwoForReportsThatDoNotCoverTheBook() throws {
    let run = try Self.shards.get()
    let files = (1...2).map { run.book.root.appendingPathComponent("reports/shard-\($0).json").path }
    let base = [
      "check", "--book", run.book.root.path, "--package", FolioBinary.packageRoot.path, "--package-build",
      FolioBinary.packageRoot.appendingPathComponent(".build/folio-tests/package").path,
    ]
    let merged = try FolioBinary.run(base + ["--merge"] + files)
    #expect(merged.status == 1, "\(merged.stderr)")
    #expect(
      merged.stdout.contains("2 shard reports merged, 4 chapters: 2 passed, 1 failed"), "\(merged.stdout)")
    let missing = try FolioBinary.run(base + ["--merge", files[0]])
    #expect(missing.status == 2)
    #expect(
      missing.stderr.contains("1 chapter is in no report: chapters/01-alpha.md (shard 2/2)"),
      "\(missing.stderr)")
    let twice = try FolioBinary.run(base + ["--merge", files[0], files[1], files[1]])
    #expect(twice.status == 2)
    #expect(twice.stderr.contains("shard 2/2 is in 2 reports"), "\(twice.stderr)")
  }

  @Test func aReportOfAnEditedBookOrOtherInputsDoesNotMerge() throws {
    let run = try Self.shards.get()
    let copy = try FixtureBook("shards")
    defer { copy.remove() }
    let beta = copy.root.appendingPathComponent("chapters/02-beta.md")
    try (try String(contentsOf: beta, encoding: .utf8) + "\nOne more sentence.\n").write(
      to: beta, atomically: true, encoding: .utf8)
    #expect {
      try BookChecker().merge(copy.options(), reports: run.reports)
    } throws: { error in
      let error = try #require(error as? FolioError)
      return error.kind == .input && error.message.contains("is for another book, or another version of it")
    }
    // Same book, but a report whose results were made with other inputs (another toolchain,
    // library or folio gives another key): refused, never run.
    var stale = run.reports
    stale[1].record.chapters[0].key = String(repeating: "0", count: 64)
    #expect {
      try BookChecker().merge(run.book.options(), reports: stale)
    } throws: { error in
      let error = try #require(error as? FolioError)
      return error.kind == .input && error.message.contains("hold no results for 1 chapter")
        && error.message.contains("chapters/01-alpha.md")
    }
  }

  @Test func shardsOnSeparateRunnersFillTheRemoteCacheForTheNextRun() throws {
    let server = try NginxCache()
    defer { server.remove() }
    func shard(_ index: Int) throws -> (FixtureBook, CheckReport) {
      let runner = try FixtureBook("shards")  // a fresh runner: empty local cache
      var options = runner.options()
      options.cacheURL = server.url
      return (runner, try BookChecker().check(options, shard: Shard(index: index, count: 2)!))
    }
    var runners: [FixtureBook] = []
    defer { runners.forEach { $0.remove() } }
    for index in 1...2 {
      let (runner, report) = try shard(index)
      runners.append(runner)
      #expect(report.record.counts.cached == 0)
      #expect(report.diagnostics.allSatisfy { $0.severity != .warning }, "\(report.diagnostics)")
    }
    // One entry per chapter with a cell to run, whichever shard ran it.
    #expect(server.files.filter { $0.hasPrefix("folio/ac/") }.count == 3)
    // The next run's shards take every result from it, and run nothing.
    for index in 1...2 {
      let (runner, report) = try shard(index)
      runners.append(runner)
      #expect(
        report.record.counts.cached
          == report.record.chapters.filter { $0.path != "chapters/04-delta.md" }.count)
      #expect(TwoShards.ran(in: runner).isEmpty)
    }
  }

  @Test func aGoodBookMergesToTheWholeChecksVerdictAndChecksTheSite() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    _ = try book.build()
    let whole = try book.check()
    #expect(whole.succeeded, "\(whole.diagnostics)")
    // Three shards of two chapters: one shard has none, and still reports.
    var reports: [ShardMerge.Report] = []
    for index in 1...3 {
      let record = try BookChecker().check(book.options(), shard: Shard(index: index, count: 3)!).record
      reports.append(
        ShardMerge.Report(
          name: "\(index)", record: try JSONDecoder().decode(CheckRecord.self, from: record.json())))
    }
    #expect(reports.map(\.record.chapters.count) == [0, 1, 1])
    // A shard does nothing for the whole book: no library build when its chapters are cached,
    // no API reference, no pages.
    var options = book.options()
    options.shard = Shard(index: 3, count: 3)
    options.stopWhenUpToDate = false
    let shard = try Pipeline.run(Pipeline.stages(for: options), options: options)
    #expect(shard.libraries == nil && shard.reference == nil && shard.site == nil)
    #expect(Set(shard.timings.keys).isDisjoint(with: [.reference, .render, .write]))
    #expect(shard.results.map { $0 != nil } == [true, false])
    let merged = try BookChecker().merge(book.options(), reports: reports)
    #expect(merged.succeeded, "\(merged.diagnostics)")
    #expect(merged.summaryLine == whole.summaryLine)
    #expect(merged.record.chapters == whole.record.chapters)

    let page = book.root.appendingPathComponent("site/02-more.html")
    try (try String(contentsOf: page, encoding: .utf8) + "<!-- edited -->").write(
      to: page, atomically: true, encoding: .utf8)
    let stale = try BookChecker().merge(book.options(), reports: reports)
    #expect(
      stale.diagnostics.map(\.description).contains { $0.hasPrefix("site/02-more.html: error: differs") })
    #expect(stale.record.diagnostics.map(\.file) == ["site/02-more.html"])
  }
}
