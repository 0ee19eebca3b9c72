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
    var options = options
    options.writeSite = false
    options.stopWhenUpToDate = false
    var updated: [String] = []
    var built = try Self.build(options)
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
      built = try Self.build(options)
    }
    var diagnostics = built.findings.diagnostics
    if !update {
      diagnostics += Self.compareSite(built.site.files, with: options.siteDirectory, book: built.book.root)
    }
    return CheckReport(
      diagnostics: Self.unique(diagnostics), passed: built.findings.passed, failed: built.findings.failed,
      updatedFiles: updated)
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
