// `folio check --update`: writes what cells printed into their `output` blocks, and nothing else.
import Foundation

/// Rewrites a chapter's expected-output blocks, changing no other byte of the file.
public enum ExpectedOutputUpdater {
  /// The chapter's text with every printing cell's `output` block set to what it printed (a
  /// block is added after a cell that prints but has none; a block whose cell printed nothing
  /// is left alone, and so is one that already matches within `tolerance` — the cell's own
  /// tolerance wins). Line endings follow the file's own (CRLF stays CRLF).
  public static func update(_ text: String, chapter: Chapter, results: ChapterResults, tolerance: Tolerance)
    -> String
  {
    let crlf = text.contains("\r\n")
    var lines = text.rawLines
    // Edit from the bottom up so earlier line numbers stay valid.
    for (cell, result) in zip(chapter.cells, results.cells).reversed() {
      guard cell.options.runs, result.status == .ok || result.status == .failedAsDeclared else { continue }
      let printed = result.printedText
      guard !printed.isEmpty else { continue }
      let body = printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
      let bodyLines = body.rawLines.map { $0 + (crlf ? "\r" : "") }
      if let expected = cell.expected {
        let open = expected.fenceLine - 1
        let close = expected.closingLine - 1
        let fence = fenceText(lines[open])
        if close > open, close < lines.count, isClosingFence(lines[close], fence: fence) {
          let cellTolerance = cell.options.tolerance ?? tolerance
          if OutputComparison.compare(expected: expected.text, actual: printed, tolerance: cellTolerance)
            == nil
          {
            continue
          }
          lines.replaceSubrange((open + 1)..<close, with: bodyLines)
        } else {
          // Unterminated block at the end of the file: close it.
          lines.replaceSubrange((open + 1)..<lines.count, with: bodyLines + [fence + (crlf ? "\r" : "")])
        }
      } else {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(printed) + 1))
        let insertion = [""] + ["\(fence)output"] + bodyLines.map { $0 } + [fence]
        let at = min(cell.closingLine, lines.count)
        lines.insert(contentsOf: insertion.map { $0.hasSuffix("\r") || !crlf ? $0 : $0 + "\r" }, at: at)
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func fenceText(_ line: String) -> String {
    let trimmed = line.drop { $0 == " " }
    guard let first = trimmed.first else { return "```" }
    return String(trimmed.prefix { $0 == first })
  }

  private static func isClosingFence(_ line: String, fence: String) -> Bool {
    let trimmed = line.drop { $0 == " " }.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let marker = fence.first else { return false }
    return trimmed.count >= fence.count && trimmed.allSatisfy { $0 == marker }
  }

  private static func longestBacktickRun(_ text: String) -> Int {
    var longest = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }
}
