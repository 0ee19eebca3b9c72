// What one (re)build of the book ended with, as the preview shows it.
import FolioCore
import Foundation

/// The result of a build, reduced to what the preview needs.
public struct BuildOutcome: Sendable, Equatable {
  /// Whether the build ran and every promise held.
  public var succeeded: Bool
  /// Errors and warnings, one line each (`file:line:col: error: message`).
  public var diagnostics: [String]
  /// One line: chapters, cache hits, seconds.
  public var summary: String
  /// Whether live cells were left without their WebAssembly, for the build that follows.
  public var liveDeferred = false

  /// Creates an outcome.
  public init(succeeded: Bool, diagnostics: [String], summary: String) {
    self.succeeded = succeeded
    self.diagnostics = diagnostics
    self.summary = summary
  }

  /// Builds `book` with `folio build`'s defaults (site in `book/site`) and reports how it went.
  /// Never throws: a book that cannot be built is a failed outcome the page shows.
  public static func build(book: URL, progress: @escaping @Sendable (String) -> Void = { _ in })
    -> BuildOutcome
  {
    build(options: BuildOptions(book: book), progress: progress)
  }

  /// Builds with `options` (site where they say), with `progress` for its progress lines.
  public static func build(options: BuildOptions, progress: @escaping @Sendable (String) -> Void = { _ in })
    -> BuildOutcome
  {
    let started = Date()
    var options = options
    options.progress = progress
    do {
      let report = try Pipeline.run(options)
      let seconds = Date().timeIntervalSince(started)
      let errors = report.diagnostics.sorted { $0.location < $1.location }.map(\.description)
      let time = String(format: "%.2f s", seconds)
      let summary: String
      switch report {
      case .upToDate(let numbers):
        summary = "up to date (\(numbers.chapterCount) chapters; nothing changed) in \(time)"
      case .built(let built):
        summary =
          "built \(built.chapters.count) chapters (\(built.cachedChapters) from cache) in \(time)"
          + (built.liveDeferred ? "; live cells without their WebAssembly yet" : "")
      }
      var outcome = BuildOutcome(succeeded: report.succeeded, diagnostics: errors, summary: summary)
      outcome.liveDeferred = report.built?.liveDeferred ?? false
      return outcome
    } catch {
      return BuildOutcome(succeeded: false, diagnostics: [error.description], summary: "build failed")
    }
  }
}
