// Lifts TeX maths (`$…$`, `$$…$$`) out of Markdown before cmark sees it, so backslashes,
// underscores and asterisks inside formulas are not read as Markdown.
import Foundation

/// The result of lifting maths out of a chapter's source.
///
/// Works on UTF-8 bytes: every delimiter it looks for is ASCII, and a UTF-8 continuation byte
/// never equals an ASCII byte, so scanning bytes is exact and much cheaper than Characters.
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
  private static let openBytes: [UInt8] = [0xEE, 0x80, 0x80]
  private static let closeBytes: [UInt8] = [0xEE, 0x80, 0x81]

  /// The source with each formula replaced by `open + index + close`.
  var text: String
  /// The formulas, by placeholder index.
  var formulas: [Formula]
  /// For each line of `text` (0-based), the 1-based line of the original source it starts on.
  var originalLine: [Int]
  /// Whether every line of `text` is the same line of the source (no formula spans lines).
  var keepsLines: Bool { originalLine.last == originalLine.count }

  /// Scans `source`, skipping fenced code blocks and code spans.
  init(_ source: String) {
    let bytes = Array(source.utf8)
    var scanner = Scanner(bytes: bytes)
    var fence: Fence?
    // A run of non-blank lines outside fences, scanned together so `$$…$$` may span lines.
    var pending: Range<Int>?
    var pendingLine = 1
    for (index, line) in Lines(bytes).enumerated() {
      let number = index + 1
      if let open = fence {
        scanner.copyLine(line, number: number)
        if Fence.closes(bytes[line], open) { fence = nil }
      } else if let opened = Fence.opens(bytes[line]) {
        if let run = pending { scanner.replace(run, startLine: pendingLine) }
        pending = nil
        fence = opened
        scanner.copyLine(line, number: number)
      } else if bytes[line].allSatisfy(Self.isBlank) {
        if let run = pending { scanner.replace(run, startLine: pendingLine) }
        pending = nil
        scanner.copyLine(line, number: number)
      } else if let run = pending {
        pending = run.lowerBound..<line.upperBound
      } else {
        pending = line
        pendingLine = number
      }
    }
    if let run = pending { scanner.replace(run, startLine: pendingLine) }
    text = String(decoding: scanner.out, as: UTF8.self)
    formulas = scanner.formulas
    originalLine = scanner.lineStarts
  }

  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

  static func isSpace(_ byte: UInt8) -> Bool { isBlank(byte) || byte == 0x0A }

  /// Builds the output bytes line by line, remembering where each output line came from.
  private struct Scanner {
    let bytes: [UInt8]
    var out: [UInt8] = []
    var formulas: [Formula] = []
    var lineStarts: [Int] = []

    /// The bytes with a NUL after them, for `strcspn`.
    private let terminated: [UInt8]

    init(bytes: [UInt8]) {
      self.bytes = bytes
      terminated = bytes + [0]
      out.reserveCapacity(bytes.count)
    }

    /// How many bytes from `i` on (and before `end`) are none of the ones `replace` looks at: the
    /// C library finds the next one, so ordinary text is copied a run at a time.
    private func ordinaryRun(from i: Int, to end: Int) -> Int {
      let run = terminated.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { strcspn($0.baseAddress! + i, "\n\\`$") }
      }
      return min(run, end - i)
    }

    /// Starts an output line that begins on original line `number`.
    private mutating func startLine(_ number: Int) {
      if !lineStarts.isEmpty { out.append(0x0A) }
      lineStarts.append(number)
    }

    mutating func copyLine(_ line: Range<Int>, number: Int) {
      startLine(number)
      out += bytes[line]
    }

    /// Copies a run of lines, replacing maths with placeholders.
    mutating func replace(_ run: Range<Int>, startLine first: Int) {
      var line = first
      startLine(line)
      var i = run.lowerBound
      let end = run.upperBound
      while i < end {
        let c = bytes[i]
        switch c {
        case 0x0A:  // a line break inside the run
          line += 1
          startLine(line)
          i += 1
        case 0x5C where i + 1 < end && bytes[i + 1] == 0x24:  // \$
          out += [0x5C, 0x24]
          i += 2
        case 0x60:  // `: a code span is copied as it is
          var ticks = 0
          while i + ticks < end, bytes[i + ticks] == 0x60 { ticks += 1 }
          if let close = closingBackticks(from: i + ticks, to: end, length: ticks) {
            for k in i..<(close + ticks) {
              if bytes[k] == 0x0A {
                line += 1
                startLine(line)
              } else {
                out.append(bytes[k])
              }
            }
            i = close + ticks
          } else {
            out += repeatElement(0x60, count: ticks)
            i += ticks
          }
        case 0x24 where i + 1 < end && bytes[i + 1] == 0x24:  // $$…$$
          if let close = findDoubleDollar(from: i + 2, to: end), close > i + 2 {
            let raw = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
            placeholder(
              Formula(
                tex: raw.trimmingCharacters(in: .whitespacesAndNewlines), display: true,
                source: String(decoding: bytes[i..<(close + 2)], as: UTF8.self)))
            line += bytes[(i + 2)..<close].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            i = close + 2
          } else {
            out += [0x24, 0x24]
            i += 2
          }
        case 0x24:  // $…$
          if let close = inlineEnd(from: i + 1, to: end) {
            let tex = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
            placeholder(Formula(tex: tex, display: false, source: "$" + tex + "$"))
            i = close + 1
          } else {
            out.append(c)
            i += 1
          }
        default:
          let run = ordinaryRun(from: i, to: end)
          if run > 1 {
            out += bytes[i..<(i + run)]
            i += run
          } else {
            out.append(c)
            i += 1
          }
        }
      }
    }

    private mutating func placeholder(_ formula: Formula) {
      formulas.append(formula)
      out += MathSpans.openBytes
      out += Array(String(formulas.count - 1).utf8)
      out += MathSpans.closeBytes
    }

    /// Pandoc's rule: the opening `$` has a non-space right after it, the closing `$` a
    /// non-space right before it and no digit right after it; both on the same line.
    private func inlineEnd(from start: Int, to end: Int) -> Int? {
      guard start < end, !MathSpans.isSpace(bytes[start]), bytes[start] != 0x24 else { return nil }
      var j = start
      while j < end {
        switch bytes[j] {
        case 0x0A: return nil
        case 0x5C: j += 2
        case 0x24:
          let after: UInt8? = j + 1 < end ? bytes[j + 1] : nil
          if !MathSpans.isSpace(bytes[j - 1]) && !(after.map { (0x30...0x39).contains($0) } ?? false) {
            return j
          }
          return nil
        default: j += 1
        }
      }
      return nil
    }

    private func findDoubleDollar(from start: Int, to end: Int) -> Int? {
      var j = start
      while j + 1 < end {
        if bytes[j] == 0x5C {
          j += 2
        } else if bytes[j] == 0x24 && bytes[j + 1] == 0x24 {
          return j
        } else {
          j += 1
        }
      }
      return nil
    }

    private func closingBackticks(from start: Int, to end: Int, length: Int) -> Int? {
      var j = start
      while j < end {
        if bytes[j] == 0x60 {
          var run = 0
          while j + run < end, bytes[j + run] == 0x60 { run += 1 }
          if run == length { return j }
          j += run
        } else {
          j += 1
        }
      }
      return nil
    }
  }
}

/// An open fenced code block: its marker (backtick or tilde) and how many.
struct Fence: Equatable {
  /// `` ` `` or `~`.
  var marker: UInt8
  /// At least 3.
  var length: Int

  /// A line that opens a fenced code block: up to 3 spaces, then 3+ backticks or tildes (a
  /// backtick fence's info string holds no backtick).
  static func opens(_ line: ArraySlice<UInt8>) -> Fence? {
    guard let lead = line.first, lead == 0x20 || lead == 0x60 || lead == 0x7E else { return nil }
    let indent = line.prefix { $0 == 0x20 }.count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let first = rest.first, first == 0x60 || first == 0x7E else { return nil }
    let length = rest.prefix { $0 == first }.count
    guard length >= 3 else { return nil }
    if first == 0x60 && rest.dropFirst(length).contains(0x60) { return nil }
    return Fence(marker: first, length: length)
  }

  /// A line that closes `fence`: the same marker, at least as long, nothing after but blanks.
  static func closes(_ line: ArraySlice<UInt8>, _ fence: Fence) -> Bool {
    guard let lead = line.first, lead == 0x20 || lead == fence.marker else { return false }
    let indent = line.prefix { $0 == 0x20 }.count
    guard indent <= 3 else { return false }
    let rest = line.dropFirst(indent)
    let run = rest.prefix { $0 == fence.marker }.count
    return run >= fence.length && rest.dropFirst(run).allSatisfy(MathSpans.isBlank)
  }
}

/// The byte ranges of the lines of a UTF-8 text, split at `\n` (a CRLF line keeps its `\r`).
struct Lines: Sequence {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func makeIterator() -> IndexingIterator<[Range<Int>]> { Self.ranges(bytes).makeIterator() }

  /// Every line's range, the last one's (empty after a final newline) included; `memchr` finds
  /// the newlines, so a long chapter is split at the speed of the C library in any build.
  static func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var start = 0
      while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
        let newline = start + (UnsafeRawPointer(found) - UnsafeRawPointer(base + start))
        ranges.append(start..<newline)
        start = newline + 1
      }
      ranges.append(start..<buffer.count)
    }
    return ranges.isEmpty ? [0..<0] : ranges
  }
}
