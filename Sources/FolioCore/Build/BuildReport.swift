// What a build ended with: one type every consumer (CLI, serve, check, tests) reads the same way.
import Foundation

/// The outcome of a build.
public enum BuildReport: Sendable {
  /// Nothing changed since the last clean build, so nothing was done.
  case upToDate(BuildSummary)
  /// The book was built.
  case built(BuiltBook)

  /// The counts and timings every outcome has.
  public var summary: BuildSummary {
    switch self {
    case .upToDate(let summary): summary
    case .built(let book): book.summary
    }
  }

  /// The built book; nil when the site was already up to date.
  public var built: BuiltBook? {
    if case .built(let book) = self { book } else { nil }
  }

  /// Whether the site was already up to date.
  public var upToDate: Bool { built == nil }

  /// Every error and warning found (none when up to date: the last build was clean).
  public var diagnostics: [Diagnostic] { built?.findings.diagnostics ?? [] }

  /// Whether every cell ran as declared and every promise held.
  public var succeeded: Bool { !(built?.findings.hasErrors ?? false) }
}

/// The numbers of a build, whichever way it ended.
public struct BuildSummary: Sendable, Hashable {
  /// The number of chapters.
  public var chapterCount: Int
  /// Counts of cells by status.
  public var cellCounts: [CellResult.Status: Int]
  /// Chapters whose results came from the cache (all of them when up to date).
  public var cachedChapters: Int
  /// Of those, chapters whose results came from the remote cache.
  public var remoteChapters = 0
  /// Chapters whose programs were compiled and run.
  public var executedChapters = 0
  /// What writing the site did (nil when it was not written).
  public var written: SiteWriter.Summary?
  /// Seconds spent per stage, for `--timings` and benchmarks (never on a page).
  public var timings: [StageName: Double]

  /// The summary of an up-to-date build, from the last clean build's stamp.
  init(stamp: BuildStamp, timings: [StageName: Double]) {
    chapterCount = stamp.chapterCount
    cellCounts = Dictionary(
      uniqueKeysWithValues: stamp.cellCounts.compactMap { key, value in
        CellResult.Status(rawValue: key).map { ($0, value) }
      })
    cachedChapters = stamp.chapterCount
    written = SiteWriter.Summary(written: 0, unchanged: stamp.site.count, removed: 0)
    self.timings = timings
  }

  /// The summary of a build that ran.
  init(
    results: [ChapterResults], cachedChapters: Int, remoteChapters: Int = 0, executedChapters: Int = 0,
    written: SiteWriter.Summary?, timings: [StageName: Double]
  ) {
    self.remoteChapters = remoteChapters
    self.executedChapters = executedChapters
    chapterCount = results.count
    var counts: [CellResult.Status: Int] = [:]
    for result in results {
      for cell in result.cells { counts[cell.status, default: 0] += 1 }
    }
    cellCounts = counts
    self.cachedChapters = cachedChapters
    self.written = written
    self.timings = timings
  }
}

/// A book that was built: its chapters, their results, the site, and what the checks found.
public struct BuiltBook: Sendable {
  /// The book as loaded.
  public var book: Book
  /// The parsed chapters.
  public var chapters: [Chapter]
  /// One result set per chapter (empty for a chapter another shard checks).
  public var results: [ChapterResults]
  /// Each chapter's results key.
  public var keys: [String]
  /// The rendered site.
  public var site: RenderedSite
  /// Every broken promise and problem, located.
  public var findings: Findings
  /// The numbers.
  public var summary: BuildSummary

  /// The built book a finished context holds.
  init(_ build: BuildContext) {
    book = build.book!
    chapters = build.chapters
    results = build.results.map { $0 ?? ChapterResults(cells: []) }
    keys = build.keys
    site = build.site ?? RenderedSite(files: [])
    findings = build.findings
    liveDeferred = build.liveDeferred
    summary = BuildSummary(
      results: results, cachedChapters: build.cachedChapters, remoteChapters: build.remoteChapters,
      executedChapters: build.executedChapters, written: build.written, timings: build.timings)
  }

  /// Chapters whose results came from the cache.
  public var cachedChapters: Int { summary.cachedChapters }
  /// Whether live cells ran without their WebAssembly, for a following build to compile.
  public var liveDeferred: Bool
  /// What writing the site did.
  public var written: SiteWriter.Summary? { summary.written }
  /// Every error and warning.
  public var diagnostics: [Diagnostic] { findings.diagnostics }
  /// Whether every promise held.
  public var succeeded: Bool { !findings.hasErrors }
}
