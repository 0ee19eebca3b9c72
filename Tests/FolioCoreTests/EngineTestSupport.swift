// Helpers for end-to-end tests: copy a fixture book to a scratch folder and build or check it.
import Foundation
import Testing

@testable import FolioCore

/// A fixture book copied into its own temporary folder, so tests can run in parallel.
struct FixtureBook {
  /// The book's folder.
  let root: URL

  /// Copies `Fixtures/<name>` into a fresh temporary folder.
  init(_ name: String) throws {
    let source = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-\(name)-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: source, to: root)
  }

  /// Build options for this book: its cells import this repository's package (MLMath and the
  /// rest), built once for every fixture book of the test run.
  func options(timeout: Double? = nil, writeSite: Bool = true) -> BuildOptions {
    var options = BuildOptions(book: root, jobs: 2, timeout: timeout, writeSite: writeSite)
    options.package = FolioBinary.packageRoot
    options.packageBuildDirectory = FolioBinary.packageRoot.appendingPathComponent(
      ".build/folio-tests/package")
    return options
  }

  /// Builds the book.
  func build(timeout: Double? = nil) throws -> BuildReport {
    try Pipeline.run(options(timeout: timeout))
  }

  /// Checks the book.
  func check(update: Bool = false) throws -> CheckReport {
    try BookChecker().check(options(), update: update)
  }

  /// A chapter file's text.
  func chapter(_ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent("chapters/\(name)"), encoding: .utf8)
  }

  /// A site file's text.
  func page(_ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent("site/\(name)"), encoding: .utf8)
  }

  /// Removes the folder.
  func remove() { try? FileManager.default.removeItem(at: root) }
}

extension BuildReport {
  /// The result of cell `index` of chapter `chapter`.
  func cell(_ chapter: Int, _ index: Int) -> CellResult { built!.results[chapter].cells[index] }
}
