// What a build did: the chapters, their results, the rendered site and every problem found.
import Foundation

/// The outcome of a build.
public struct BuildReport: Sendable {
  /// The book as loaded.
  public var book: Book
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

  /// Every error and warning: parse problems, failed cells, chapter-level problems, render problems.
  public var diagnostics: [Diagnostic] {
    var all: [Diagnostic] = []
    for (chapter, result) in zip(chapters, results) {
      all += chapter.diagnostics
      for (cell, cellResult) in zip(chapter.cells, result.cells) {
        all += cellResult.diagnostics
        if cellResult.status == .notRun && cell.options.runs && chapter.diagnostics.isEmpty
          && !result.cells.contains(where: { $0.status == .failed })
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

  /// Counts of cells by status.
  public var cellCounts: [CellResult.Status: Int] {
    var counts: [CellResult.Status: Int] = [:]
    for result in results {
      for cell in result.cells { counts[cell.status, default: 0] += 1 }
    }
    return counts
  }
}
