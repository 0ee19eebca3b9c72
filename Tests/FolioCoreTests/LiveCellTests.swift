// Live cells end to end: compiled to WebAssembly with Embedded Swift, run by node, checked
// against the native run, with problems at the Markdown line.
import FolioProtocol
import Foundation
import Testing

@testable import FolioCore

@Suite struct LiveCellTests {
  @Test func liveOptionParsesAndRefusesWhatThePageCannotShow() throws {
    #expect(try CellInfo.parse("swift live").live)
    #expect(try CellInfo.parse("swift hide live").mode == .hide)
    #expect(throws: CellInfo.Problem.self) { try CellInfo.parse("swift setup live") }
    #expect(throws: CellInfo.Problem.self) { try CellInfo.parse("swift live values") }
  }

  @Test func librariesCompileForTheirClientsWhatTheyMark() {
    let plain = "public func f() -> Int { 1 }\n"
    let marked = "@export(interface)\npublic func f() -> Int { 1 }\n"
    let named = "@_silgen_name(\"table\")\npublic var table: Int = 0\n"
    // Only a library with something its clients cannot compile themselves has an object file.
    #expect(!LiveCompiler.needsObject([plain]))
    #expect(LiveCompiler.needsObject([plain, marked]))
    #expect(LiveCompiler.needsObject([named]))
    // Code is generated for the marked functions alone, unless a symbol is named for the linker
    // (that mode would leave it out).
    let deferred = ["-enable-experimental-feature", "DeferredCodeGen"]
    #expect(LiveCompiler.libraryFlags([plain, marked]) == LiveCompiler.flags + deferred)
    #expect(LiveCompiler.libraryFlags([marked, named]) == LiveCompiler.flags)
  }

  /// One build of the `live` fixture (the embedded libraries take a while to compile), then
  /// every promise about it.
  @Test func liveCellsRoundTripAndFailAtTheirLines() throws {
    let book = try FixtureBook("live")
    defer { book.remove() }
    let report = try book.build()
    let path = "chapters/01-live.md"
    func errors(at line: Int) -> [String] {
      report.diagnostics.filter {
        $0.location.file == path && $0.location.line == line && $0.severity == .error
      }
      .map(\.message)
    }

    // A print and a figure: the module runs in node and prints and draws what the native run did.
    let figure = report.cell(0, 1)
    #expect(figure.status == .ok)
    #expect(figure.inputs == [LiveInput(label: "scale", value: 1.5, min: 0, max: 4, step: 0.5)])
    let module = try #require(figure.live)
    #expect(module.bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]))  // "\0asm"
    let runs = try LiveParity().run([module])
    #expect(runs[0].text == "scaled: 3.0\n")
    #expect(runs[0].displays?.count == 1)
    #expect(runs[0].displays?.first?.kind == "svg")
    #expect(LiveParity.difference(native: figure, live: runs[0], tolerance: .default) == nil)

    // An earlier live cell's declarations are in the later one's module.
    #expect(report.cell(0, 2).status == .ok)
    #expect(report.cell(0, 2).live != nil)

    // Foundation: Embedded Swift's own reason, at the import's line.
    #expect(report.cell(0, 3).status == .failed)
    #expect(errors(at: 26).contains { $0.contains("no such module 'Foundation'") })

    // A key path: Embedded Swift's restriction, at the line using it.
    #expect(report.cell(0, 4).status == .failed)
    #expect(errors(at: 33).contains { $0.contains("cannot use key path in embedded Swift") })

    // Parity: the module prints 41 where the native run printed 42, reported at the cell.
    #expect(errors(at: 38).contains { $0.contains("differs from its native run") && $0.contains("42") })

    // The rule: a live cell sees earlier live cells, not the others.
    #expect(errors(at: 46).contains { $0.contains("cannot find 'notLive' in scope") })

    // Untyped throws: Embedded Swift has no `any Error`.
    #expect(errors(at: 51).contains { $0.contains("'any Error'") })

    // The page: the live cell's hooks, sliders and region; its module shipped as a script.
    let page = try book.page("01-live.html")
    #expect(page.contains("class=\"cell cell-normal cell-status-ok cell-live\" id=\"cell-2\""))
    #expect(
      page.contains(
        "<input type=\"range\" id=\"cell-2-input-1\" min=\"0\" max=\"4\" step=\"0.5\" value=\"1.5\">"))
    #expect(page.contains("<output for=\"cell-2-input-1\">1.5</output>"))
    #expect(page.contains("<div class=\"cell-output\" aria-live=\"polite\">"))
    #expect(page.contains("<script src=\"live/01-live.js\" defer></script>"))
    let script = try book.page("live/01-live.js")
    #expect(script.contains("\"cell-2\":\"\(module.bytes.base64EncodedString())\""))

    // An edit to a cell no live cell sees runs the chapter again and compiles the two working
    // live cells to no WebAssembly: their modules are kept by what they are compiled from.
    let chapter = book.root.appendingPathComponent("chapters/01-live.md")
    let text = try String(contentsOf: chapter, encoding: .utf8)
    try text.replacingOccurrences(of: "let notLive = 3.0", with: "let notLive = 4.0").write(
      to: chapter, atomically: true, encoding: .utf8)
    let again = try book.build()
    #expect(again.built?.cachedChapters == 0)
    #expect(again.cell(0, 1).live == module)
    let work = book.root.appendingPathComponent(".build/folio/work/01-live")
    let compiledAgain = try FileManager.default.contentsOfDirectory(atPath: work.path).filter {
      $0 == "live1" || $0 == "live2"
    }
    #expect(compiledAgain.isEmpty, "\(compiledAgain)")

    // `folio serve`'s first pass: the chapter runs, its live cells wait for their WebAssembly;
    // nothing of it is cached, so the pass that follows compiles them.
    let edited = try String(contentsOf: chapter, encoding: .utf8)
    try edited.replacingOccurrences(of: "print(\"scaled:\"", with: "print(\"scaled by\"").write(
      to: chapter, atomically: true, encoding: .utf8)
    var options = book.options()
    options.liveLater = true
    let first = try #require(try Pipeline.run(options).built)
    #expect(first.liveDeferred)
    #expect(first.results[0].cells[1].status == .ok)
    #expect(first.results[0].cells[1].live == nil)
    #expect(!(try book.page("01-live.html")).contains("live/01-live.js"))
    let complete = try #require(try book.build().built)
    #expect(!complete.liveDeferred)
    #expect(complete.cachedChapters == 0)
    #expect(complete.results[0].cells[1].live != nil)
    #expect(try book.page("01-live.html").contains("<script src=\"live/01-live.js\" defer></script>"))
  }

  /// The page's script supplies every import a module may have and calls its exports by the
  /// names FolioProtocol's `LiveWire` defines (JavaScript cannot import the Swift enum).
  /// The book's live cells are compiled and linked as one module, then each cell's module is
  /// cut from it: modules that print what the native runs printed, and the same bytes whether a build
  /// compiled every live cell or an author edited one.
  @Test func liveCellsOfSeveralChaptersCompileTogether() throws {
    let book = try FixtureBook("live-batch")
    defer { book.remove() }
    let report = try book.build()
    #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
    let work = book.root.appendingPathComponent(".build/folio/work")
    let batch = try String(contentsOf: work.appendingPathComponent("live-batch/batch.swift"), encoding: .utf8)
    // Three programs, the third with the second (an earlier live cell of its chapter) before it.
    #expect((0..<3).allSatisfy { batch.contains("@_cdecl(\"folio_run_\($0)\")") })
    let expected = [(0, 0, "sum: 3.0\n"), (1, 0, "height: 1.0\n"), (1, 1, "twice the height: 2.0\n")]
    for (chapter, cell, text) in expected {
      let result = report.cell(chapter, cell)
      #expect(result.status == .ok)
      let module = try #require(result.live)
      #expect(try LiveParity().run([module])[0].text == text)
    }
    // Each module was cut from the batch's, linked once: its own entry exported under the page's
    // name, the others gone, nothing compiled or linked for the cell itself.
    let fm = FileManager.default
    #expect(fm.fileExists(atPath: work.appendingPathComponent("live-batch/batch.min.wasm").path))
    let folders = ["01-first/live0", "02-second/live0", "02-second/live1"].map {
      work.appendingPathComponent($0)
    }
    #expect(folders.allSatisfy { fm.fileExists(atPath: $0.appendingPathComponent("cell.min.wasm").path) })
    #expect(!folders.contains { fm.fileExists(atPath: $0.appendingPathComponent("cell.o").path) })
    for (chapter, cell, _) in expected {
      let module = try #require(report.cell(chapter, cell).live)
      let exports = try #require(WasmExports.rewriting(module.bytes) { $0 }).exports
      #expect(exports.contains(LiveWire.Export.run.rawValue))
      #expect(!exports.contains { $0.hasPrefix(LiveWire.Export.run.rawValue + "_") })
    }

    // An edit to one live cell: every chapter with a live cell runs again (its modules are
    // linked from a new batch), and the site is what a build compiling everything writes.
    let second = book.root.appendingPathComponent("chapters/02-second.md")
    try (try String(contentsOf: second, encoding: .utf8)).replacingOccurrences(
      of: "print(\"twice the height:\", 2 * height)", with: "print(\"thrice the height:\", 3 * height)"
    ).write(to: second, atomically: true, encoding: .utf8)
    let edited = try book.build()
    #expect(edited.summary.cachedChapters == 0)
    #expect(
      try LiveParity().run([try #require(edited.cell(1, 1).live)])[0].text == "thrice the height: 3.0\n")
    func live() throws -> [String: Data?] {
      SiteWriter.listFiles(book.root.appendingPathComponent("site/live")).mapValues {
        fm.contents(atPath: $0.path)
      }
    }
    let afterEdit = try live()
    for kept in ["live/modules", "results", "programs", "render", "last-build.json"] {
      try? fm.removeItem(at: book.root.appendingPathComponent(".build/folio/\(kept)"))
    }
    _ = try book.build()
    #expect(try live() == afterEdit)
    #expect(afterEdit.count == 2)
  }

  @Test func pageScriptSpeaksTheLiveWire() throws {
    let script = try String(contentsOf: SiteAssets.bundled("folio-live.js"), encoding: .utf8)
    for name in LiveWire.Import.allCases.map(\.rawValue) + LiveWire.memoryImports + ["exp2"] {
      #expect(script.contains("\(name): function"), "folio-live.js does not supply \(name)")
    }
    for name in LiveWire.Export.allCases.map(\.rawValue) {
      #expect(script.contains("exports.\(name)("), "folio-live.js does not call \(name)")
    }
    let list = LiveWire.mathImports.filter { $0 != "exp2" }.map { "\"\($0)\"" }
    #expect(script.contains("var MATH = [" + list.joined(separator: ", ") + "];"))
  }

  @Test func parityDifferenceNamesTheLineAndNumbers() {
    let native = CellResult(status: .ok, outputs: [.stdout("loss 0.25\n")])
    let same = LiveParity.Run(text: "loss 0.25000000000001\n", displays: [], error: nil)
    let other = LiveParity.Run(text: "loss 0.26\n", displays: [], error: nil)
    #expect(LiveParity.difference(native: native, live: same, tolerance: .default) == nil)
    let difference = LiveParity.difference(native: native, live: other, tolerance: .default)
    #expect(difference?.contains("line 1") == true)
    let stopped = LiveParity.Run(text: nil, displays: nil, error: "unreachable")
    #expect(
      LiveParity.difference(native: native, live: stopped, tolerance: .default) == "it stopped: unreachable")
  }
}
