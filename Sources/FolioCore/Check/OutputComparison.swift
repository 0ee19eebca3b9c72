// Compares a cell's printed output with its expected block: numbers as numbers, the rest exactly.
import Foundation

/// The first difference between an expected output and what a cell printed.
public struct OutputDifference: Sendable, Hashable, CustomStringConvertible {
  /// 0-based line within the expected block where the difference is.
  public var line: Int
  /// What differs, in words and numbers.
  public var message: String

  /// The message.
  public var description: String { message }
}

/// Numeric-aware comparison of expected and actual output.
public enum OutputComparison {
  /// A piece of output: literal text or a number with its spelling.
  enum Token: Equatable {
    case text(String)
    case number(Double, String)
  }

  /// Compares; nil when they match within `tolerance`.
  ///
  /// Every number in `expected` must match the number in the same place of `actual` within the
  /// tolerance; everything else must match exactly, except for white space at the ends of lines
  /// and blank lines at the end.
  public static func compare(expected: String, actual: String, tolerance: Tolerance) -> OutputDifference? {
    let e = normalise(expected)
    let a = normalise(actual)
    if e == a { return nil }
    let expectedLines = e.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = a.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, expectedLine) in expectedLines.enumerated() {
      guard i < actualLines.count else {
        return OutputDifference(
          line: i, message: "output ends early: expected line \(i + 1) \(quote(expectedLine)), got nothing")
      }
      let actualLine = actualLines[i]
      if expectedLine == actualLine { continue }
      let et = tokens(expectedLine)
      let at = tokens(actualLine)
      if et.count == at.count {
        var mismatch: String?
        for (x, y) in zip(et, at) {
          switch (x, y) {
          case (.number(let ev, let es), .number(let av, let avs)):
            if !tolerance.accepts(expected: ev, actual: av) {
              mismatch =
                "number differs: expected \(es), got \(avs) (difference \(format(abs(av - ev))), tolerance \(tolerance))"
            }
          case (.text(let xs), .text(let ys)) where xs == ys:
            continue
          default:
            mismatch = "line \(i + 1) differs: expected \(quote(expectedLine)), got \(quote(actualLine))"
          }
          if mismatch != nil { break }
        }
        if let mismatch { return OutputDifference(line: i, message: mismatch) }
        continue
      }
      return OutputDifference(
        line: i, message: "line \(i + 1) differs: expected \(quote(expectedLine)), got \(quote(actualLine))")
    }
    if actualLines.count > expectedLines.count {
      return OutputDifference(
        line: expectedLines.count,
        message:
          "output goes on: line \(expectedLines.count + 1) is \(quote(actualLines[expectedLines.count])), expected nothing more"
      )
    }
    return nil
  }

  /// Drops white space at line ends and blank lines at the end; CRLF reads as LF.
  static func normalise(_ text: String) -> String {
    // On the UTF-8 bytes, lines found by memchr: splitting a String compares grapheme clusters,
    // slow for long outputs (and a CR LF is one cluster, so it is split by bytes anyway).
    var text = text
    return text.withUTF8 { bytes -> String in
      guard let base = bytes.baseAddress else { return "" }
      var lines: [UnsafeBufferPointer<UInt8>] = []
      var start = 0
      while start <= bytes.count {
        let rest = bytes.count - start
        let newline = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
        let stop = newline.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
        var end = stop
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 || base[end - 1] == 0x0D {
          end -= 1
        }
        lines.append(UnsafeBufferPointer(start: base + start, count: end - start))
        start = stop + 1
      }
      while let last = lines.last, last.isEmpty { lines.removeLast() }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      for (i, line) in lines.enumerated() {
        if i > 0 { out.append(0x0A) }
        out.append(contentsOf: line)
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Splits a line into text and numbers (`-1.5`, `2e-3`, `inf`, `nan`).
  static func tokens(_ line: Substring) -> [Token] {
    var tokens: [Token] = []
    var text = ""
    let chars = Array(line)
    var i = 0
    func flush() {
      if !text.isEmpty { tokens.append(.text(text)) }
      text = ""
    }
    while i < chars.count {
      if let (value, length) = number(chars, at: i) {
        flush()
        tokens.append(.number(value, String(chars[i..<(i + length)])))
        i += length
      } else {
        text.append(chars[i])
        i += 1
      }
    }
    flush()
    return tokens
  }

  /// A number starting at `i` (not inside a word), with its length.
  private static func number(_ c: [Character], at start: Int) -> (Double, Int)? {
    if start > 0, c[start - 1].isLetter || c[start - 1] == "_" || c[start - 1].isNumber || c[start - 1] == "."
    {
      return nil
    }
    var i = start
    if i < c.count, c[i] == "-" || c[i] == "+" { i += 1 }
    for word in ["inf", "nan"] {
      let w = Array(word)
      if i + w.count <= c.count, Array(c[i..<(i + w.count)]) == w,
        i + w.count == c.count || !(c[i + w.count].isLetter || c[i + w.count].isNumber)
      {
        let sign: Double = c[start] == "-" ? -1 : 1
        return (word == "inf" ? sign * .infinity : .nan, i + w.count - start)
      }
    }
    let digitsStart = i
    while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
    var digits = i - digitsStart
    if i < c.count, c[i] == ".", i + 1 < c.count, c[i + 1].isASCII, c[i + 1].isNumber {
      i += 1
      let fractionStart = i
      while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
      digits += i - fractionStart
    }
    guard digits > 0 else { return nil }
    if i < c.count, c[i] == "e" || c[i] == "E" {
      var j = i + 1
      if j < c.count, c[j] == "-" || c[j] == "+" { j += 1 }
      let expStart = j
      while j < c.count, c[j].isASCII, c[j].isNumber { j += 1 }
      if j > expStart { i = j }
    }
    if i < c.count, c[i].isLetter || c[i] == "_" { return nil }
    guard let value = Double(String(c[start..<i])) else { return nil }
    return (value, i - start)
  }

  private static func quote(_ s: Substring) -> String { "\"\(s)\"" }

  private static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
