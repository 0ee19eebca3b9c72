// Check stage: every promise the book makes, verified; every failure reported, then one verdict.
import Foundation

/// The outcome of `folio check`.
public struct CheckReport: Sendable {
  /// Every broken promise, located in the book.
  public var diagnostics: [Diagnostic]
  /// Cells that ran as declared and printed what their page says.
  public var passed: Int
  /// Cells that did not.
  public var failed: Int
  /// Chapter files rewritten by `--update`.
  public var updatedFiles: [String]

  /// Whether every promise holds.
  public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

  /// The closing line CI logs look for: `N passed, M failed`.
  public var summaryLine: String { "\(passed) passed, \(failed) failed" }
}

/// Checks a book: cells run as declared, outputs match, links resolve, the committed site is fresh.
public struct BookChecker: Sendable {
  /// Creates a checker.
  public init() {}

  /// Runs the check. With `update`, first writes actual outputs into the chapters and rebuilds
  /// the site, then checks the result.
  public func check(_ options: BuildOptions, update: Bool) throws(FolioError) -> CheckReport {
    var options = options
    options.writeSite = false
    options.stopWhenUpToDate = false
    var updated: [String] = []
    var report = try BookBuilder().build(options)
    // Never nil here (the check's builds do not stop when up to date), but the type allows it.
    let book: Book
    if let loaded = report.book { book = loaded } else { book = try BookLoader().load(options.book) }
    if update {
      for (chapter, results) in zip(report.chapters, report.results) {
        let text = ExpectedOutputUpdater.update(
          chapter.file.text, chapter: chapter, results: results,
          tolerance: chapter.tolerance ?? book.config.tolerance)
        guard text != chapter.file.text else { continue }
        let url = book.root.appendingPathComponent(chapter.file.path)
        do {
          try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
          throw FolioError(
            .usage, at: SourceLocation(file: chapter.file.path), "cannot write", underlying: "\(error)")
        }
        updated.append(chapter.file.path)
      }
      options.writeSite = true
      report = try BookBuilder().build(options)
    }

    var diagnostics: [Diagnostic] = []
    var passed = 0
    var failed = 0
    for (chapter, results) in zip(report.chapters, report.results) {
      diagnostics += chapter.diagnostics + results.diagnostics
      let chapterBroken = !chapter.diagnostics.isEmpty || !results.diagnostics.isEmpty
      for (cell, result) in zip(chapter.cells, results.cells) where cell.options.mode != .norun {
        var problems = result.diagnostics.filter { $0.severity == .error }
        if result.status == .notRun && problems.isEmpty && !chapterBroken {
          problems.append(
            Diagnostic(
              at: SourceLocation(file: chapter.file.path, line: cell.codeLine, column: 1),
              "cell did not run: an earlier cell failed"))
        }
        if let expected = cell.expected, result.status == .ok || result.status == .failedAsDeclared {
          let tolerance = cell.options.tolerance ?? chapter.tolerance ?? book.config.tolerance
          if let difference = OutputComparison.compare(
            expected: expected.text, actual: result.printedText, tolerance: tolerance)
          {
            problems.append(
              Diagnostic(
                at: SourceLocation(
                  file: chapter.file.path, line: expected.fenceLine + 1 + difference.line, column: 1),
                "output differs from the expected block: \(difference.message)"))
          }
        }
        if problems.isEmpty && result.status != .notRun {
          passed += 1
        } else {
          failed += 1
        }
        diagnostics += problems
      }
    }
    diagnostics += LinkChecker.check(report.chapters)
    diagnostics += report.site.diagnostics
    if !update {
      diagnostics += Self.compareSite(report.site.files, with: options.siteDirectory, book: book.root)
    }
    return CheckReport(
      diagnostics: Self.unique(diagnostics), passed: passed, failed: failed, updatedFiles: updated)
  }

  /// Differences between a fresh build and the site folder on disk, when there is one.
  static func compareSite(_ files: [SiteFile], with site: URL, book: URL) -> [Diagnostic] {
    guard FileManager.default.fileExists(atPath: site.path) else { return [] }
    let name =
      site.path.hasPrefix(book.path + "/") ? String(site.path.dropFirst(book.path.count + 1)) : site.path
    let onDisk = SiteWriter.listFiles(site)
    var diagnostics: [Diagnostic] = []
    let fix = "run `folio build` and commit the site"
    for file in files {
      guard let url = onDisk[file.path] else {
        diagnostics.append(
          Diagnostic(at: SourceLocation(file: "\(name)/\(file.path)"), "missing from the site; \(fix)"))
        continue
      }
      if FileManager.default.contents(atPath: url.path) != file.contents {
        diagnostics.append(
          Diagnostic(at: SourceLocation(file: "\(name)/\(file.path)"), "differs from a fresh build; \(fix)"))
      }
    }
    for path in Set(onDisk.keys).subtracting(files.map(\.path)).sorted() {
      diagnostics.append(
        Diagnostic(
          at: SourceLocation(file: "\(name)/\(path)"), "is not part of a fresh build (stale file); \(fix)"))
    }
    return diagnostics
  }

  private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return diagnostics.filter { seen.insert($0).inserted }
  }
}
