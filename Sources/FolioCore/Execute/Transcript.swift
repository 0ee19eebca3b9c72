// Cuts a chapter program's stdout and stderr into cells, using the runtime's control records.
import FolioProtocol
import Foundation

/// What a chapter program left behind: its control records and its two output streams.
struct Transcript {
  var records: [RuntimeRecord]
  var stdout: OutputFile
  var stderr: OutputFile
  var chapterPath: String
  var limits: ExecutionLimits

  /// Bytes of a failed cell's stderr searched for the trap message (its last lines).
  static let trapWindow = 64 << 10

  /// Cells whose rich values were cut by the limits.
  var truncatedCells: Set<Int>

  init(
    control: ControlRecords, stdout: OutputFile, stderr: OutputFile, chapterPath: String,
    limits: ExecutionLimits
  ) {
    records = control.records
    truncatedCells = control.truncatedCells
    self.stdout = stdout
    self.stderr = stderr
    self.chapterPath = chapterPath
    self.limits = limits
  }

  /// Fills in the result of each of `cells` (the cells of the program that ran) from the
  /// records and the process outcome.
  mutating func assign(
    to results: inout [CellResult], cells: [Int], chapter: Chapter, outcome: ProcessOutcome, timeout: Double
  ) {
    let finished = records.contains { $0.event == .finish }
    for (position, index) in cells.enumerated() {
      let cell = chapter.cells[index]
      let location = SourceLocation(file: chapterPath, line: cell.codeLine, column: cell.codeColumn)
      let mine = records.filter { $0.cell == index }
      guard let begin = mine.first(where: { $0.event == .begin }) else { continue }  // not reached
      let end = mine.first { $0.event == .end }
      let stop = end ?? RuntimeRecord(event: .end, cell: index, stdout: stdout.count, stderr: stderr.count)
      var result = CellResult(status: .ok)
      result.outputs = outputs(from: begin, to: stop, records: mine, truncated: &result.truncated)
      result.inputs = mine.compactMap(LiveInput.init(record:))
      if truncatedCells.contains(index) { result.truncated = true }
      if cell.options.mode == .shouldFail, let verdict = mine.first(where: { $0.event == .shouldFail }) {
        if verdict.outcome == .failed {
          result.status = .failedAsDeclared
        } else {
          result.status = .failed
          result.diagnostics.append(Diagnostic(at: location, "declared should-fail, but it ran to the end"))
        }
      } else if end == nil {
        result.status = .failed
        let message = failureMessage(outcome, timeout: timeout, stderrFrom: begin.stderr, to: stop.stderr)
        result.diagnostics.append(Self.locate(message, default: location))
      }
      results[index] = result
      if end == nil {
        let why =
          outcome.timedOut
          ? "the program timed out in the cell at line" : "the program stopped in the cell at line"
        for later in cells[(position + 1)...] { results[later].note = "\(why) \(cell.codeLine)" }
        break
      }
    }
    if !finished && !outcome.timedOut && outcome.succeeded,
      let last = cells.last(where: { results[$0].status != .notRun })
    {
      results[last].status = .failed
      results[last].diagnostics.append(
        Diagnostic(
          at: SourceLocation(file: chapterPath, line: chapter.cells[last].codeLine, column: 1),
          "the program exited during this cell (exit 0); later cells did not run"))
    }
  }

  /// What to say about a cell that began and never ended.
  /// The trap message is looked for in the last `trapWindow` bytes of the cell's stderr, read
  /// from the file: the page may show only the start of a long stderr, the message is at its end.
  private func failureMessage(_ outcome: ProcessOutcome, timeout: Double, stderrFrom: Int, to: Int) -> String
  {
    if outcome.timedOut {
      return
        "timed out: the chapter program ran longer than \(Self.seconds(timeout)) s while running this cell"
    }
    let end = min(max(to, stderrFrom), stderr.count)
    let tail = String(
      decoding: stderr.read(max(stderrFrom, end - Self.trapWindow), end), as: UTF8.self)
    let trap = Self.cleanTrap(tail, chapterPath: chapterPath).split(separator: "\n").last {
      $0.contains("Fatal error") || $0.contains("failed:")
    }
    if let trap { return "trapped: \(trap.trimmingCharacters(in: .whitespaces))" }
    if let code = outcome.exitCode { return "the program exited with status \(code) during this cell" }
    return "the program stopped during this cell (\(outcome.summary))"
  }

  /// A trap message that names a line of this chapter (`chapters/x.md:12: Fatal error: …`) is
  /// reported at that line, without repeating it.
  static func locate(_ message: String, default location: SourceLocation) -> Diagnostic {
    let marker = "trapped: \(location.file):"
    guard message.hasPrefix(marker) else { return Diagnostic(at: location, message) }
    let rest = message.dropFirst(marker.count)
    let digits = rest.prefix { $0.isNumber }
    guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(": ") else {
      return Diagnostic(at: location, message)
    }
    var place = location
    place.line = line
    place.column = 1
    return Diagnostic(at: place, "trapped: " + rest.dropFirst(digits.count + 2))
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  /// How much of one stream a cell has kept so far.
  private struct Budget {
    var bytes = 0
    var lines = 0
    var full = false
  }

  /// The cell's stdout, stderr and rich values between `begin` and `stop`, in order. Each stream
  /// keeps at most `limits.outputBytes` bytes and `limits.outputLines` lines per cell; only the
  /// kept bytes are read from disk.
  private func outputs(
    from begin: RuntimeRecord, to stop: RuntimeRecord, records: [RuntimeRecord], truncated: inout Bool
  ) -> [OutputItem] {
    var items: [OutputItem] = []
    var out = min(max(begin.stdout, 0), stdout.count)
    var err = min(max(begin.stderr, 0), stderr.count)
    var outBudget = Budget()
    var errBudget = Budget()
    func take(until record: RuntimeRecord) {
      let outEnd = min(max(record.stdout, out), stdout.count)
      let errEnd = min(max(record.stderr, err), stderr.count)
      let printed = keep(stdout, out, outEnd, budget: &outBudget, truncated: &truncated)
      if !printed.isEmpty { append(.stdout(printed)) }
      let written = Self.cleanTrap(
        keep(stderr, err, errEnd, budget: &errBudget, truncated: &truncated), chapterPath: chapterPath)
      if !written.isEmpty { append(.stderr(written)) }
      out = outEnd
      err = errEnd
    }
    func append(_ item: OutputItem) {
      // Merge consecutive text of the same stream.
      if case .stdout(let new) = item, case .stdout(let old)? = items.last {
        items[items.count - 1] = .stdout(old + new)
      } else if case .stderr(let new) = item, case .stderr(let old)? = items.last {
        items[items.count - 1] = .stderr(old + new)
      } else {
        items.append(item)
      }
    }
    for record in records where record.event.carriesValue {
      take(until: record)
      let value = RichValue(
        kind: record.kind ?? .text, data: record.data ?? "", summary: record.summary ?? "")
      switch record.event {
      case .display: append(.display(value))
      case .value: append(.value(value))
      default: append(.lineValue(line: record.line ?? 0, value))
      }
    }
    take(until: stop)
    return items
  }

  /// The part of `file[from..<to]` that fits in what is left of `budget`, as text; sets
  /// `truncated` when anything is left out. Reads at most the bytes it keeps.
  private func keep(
    _ file: OutputFile, _ from: Int, _ to: Int, budget: inout Budget, truncated: inout Bool
  ) -> String {
    guard to > from else { return "" }
    if budget.full {
      truncated = true
      return ""
    }
    let room = max(limits.outputBytes - budget.bytes, 0)
    var bytes = file.read(from, min(to, from + room))
    var cut = bytes.count < to - from
    var lines = budget.lines
    var end = bytes.endIndex
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      lines += 1
      if lines >= limits.outputLines {
        end = bytes.index(after: index)
        break
      }
    }
    if end < bytes.endIndex {
      bytes = bytes.prefix(upTo: end)
      cut = true
    }
    if cut {
      bytes = Self.wholeScalars(bytes)
      truncated = true
      budget.full = true
    }
    budget.bytes += bytes.count
    budget.lines = lines
    if budget.lines >= limits.outputLines || budget.bytes >= limits.outputBytes { budget.full = true }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `bytes` without a UTF-8 sequence cut short at its end, so a cut never shows U+FFFD.
  static func wholeScalars(_ bytes: Data) -> Data {
    guard let last = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return bytes }
    let lead = bytes[last]
    let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    return bytes.distance(from: last, to: bytes.endIndex) < length ? bytes.prefix(upTo: last) : bytes
  }

  /// Drops the runtime's "Current stack trace" (addresses change from run to run) and names the
  /// Markdown file instead of the program's module in trap messages.
  static func cleanTrap(_ text: String, chapterPath: String) -> String {
    var lines: [Substring] = []
    var inTrace = false
    let name = (chapterPath as NSString).lastPathComponent
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("Current stack trace:") {
        inTrace = true
        continue
      }
      if inTrace {
        if line.first?.isNumber == true || line.isEmpty { continue }
        inTrace = false
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n").replacingOccurrences(of: "Chapter/\(name):", with: "\(chapterPath):")
  }
}
