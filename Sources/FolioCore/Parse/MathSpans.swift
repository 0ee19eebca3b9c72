// Lifts TeX maths (`$…$`, `$$…$$`) out of Markdown before cmark sees it, so backslashes,
// underscores and asterisks inside formulas are not read as Markdown.
import Foundation

/// The result of lifting maths out of a chapter's source.
struct MathSpans {
  /// One formula found in the source.
  struct Formula: Hashable {
    /// The TeX between the dollars.
    var tex: String
    /// `$$…$$` (true) or `$…$` (false).
    var display: Bool
    /// The original source text, dollars included, to put back where maths is not allowed.
    var source: String
  }

  /// Marks a placeholder's start; never produced by cmark itself (a private-use code point).
  static let open: Character = "\u{E000}"
  /// Marks a placeholder's end.
  static let close: Character = "\u{E001}"

  /// The source with each formula replaced by `open + index + close`.
  var text: String
  /// The formulas, by placeholder index.
  var formulas: [Formula]
  /// For each line of `text` (0-based), the 1-based line of the original source it starts on.
  var originalLine: [Int]

  /// Scans `source`, skipping fenced code blocks and code spans.
  init(_ source: String) {
    var outLines: [(text: String, line: Int)] = []
    var formulas: [Formula] = []
    let lines = source.rawLines.map { Substring($0) }
    var fence: (marker: Character, length: Int)?
    // A run of non-blank lines outside fences, scanned together so `$$…$$` may span lines.
    var pending: [Substring] = []
    var pendingStart = 1

    func flush() {
      guard !pending.isEmpty else { return }
      outLines += MathSpans.replace(
        pending.joined(separator: "\n"), startLine: pendingStart, formulas: &formulas)
      pending.removeAll()
    }

    for (index, line) in lines.enumerated() {
      let number = index + 1
      if let open = fence {
        outLines.append((String(line), number))
        if MathSpans.closesFence(line, marker: open.marker, length: open.length) { fence = nil }
      } else if let opened = MathSpans.opensFence(line) {
        flush()
        fence = opened
        outLines.append((String(line), number))
      } else if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
        flush()
        outLines.append((String(line), number))
      } else {
        if pending.isEmpty { pendingStart = number }
        pending.append(line)
      }
    }
    flush()
    self.text = outLines.map(\.text).joined(separator: "\n")
    self.formulas = formulas
    self.originalLine = outLines.map(\.line)
  }

  /// Replaces the maths in one run of non-blank lines; returns the output lines, each with the
  /// original line it starts on.
  private static func replace(
    _ run: String, startLine: Int, formulas: inout [Formula]
  ) -> [(text: String, line: Int)] {
    let chars = Array(run)
    var result: [(text: String, line: Int)] = []
    var out = ""
    var outStart = startLine
    var line = startLine
    var i = 0
    func newline() {
      result.append((out, outStart))
      out = ""
      line += 1
      outStart = line
    }
    func placeholder(_ formula: Formula) {
      formulas.append(formula)
      out.append(open)
      out += String(formulas.count - 1)
      out.append(close)
    }
    while i < chars.count {
      let c = chars[i]
      if c.isLineFeed {
        if c == "\r\n" { out.append("\r") }
        newline()
        i += 1
        continue
      }
      if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
        out += "\\$"
        i += 2
        continue
      }
      if c == "`" {
        var ticks = 0
        while i + ticks < chars.count, chars[i + ticks] == "`" { ticks += 1 }
        if let end = closingBackticks(chars, from: i + ticks, length: ticks) {
          for k in i..<(end + ticks) {
            if chars[k].isLineFeed {
              if chars[k] == "\r\n" { out.append("\r") }
              newline()
            } else {
              out.append(chars[k])
            }
          }
          i = end + ticks
        } else {
          out += String(repeating: "`", count: ticks)
          i += ticks
        }
        continue
      }
      if c == "$" {
        if i + 1 < chars.count, chars[i + 1] == "$" {
          if let end = find("$$", in: chars, from: i + 2), end > i + 2 {
            let raw = String(chars[(i + 2)..<end])
            placeholder(
              Formula(
                tex: raw.trimmingCharacters(in: .whitespacesAndNewlines), display: true,
                source: String(chars[i..<(end + 2)])))
            line += raw.filter(\.isLineFeed).count
            i = end + 2
            continue
          }
        } else if let end = inlineEnd(chars, from: i + 1) {
          let tex = String(chars[(i + 1)..<end])
          placeholder(Formula(tex: tex, display: false, source: "$" + tex + "$"))
          i = end + 1
          continue
        }
      }
      out.append(c)
      i += 1
    }
    result.append((out, outStart))
    return result
  }

  /// Pandoc's rule: the opening `$` has a non-space right after it, the closing `$` a non-space
  /// right before it and no digit right after it; both on the same line.
  private static func inlineEnd(_ chars: [Character], from start: Int) -> Int? {
    guard start < chars.count, !chars[start].isWhitespace, chars[start] != "$" else { return nil }
    var j = start
    while j < chars.count {
      let c = chars[j]
      if c.isLineFeed { return nil }
      if c == "\\" {
        j += 2
        continue
      }
      if c == "$" {
        let before = chars[j - 1]
        let after: Character? = j + 1 < chars.count ? chars[j + 1] : nil
        if !before.isWhitespace && !(after?.isNumber ?? false) { return j }
        return nil
      }
      j += 1
    }
    return nil
  }

  private static func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
    let n = Array(needle)
    var j = start
    while j + n.count <= chars.count {
      if chars[j] == "\\" {
        j += 2
        continue
      }
      if Array(chars[j..<(j + n.count)]) == n { return j }
      j += 1
    }
    return nil
  }

  private static func closingBackticks(_ chars: [Character], from start: Int, length: Int) -> Int? {
    var j = start
    while j < chars.count {
      if chars[j] == "`" {
        var run = 0
        while j + run < chars.count, chars[j + run] == "`" { run += 1 }
        if run == length { return j }
        j += run
      } else {
        j += 1
      }
    }
    return nil
  }

  /// A line that opens a fenced code block: up to 3 spaces, then 3+ backticks or tildes.
  static func opensFence(_ line: Substring) -> (marker: Character, length: Int)? {
    let trimmed = line.drop { $0 == " " }
    guard line.count - trimmed.count <= 3, let first = trimmed.first, first == "`" || first == "~" else {
      return nil
    }
    let length = trimmed.prefix { $0 == first }.count
    guard length >= 3 else { return nil }
    if first == "`" && trimmed.dropFirst(length).contains("`") { return nil }
    return (first, length)
  }

  /// A line that closes the open fence: the same marker, at least as long, nothing after.
  static func closesFence(_ line: Substring, marker: Character, length: Int) -> Bool {
    let trimmed = line.drop { $0 == " " }
    guard line.count - trimmed.count <= 3 else { return false }
    let run = trimmed.prefix { $0 == marker }.count
    return run >= length && trimmed.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
  }
}
