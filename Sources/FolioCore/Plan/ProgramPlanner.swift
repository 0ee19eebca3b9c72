// Plan stage: turns a chapter's cells into one Swift program with notebook semantics.
import FolioProtocol
import Foundation
import SwiftParser
import SwiftSyntax

/// Writes the chapter program.
///
/// Each cell becomes top-level code between `__folio_begin(i)` and `__folio_end(i)`, preceded by
/// `#sourceLocation(file:line:)` so that compiler errors and traps name the Markdown line. Top-level
/// code keeps notebook semantics: later cells see earlier declarations. The value of a cell's last
/// expression is passed to `__folio_show`, like a notebook's `Out[ ]`.
public struct ProgramPlanner: Sendable {
  /// Creates a planner.
  public init() {}

  /// The implicit prelude of every chapter program and compile-fail source.
  static let prelude = "import FolioRuntime\n"

  /// The last line of every chapter program.
  static let finish = "\(RuntimeHook.finish.rawValue)()\n"

  /// Plans the chapter's programs.
  public func plan(_ chapter: Chapter) -> ChapterProgram {
    let path = chapter.file.path
    var segments: [ChapterProgram.Segment] = []
    var bodies: [Int: String] = [:]
    var compileFail: [Int: String] = [:]
    for cell in chapter.cells {
      switch cell.options.mode {
      case .norun:
        continue
      case .compileFail:
        compileFail[cell.index] = Self.prelude + located(cell.code, path: path, line: cell.codeLine)
        continue
      default:
        break
      }
      if segments.isEmpty || cell.options.startsProgram { segments.append(.init(cells: [])) }
      segments[segments.count - 1].cells.append(cell.index)
      let code = located(transform(cell), path: path, line: cell.codeLine)
      var body = "\(RuntimeHook.begin.rawValue)(\(cell.index))\n"
      if cell.options.mode == .shouldFail {
        body += "if \(RuntimeHook.shouldFailBegin.rawValue)(\(cell.index)) {\n\(code)"
        body += "\(RuntimeHook.shouldFailSurvived.rawValue)(\(cell.index))\n}\n"
      } else {
        body += code
      }
      body += "\(RuntimeHook.end.rawValue)(\(cell.index))\n"
      bodies[cell.index] = body
    }
    return ChapterProgram(
      chapterPath: path, segments: segments, bodies: bodies, compileFailSources: compileFail)
  }

  /// Wraps code in `#sourceLocation` directives pointing at its first line in the Markdown.
  private func located(_ code: String, path: String, line: Int) -> String {
    let literal = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    var text = "#sourceLocation(file: \"\(literal)\", line: \(line))\n" + code
    if !text.hasSuffix("\n") { text += "\n" }
    return text + "#sourceLocation()\n"
  }

  /// The cell's code with its last expression (and, with `values`, every top-level expression)
  /// wrapped so its value is reported. Lines and columns before the wrapped text do not move.
  func transform(_ cell: Cell) -> String {
    let source = Parser.parse(source: cell.code)
    let items = source.statements.map(\.item)
    var edits: [(start: Int, end: Int, prefix: String)] = []
    let converter = SourceLocationConverter(fileName: "", tree: source)
    for (i, item) in items.enumerated() {
      guard let expr = item.as(ExprSyntax.self), Self.showsValue(expr) else { continue }
      let start = expr.positionAfterSkippingLeadingTrivia.utf8Offset
      let end = expr.endPositionBeforeTrailingTrivia.utf8Offset
      if i == items.count - 1 {
        edits.append((start, end, "\(RuntimeHook.show.rawValue)("))
      } else if cell.options.lineValues {
        let line = converter.location(for: expr.positionAfterSkippingLeadingTrivia).line + cell.codeLine - 1
        edits.append((start, end, "\(RuntimeHook.line.rawValue)(\(line), "))
      }
    }
    guard !edits.isEmpty else { return cell.code }
    var bytes = Array(cell.code.utf8)
    for edit in edits.reversed() {
      bytes.insert(contentsOf: Array(")".utf8), at: edit.end)
      bytes.insert(contentsOf: Array(edit.prefix.utf8), at: edit.start)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether a top-level expression statement has a value worth showing: not an assignment,
  /// not control flow, not a call that only prints or stops.
  static func showsValue(_ expr: ExprSyntax) -> Bool {
    if expr.is(IfExprSyntax.self) || expr.is(SwitchExprSyntax.self) || expr.is(ClosureExprSyntax.self) {
      return false
    }
    if let infix = expr.as(InfixOperatorExprSyntax.self),
      infix.operator.is(AssignmentExprSyntax.self) || isCompoundAssignment(infix.operator)
    {
      return false
    }
    if let sequence = expr.as(SequenceExprSyntax.self),
      sequence.elements.contains(where: { $0.is(AssignmentExprSyntax.self) || isCompoundAssignment($0) })
    {
      return false
    }
    var callee = expr
    while true {
      if let t = callee.as(TryExprSyntax.self) {
        callee = t.expression
      } else if let a = callee.as(AwaitExprSyntax.self) {
        callee = a.expression
      } else {
        break
      }
    }
    if let call = callee.as(FunctionCallExprSyntax.self),
      let name = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text,
      Self.silentCalls.contains(name)
    {
      return false
    }
    return true
  }

  /// `+=`, `-=` and the like: operators that end in `=` but do not compare.
  static func isCompoundAssignment(_ expr: ExprSyntax) -> Bool {
    guard let op = expr.as(BinaryOperatorExprSyntax.self)?.operator.text else { return false }
    return op.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(op)
  }

  /// Calls whose result is never shown: they print, stop, or return nothing of interest.
  static let silentCalls: Set<String> = [
    "print", "debugPrint", "dump", "display", "fatalError", "precondition", "preconditionFailure",
    "assert", "assertionFailure", "exit",
  ]
}
