// What a build did: the chapters, their results, the rendered site and every problem found.
import Foundation

/// The outcome of a build.
public struct BuildReport: Sendable {
  /// The book as loaded; nil when the site was already up to date and nothing was loaded.
  public var book: Book?
  /// The parsed chapters.
  public var chapters: [Chapter]
  /// One result set per chapter.
  public var results: [ChapterResults]
  /// The rendered site.
  public var site: RenderedSite
  /// Chapters whose results came from the cache.
  public var cachedChapters: Int
  /// What writing the site did (nil when the site was not written).
  public var written: SiteWriter.Summary?
  /// Seconds spent per stage, for the summary line and benchmarks (never on a page).
  public var timings: [String: Double]
  /// Whether nothing had changed since the last clean build, so nothing was done.
  public var upToDate: Bool
  /// The number of chapters.
  public var chapterCount: Int
  /// Counts of cells by status.
  public var cellCounts: [CellResult.Status: Int]

  /// A report of a full build.
  init(
    book: Book, chapters: [Chapter], results: [ChapterResults], site: RenderedSite, cachedChapters: Int,
    written: SiteWriter.Summary?, timings: [String: Double]
  ) {
    self.book = book
    self.chapters = chapters
    self.results = results
    self.site = site
    self.cachedChapters = cachedChapters
    self.written = written
    self.timings = timings
    self.upToDate = false
    self.chapterCount = chapters.count
    var counts: [CellResult.Status: Int] = [:]
    for result in results {
      for cell in result.cells { counts[cell.status, default: 0] += 1 }
    }
    self.cellCounts = counts
  }

  /// The report of a build that found the site already up to date.
  init(upToDate stamp: BuildStamp, timings: [String: Double]) {
    self.book = nil
    self.chapters = []
    self.results = []
    self.site = RenderedSite(files: [])
    self.cachedChapters = stamp.chapterCount
    self.written = SiteWriter.Summary(written: 0, unchanged: stamp.site.count, removed: 0)
    self.timings = timings
    self.upToDate = true
    self.chapterCount = stamp.chapterCount
    self.cellCounts = Dictionary(
      uniqueKeysWithValues: stamp.cellCounts.compactMap { key, value in
        CellResult.Status(rawValue: key).map { ($0, value) }
      })
  }

  /// Every error and warning: parse problems, failed cells, chapter-level problems, render problems.
  public var diagnostics: [Diagnostic] {
    var all: [Diagnostic] = []
    for (chapter, result) in zip(chapters, results) {
      all += chapter.diagnostics
      for (cell, cellResult) in zip(chapter.cells, result.cells) {
        all += cellResult.diagnostics
        // A cell that did not run although nothing before it failed: the program stopped without a word.
        if cellResult.status == .notRun && cell.options.runs && chapter.diagnostics.isEmpty
          && result.diagnostics.isEmpty && !result.cells.contains(where: { $0.status == .failed })
        {
          all.append(
            Diagnostic(
              at: SourceLocation(file: chapter.file.path, line: cell.codeLine, column: 1), "cell did not run")
          )
        }
      }
      all += result.diagnostics
    }
    return all + site.diagnostics
  }

  /// Whether every cell ran as declared and nothing else went wrong.
  public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

}
