// Plans a live cell's WebAssembly program: the cell, after the earlier live cells of its program.
import FolioProtocol
import Foundation
import SwiftParser
import SwiftSyntax

/// The Swift source of one live cell's module, compiled with Embedded Swift.
///
/// The rule for what a live cell may use: the libraries (`MLMath`, `FolioPlot`, and the
/// runtime's `print`, `display`, `slider`), and what the *earlier live cells of its program*
/// declare. Those cells run first, in order, with their output hidden and their inputs at
/// their defaults (a live cell that failed is left out); cells that are not live are not part
/// of the module, so a live cell cannot
/// use what they declare (the compiler says so at the line). Types, extensions, protocols and
/// imports are placed at file scope; everything else runs inside the module's `folio_run()`,
/// so each run starts afresh and frees what it made.
struct LiveProgram: Sendable, Hashable {
  /// The live cell (by index).
  var cell: Int
  /// The source, with `#sourceLocation` lines into the Markdown.
  var source: String
  /// What goes at file scope: the imports (and the types, extensions … the cells declare).
  var fileScope: String
  /// What one run does: the cells' statements, in order.
  var body: String
  /// Whether the cells declare nothing at file scope but imports: then the program can share a
  /// module with other programs (``LiveCompiler/startBatch(_:work:)``), each its own function.
  var batchable: Bool

  /// The source without its `#sourceLocation` lines, which place compiler messages (a module
  /// carries no line numbers): what a module is compiled from.
  var sourceWithoutLines: String {
    source.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("#sourceLocation") }.joined(separator: "\n")
  }

  /// The exported function the page calls for one run.
  static let runFunction = "__folio_live_run"

  /// Plans the module of live cell `cell` of `chapter`, leaving out the earlier live cells in
  /// `failed`; a problem with the cell itself (it ends with a value) is a diagnostic at its line.
  static func plan(_ cell: Cell, in chapter: Chapter, leavingOut failed: Set<Int> = [])
    -> LiveOutcome<LiveProgram>
  {
    let path = chapter.file.path
    var earlier: [Cell] = []
    for other in chapter.cells where other.index < cell.index && other.options.runs {
      if other.options.startsProgram { earlier.removeAll() }
      if other.options.live && !failed.contains(other.index) { earlier.append(other) }
    }
    if cell.options.startsProgram { earlier.removeAll() }

    let items = Parser.parse(source: cell.code).statements.map(\.item)
    if let last = items.last, let expr = last.as(ExprSyntax.self), ProgramPlanner.showsValue(expr) {
      let converter = SourceLocationConverter(fileName: path, tree: Parser.parse(source: cell.code))
      let line = converter.location(for: expr.positionAfterSkippingLeadingTrivia).line + cell.codeLine - 1
      return .failed([
        Diagnostic(
          at: SourceLocation(file: path, line: line, column: 1),
          "a live cell ends with a statement such as print(…) or display(…): the page re-runs it and "
            + "shows what it prints and displays, not the value of its last expression")
      ])
    }

    var fileScope = "import FolioRuntime\n"
    var body = ""
    var declares = false
    for part in earlier + [cell] {
      let muted = part.index != cell.index
      body += "\(RuntimeHook.liveBegin.rawValue)(\(part.index), muted: \(muted))\n"
      let tree = Parser.parse(source: part.code)
      let converter = SourceLocationConverter(fileName: path, tree: tree)
      for statement in tree.statements {
        let start = statement.positionAfterSkippingLeadingTrivia
        let location = converter.location(for: start)
        let line = location.line + part.codeLine - 1
        let text =
          String(repeating: " ", count: max(0, location.column - 1)) + statement.trimmedDescription + "\n"
        let located =
          "#sourceLocation(file: \"\(literal(path))\", line: \(line))\n" + text + "#sourceLocation()\n"
        if isFileScope(statement.item) {
          fileScope += located
          if statement.item.as(DeclSyntax.self)?.is(ImportDeclSyntax.self) != true { declares = true }
        } else {
          body += located
        }
      }
    }
    // Top-level `try` is allowed in a chapter program, where an error that escapes stops it;
    // here it stops the run (the page says so). Typed throws only: Embedded Swift has no `any Error`.
    let source =
      fileScope + "\n" + Self.function(body, entry: LiveWire.Export.run.rawValue, name: runFunction)
    return .done(
      LiveProgram(cell: cell.index, source: source, fileScope: fileScope, body: body, batchable: !declares))
  }

  /// The function one run calls, exported to the page as `entry`.
  static func function(_ body: String, entry: String, name: String) -> String {
    "@_cdecl(\"\(entry)\")\nfunc \(name)() {\ndo {\n" + body
      + "} catch {\nfatalError(\"the cell threw an error\")\n}\n}\n"
  }

  /// Declarations Swift allows only at file scope.
  private static func isFileScope(_ item: CodeBlockItemSyntax.Item) -> Bool {
    guard let decl = item.as(DeclSyntax.self) else { return false }
    return decl.is(ImportDeclSyntax.self) || decl.is(StructDeclSyntax.self) || decl.is(EnumDeclSyntax.self)
      || decl.is(ClassDeclSyntax.self) || decl.is(ProtocolDeclSyntax.self)
      || decl.is(ExtensionDeclSyntax.self)
      || decl.is(TypeAliasDeclSyntax.self) || decl.is(OperatorDeclSyntax.self)
      || decl.is(PrecedenceGroupDeclSyntax.self)
  }

  private static func literal(_ path: String) -> String {
    path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }
}

/// The live cells of a book that compile as one module (``LiveCompiler/startBatch(_:work:)``):
/// every live cell's program that can share a module, planned as if no live cell failed, in book
/// order. A module linked from the batch depends on the whole batch (the optimiser's choices for
/// shared code depend on every caller), so it is kept under a key that covers the book's live
/// cells (`digest`), and so are the results of every chapter with a live cell: a fresh clone and
/// an author who edited one live cell get the same bytes.
struct LiveBatchPlan: Sendable {
  /// The programs, each with its chapter's page name.
  var programs: [(chapter: String, program: LiveProgram)]
  /// See ``digest(of:)``.
  var digest: String

  /// A digest of every live cell of the book (its chapter, place, options and code): what the
  /// batch is compiled from. Nil when the book has fewer than two live cells (no batch). Cheap: it
  /// parses nothing, so every build's results keys can include it.
  static func digest(of chapters: [Chapter]) -> String? {
    let cells = liveCells(of: chapters)
    guard cells.count >= 2 else { return nil }
    var hasher = FieldHasher()
    hasher.add("folio-live-batch-v1")
    for (chapter, cell) in cells {
      hasher.add(chapter.file.path)
      hasher.add("\(cell.index) \(cell.options.startsProgram)")
      hasher.add(cell.code)
    }
    return hasher.hex()
  }

  /// Every live cell that runs, in book order, with its chapter.
  private static func liveCells(of chapters: [Chapter]) -> [(chapter: Chapter, cell: Cell)] {
    chapters.flatMap { chapter in
      chapter.cells.filter { $0.options.live && $0.options.runs }.map { (chapter, $0) }
    }
  }

  /// The batch of `chapters`' live cells; nil when fewer than two can share a module.
  static func of(_ chapters: [Chapter]) -> LiveBatchPlan? {
    guard let digest = digest(of: chapters) else { return nil }
    let programs = liveCells(of: chapters).compactMap {
      chapter, cell -> (chapter: String, program: LiveProgram)? in
      guard case .done(let program) = LiveProgram.plan(cell, in: chapter), program.batchable else {
        return nil
      }
      return (chapter.file.slug, program)
    }
    return programs.count >= 2 ? LiveBatchPlan(programs: programs, digest: digest) : nil
  }

  /// The page names of the chapters with a program in the batch.
  var chapters: Set<String> { Set(programs.map(\.chapter)) }

  /// Whether `program` is one of the batch's: the same source, line directives aside.
  func contains(_ program: LiveProgram) -> Bool {
    let source = program.sourceWithoutLines
    return programs.contains { $0.program.sourceWithoutLines == source }
  }
}

/// What planning or compiling a live cell came to: the thing, or the diagnostics saying why not.
enum LiveOutcome<Value> {
  /// It worked.
  case done(Value)
  /// It did not, for these reasons (at the cell's lines).
  case failed([Diagnostic])
}

extension LiveOutcome: Sendable where Value: Sendable {}
