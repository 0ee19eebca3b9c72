// Reads the Swift compiler's diagnostics (`path:line:col: error: message`) into Diagnostic values.
import Foundation

/// Parses compiler output.
enum CompilerOutput {
  /// Every `path:line:col: severity: message` line, with the source excerpt lines after it
  /// kept as part of the message. Paths stay as the compiler printed them: inside cells they
  /// are the Markdown paths given to `#sourceLocation`.
  static func parse(_ text: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let diagnostic = parseLine(line) {
        diagnostics.append(diagnostic)
      }
    }
    return diagnostics
  }

  private static func parseLine(_ line: Substring) -> Diagnostic? {
    for severity in [Diagnostic.Severity.error, .warning, .note] {
      let marker = ": \(severity.rawValue): "
      guard let range = line.range(of: marker) else { continue }
      let head = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
      guard head.count >= 3, let lineNumber = Int(head[head.count - 2]),
        let column = Int(head[head.count - 1])
      else { continue }
      let file = head.dropLast(2).joined(separator: ":")
      return Diagnostic(
        severity, at: SourceLocation(file: file, line: lineNumber, column: column),
        String(line[range.upperBound...]))
    }
    return nil
  }
}
