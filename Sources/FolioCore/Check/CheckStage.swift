// Check stage: every promise the book makes, verified on every build, each failure located.
import Foundation

/// Verifies what `build`, `serve` and `check` all promise: each cell ran as declared, printed
/// what its `output` block says (numbers within tolerance), every internal link and anchor
/// resolves, and the Markdown parsed cleanly (no unknown option, no `output` block that
/// follows no cell), and each live cell's WebAssembly module prints and displays what its native
/// run did. Every failure is reported; the verdict comes at the end. A shard checks its own
/// chapters, and leaves the links between chapters to the merge.
struct CheckStage: BuildStage {
  var name: StageName { .check }

  func run(_ build: inout BuildContext) throws(FolioError) {
    guard let book = build.book else { return }
    var findings = Findings()
    let runs = EntryStore(
      file: build.options.stateDirectory.appendingPathComponent("live/parity.entries"))
    let parity = try LiveParity(runs: runs).check(build.chapters, build.results) {
      $0.tolerance ?? book.config.tolerance
    }
    runs.save()
    for (index, (chapter, results)) in zip(build.chapters, build.results).enumerated() {
      guard let results else { continue }
      let verdicts = Self.verdicts(
        chapter, results, tolerance: chapter.tolerance ?? book.config.tolerance, live: parity[index] ?? [:])
      findings.diagnostics += chapter.diagnostics + results.diagnostics + verdicts.diagnostics
      findings.passed += verdicts.passed
      findings.failed += verdicts.failed
      findings.chapters[chapter.file.path] = Findings.Tally(passed: verdicts.passed, failed: verdicts.failed)
    }
    // Links between chapters are the whole book's: a shard leaves them to the merge.
    if build.options.shard == nil { findings.diagnostics += LinkChecker.check(build.chapters) }
    findings.diagnostics += build.referenceDiagnostics
    if let warning = build.remoteCache?.warning { findings.diagnostics.append(warning) }
    build.findings = findings
  }

  /// The verdict on each runnable cell of one chapter.
  /// `live` holds the parity problems of the chapter's live cells, by cell index.
  static func verdicts(
    _ chapter: Chapter, _ results: ChapterResults, tolerance: Tolerance, live: [Int: Diagnostic] = [:]
  ) -> Findings {
    var findings = Findings()
    let explained =
      !chapter.diagnostics.isEmpty || !results.diagnostics.isEmpty
      || results.cells.contains { $0.status == .failed }
    for (cell, result) in zip(chapter.cells, results.cells) where cell.options.mode != .norun {
      var problems: [Diagnostic] = live[cell.index].map { [$0] } ?? []
      // A cell that did not run although nothing failed before it: the program stopped without
      // a word. (When a cell failed, its own error says why the ones after it did not run.)
      if result.status == .notRun && !explained {
        problems.append(
          Diagnostic(
            at: SourceLocation(file: chapter.file.path, line: cell.codeLine, column: 1),
            "cell did not run" + (result.note.map { ": \($0)" } ?? "")))
      }
      if let expected = cell.expected, result.status == .ok || result.status == .failedAsDeclared,
        let difference = OutputComparison.compare(
          expected: expected.text, actual: result.printedText, tolerance: cell.options.tolerance ?? tolerance)
      {
        problems.append(
          Diagnostic(
            at: SourceLocation(
              file: chapter.file.path, line: expected.fenceLine + 1 + difference.line, column: 1),
            "output differs from the expected block: \(difference.message)"))
      }
      let broken =
        problems.contains { $0.severity == .error } || result.diagnostics.contains { $0.severity == .error }
      if !broken && result.status != .notRun && result.status != .failed {
        findings.passed += 1
      } else {
        findings.failed += 1
      }
      findings.diagnostics += result.diagnostics + problems
    }
    return findings
  }
}
