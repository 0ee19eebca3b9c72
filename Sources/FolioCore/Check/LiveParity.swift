// Parity of live cells: the WebAssembly module, run by node at the default inputs, must print and
// display what the native run did.
import Foundation

/// Runs every live cell's module once in node (with the page's own script, `folio-live.js`) and
/// compares what it printed and displayed with the native run, numbers within the tolerance.
struct LiveParity {
  /// The node executable; nil looks up `node` (or `nodejs`) on `PATH`.
  var node: URL? = nil
  /// What each module printed before, by a digest of the module and the scripts that ran it:
  /// a build that re-runs no live cell (a prose edit, another chapter's code) starts no node.
  var runs: EntryStore? = nil

  /// Seconds node may take over all of a book's live cells.
  static let timeout: Double = 300

  /// One problem per live cell whose module disagrees with its native run, by chapter and cell
  /// index; each at the cell's first line.
  func check(_ chapters: [Chapter], _ results: [ChapterResults?], tolerance: (Chapter) -> Tolerance)
    throws(FolioError) -> [Int: [Int: Diagnostic]]
  {
    var cells: [(chapter: Int, cell: Int, module: LiveModule)] = []
    for (index, results) in results.enumerated() {
      guard let results else { continue }
      for (cell, result) in results.cells.enumerated() where result.status == .ok {
        if let module = result.live { cells.append((index, cell, module)) }
      }
    }
    guard !cells.isEmpty else { return [:] }
    let runs = try remembered(cells.map(\.module))
    var problems: [Int: [Int: Diagnostic]] = [:]
    for ((chapterIndex, cellIndex, _), run) in zip(cells, runs) {
      let chapter = chapters[chapterIndex]
      let cell = chapter.cells[cellIndex]
      let native = results[chapterIndex]!.cells[cellIndex]
      let place = SourceLocation(file: chapter.file.path, line: cell.codeLine, column: cell.codeColumn)
      if let difference = Self.difference(
        native: native, live: run, tolerance: cell.options.tolerance ?? tolerance(chapter))
      {
        problems[chapterIndex, default: [:]][cellIndex] = Diagnostic(
          at: place, "the live cell's WebAssembly run differs from its native run: \(difference)")
      }
    }
    return problems
  }

  /// What one module printed and displayed in node, or why it could not run.
  struct Run: Codable, Equatable {
    struct Shown: Codable, Equatable {
      var kind: String
      var data: String
    }
    var text: String?
    var displays: [Shown]?
    var error: String?
  }

  /// How `live` differs from the native result, in words; nil when they agree.
  static func difference(native: CellResult, live: Run, tolerance: Tolerance) -> String? {
    if let error = live.error { return "it stopped: \(error)" }
    if let difference = OutputComparison.compare(
      expected: native.printedText, actual: live.text ?? "", tolerance: tolerance)
    {
      return "printed output, line \(difference.line + 1): \(difference.message)"
    }
    let shown = native.outputs.compactMap { item -> RichValue? in
      if case .display(let value) = item { value } else { nil }
    }
    let displays = live.displays ?? []
    guard shown.count == displays.count else {
      return "it displayed \(displays.count) values, the native run \(shown.count)"
    }
    for (number, (expected, actual)) in zip(shown, displays).enumerated() {
      guard expected.kind.rawValue == actual.kind else {
        return "display \(number + 1) is \(actual.kind), natively \(expected.kind.rawValue)"
      }
      if let difference = OutputComparison.compare(
        expected: expected.data, actual: actual.data, tolerance: tolerance)
      {
        return "display \(number + 1), line \(difference.line + 1): \(difference.message)"
      }
    }
    return nil
  }

  /// What the modules print in node: remembered runs, the others run in one node process.
  func remembered(_ modules: [LiveModule]) throws(FolioError) -> [Run] {
    guard let store = runs else { return try run(modules) }
    var hasher = FieldHasher()
    hasher.add("folio-live-parity-v1")
    for name in ["live-parity.js", "folio-live.js"] {
      hasher.add(bytes: FileManager.default.contents(atPath: try SiteAssets.bundled(name).path) ?? Data())
    }
    let scripts = hasher.hex()
    let keys = modules.map { scripts + FieldHasher.hex(SHA256.hash(data: $0.bytes)) }
    var known = keys.map { key in
      store.value(for: key).flatMap { try? JSONDecoder().decode(Run.self, from: Data($0.utf8)) }
    }
    let missing = known.indices.filter { known[$0] == nil }
    if !missing.isEmpty {
      let fresh = try run(missing.map { modules[$0] })
      for (index, run) in zip(missing, fresh) {
        known[index] = run
        if let json = try? JSONEncoder().encode(run) {
          store.store(String(decoding: json, as: UTF8.self), for: keys[index])
        }
      }
    }
    return known.map { $0! }
  }

  /// Runs the modules in one node process.
  func run(_ modules: [LiveModule]) throws(FolioError) -> [Run] {
    guard let node = self.node?.path ?? ProcessRunner.which("node", "nodejs") else {
      throw FolioError(
        .environment, "node is needed to check live cells; install the Debian package nodejs")
    }
    let script = try SiteAssets.bundled("live-parity.js")
    let runtime = try SiteAssets.bundled("folio-live.js")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-live-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("modules.json")
    let stdout = folder.appendingPathComponent("out.json")
    let stderr = folder.appendingPathComponent("err.txt")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try JSONEncoder().encode(modules.map { $0.bytes.base64EncodedString() }).write(to: input)
    } catch {
      throw FolioError(.environment, "cannot write the live modules for node", underlying: "\(error)")
    }
    let outcome = try ProcessRunner.run(
      node, [script.path, runtime.path], stdin: input, stdout: stdout, stderr: stderr, timeout: Self.timeout)
    guard outcome.succeeded, let output = FileManager.default.contents(atPath: stdout.path),
      let runs = try? JSONDecoder().decode([Run].self, from: output), runs.count == modules.count
    else {
      let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      throw FolioError(
        .environment, "node could not run the live cells (\(outcome.summary))",
        underlying: errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return runs
  }
}
