// `folio check`: the check stage's findings, and the committed site compared with a fresh build.
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
  /// The same findings, per chapter, as `--report` writes them.
  public var record: CheckRecord

  /// Whether every promise holds.
  public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

  /// The closing line CI logs look for: `N passed, M failed`.
  public var summaryLine: String { "\(passed) passed, \(failed) failed" }
}

/// `folio check`: the pipeline's findings (the check stage runs in every build), plus the one
/// thing only a check can say: whether the committed site is what a fresh build writes.
public struct BookChecker: Sendable {
  /// Creates a checker.
  public init() {}

  /// Runs the check. With `update`, first writes actual outputs into the chapters and rebuilds
  /// the site, then checks the result.
  public func check(_ options: BuildOptions, update: Bool) throws(FolioError) -> CheckReport {
    let (built, diagnostics, updated) = try Self.checkBook(options, update: update)
    return Self.report(built, diagnostics: diagnostics, options: options, updated: updated)
  }

  /// Checks one shard's chapters: each is run (or taken from the cache) and its cells, outputs
  /// and parse checked, as in a whole check; the other chapters are neither compiled nor run.
  /// What concerns the whole book (links between chapters, symbol links, the site) is left
  /// to `merge`. The report's record carries the shard's results for it.
  public func check(_ options: BuildOptions, shard: Shard) throws(FolioError) -> CheckReport {
    var options = options
    options.shard = shard
    options.writeSite = false
    options.stopWhenUpToDate = false
    options.knownResults = nil
    let built = try Self.build(options)
    return Self.report(built, diagnostics: built.findings.diagnostics, options: options, updated: [])
  }

  /// Merges the shards' reports into the verdict on the whole book.
  ///
  /// The reports must be of this book as it is on disk, split the same way, and hold each
  /// chapter exactly once; otherwise nothing is checked and the error lists every problem.
  /// Then the whole check runs with its results taken from the reports (no cell runs, no cache
  /// is needed): links between chapters, symbol links and the committed site are checked, and
  /// every shard's findings join its own, so a shard that failed fails the merge.
  public func merge(_ options: BuildOptions, reports: [ShardMerge.Report]) throws(FolioError) -> CheckReport {
    let book = try BookLoader().load(options.book)
    let merge = ShardMerge(reports)
    let problems = merge.problems(for: CheckRecord.BookIdentity(book), chapters: book.chapters.map(\.path))
    guard problems.isEmpty else {
      throw FolioError(
        .input, "cannot merge the shards' reports:\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
    }
    var options = options
    options.shard = nil
    options.knownResults = merge.knownResults
    let (built, diagnostics, _) = try Self.checkBook(options, update: false)
    return Self.report(built, diagnostics: diagnostics + merge.diagnostics, options: options, updated: [])
  }

  /// The whole check: the book built (updated first when asked), its findings, the site
  /// compared, and the chapters `update` rewrote.
  private static func checkBook(_ options: BuildOptions, update: Bool) throws(FolioError) -> (
    BuiltBook, [Diagnostic], [String]
  ) {
    var options = options
    options.shard = nil
    options.writeSite = false
    options.stopWhenUpToDate = false
    var updated: [String] = []
    var built = try build(options)
    if update {
      for (chapter, results) in zip(built.chapters, built.results) {
        let text = ExpectedOutputUpdater.update(
          chapter.file.text, chapter: chapter, results: results,
          tolerance: chapter.tolerance ?? built.book.config.tolerance)
        guard text != chapter.file.text else { continue }
        let url = built.book.root.appendingPathComponent(chapter.file.path)
        do {
          try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
          throw FolioError(
            .environment, at: SourceLocation(file: chapter.file.path), "cannot write", underlying: "\(error)")
        }
        updated.append(chapter.file.path)
      }
      options.writeSite = true
      built = try build(options)
    }
    var diagnostics = built.findings.diagnostics
    if !update {
      diagnostics += compareSite(built.site.files, with: options.siteDirectory, book: built.book.root)
    }
    return (built, diagnostics, updated)
  }

  /// The report of a check of `built` that found `diagnostics`.
  private static func report(
    _ built: BuiltBook, diagnostics: [Diagnostic], options: BuildOptions, updated: [String]
  ) -> CheckReport {
    let diagnostics = unique(diagnostics)
    return CheckReport(
      diagnostics: diagnostics, passed: built.findings.passed, failed: built.findings.failed,
      updatedFiles: updated,
      record: CheckRecord(
        built, diagnostics: diagnostics, shard: options.shard, withResults: options.shard != nil,
        engine: options.engineDigest))
  }

  /// A full build (a check never stops early: it needs every chapter and result).
  private static func build(_ options: BuildOptions) throws(FolioError) -> BuiltBook {
    guard let built = try Pipeline.run(options).built else {
      throw FolioError(.internal, "a check's build stopped as up to date")
    }
    return built
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
