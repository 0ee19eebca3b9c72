// Cuts a chapter program's stdout and stderr into cells, using the runtime's control records.
import Foundation

/// What a chapter program left behind: its control records and its two output streams.
struct Transcript {
  var records: [RuntimeRecord]
  var stdout: Data
  var stderr: Data
  var chapterPath: String
  var limits: ExecutionLimits

  init(control: Data, stdout: Data, stderr: Data, chapterPath: String, limits: ExecutionLimits) {
    let decoder = JSONDecoder()
    records = control.split(separator: UInt8(ascii: "\n")).compactMap {
      try? decoder.decode(RuntimeRecord.self, from: Data($0))
    }
    self.stdout = stdout
    self.stderr = stderr
    self.chapterPath = chapterPath
    self.limits = limits
  }

  /// Fills in the result of every runnable cell from the records and the process outcome.
  mutating func assign(
    to results: inout [CellResult], chapter: Chapter, program: ChapterProgram, outcome: ProcessOutcome,
    timeout: Double
  ) {
    let finished = records.contains { $0.event == "finish" }
    for index in program.runnableCells {
      let cell = chapter.cells[index]
      let location = SourceLocation(file: chapterPath, line: cell.codeLine, column: cell.codeColumn)
      let mine = records.filter { $0.cell == index }
      guard let begin = mine.first(where: { $0.event == "begin" }) else { continue }  // not reached
      let end = mine.first { $0.event == "end" }
      let stop = end ?? RuntimeRecord(event: "eof", cell: index, stdout: stdout.count, stderr: stderr.count)
      var result = CellResult(status: .ok)
      result.outputs = outputs(from: begin, to: stop, records: mine, truncated: &result.truncated)
      if cell.options.mode == .shouldFail, let verdict = mine.first(where: { $0.event == "shouldFail" }) {
        if verdict.outcome == "failed" {
          result.status = .failedAsDeclared
        } else {
          result.status = .failed
          result.diagnostics.append(Diagnostic(at: location, "declared should-fail, but it ran to the end"))
        }
      } else if end == nil {
        result.status = .failed
        let message = failureMessage(outcome, timeout: timeout, output: result)
        result.diagnostics.append(Self.locate(message, default: location))
      }
      results[index] = result
      if end == nil { break }
    }
    if !finished && !outcome.timedOut && outcome.succeeded,
      let last = program.runnableCells.last(where: { results[$0].status != .notRun })
    {
      results[last].status = .failed
      results[last].diagnostics.append(
        Diagnostic(
          at: SourceLocation(file: chapterPath, line: chapter.cells[last].codeLine, column: 1),
          "the program exited during this cell (exit 0); later cells did not run"))
    }
  }

  /// What to say about a cell that began and never ended.
  private func failureMessage(_ outcome: ProcessOutcome, timeout: Double, output: CellResult) -> String {
    if outcome.timedOut {
      return
        "timed out: the chapter program ran longer than \(Self.seconds(timeout)) s while running this cell"
    }
    let trap = output.outputs.compactMap { item -> String? in
      if case .stderr(let text) = item { return text } else { return nil }
    }.joined().split(separator: "\n").last { $0.contains("Fatal error") || $0.contains("failed:") }
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

  /// The cell's stdout, stderr and rich values between `begin` and `stop`, in order.
  private func outputs(
    from begin: RuntimeRecord, to stop: RuntimeRecord, records: [RuntimeRecord], truncated: inout Bool
  ) -> [OutputItem] {
    var items: [OutputItem] = []
    var out = begin.stdout
    var err = begin.stderr
    var keptBytes = 0
    var keptLines = 0
    func take(until record: RuntimeRecord) {
      let outEnd = min(max(record.stdout, out), stdout.count)
      let errEnd = min(max(record.stderr, err), stderr.count)
      if outEnd > out {
        var text = text(stdout, out, outEnd)
        clip(&text)
        if !text.isEmpty { append(.stdout(text)) }
      }
      if errEnd > err {
        let text = Self.cleanTrap(text(stderr, err, errEnd), chapterPath: chapterPath)
        if !text.isEmpty { append(.stderr(text)) }
      }
      out = max(out, outEnd)
      err = max(err, errEnd)
    }
    func text(_ data: Data, _ from: Int, _ to: Int) -> String {
      String(decoding: data[data.startIndex + from..<data.startIndex + to], as: UTF8.self)
    }
    func clip(_ text: inout String) {
      if truncated {
        text = ""
        return
      }
      var bytes = 0
      var lines = 0
      var cut: String.Index?
      for index in text.indices {
        bytes += text[index].utf8.count
        if text[index] == "\n" { lines += 1 }
        if keptBytes + bytes > limits.outputBytes || keptLines + lines >= limits.outputLines {
          cut = text.index(after: index)
          break
        }
      }
      if let cut, cut < text.endIndex || keptLines + lines >= limits.outputLines {
        if cut < text.endIndex {
          text = String(text[..<cut])
          truncated = true
        }
      }
      keptBytes += text.utf8.count
      keptLines += lines
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
    for record in records where ["display", "value", "lineValue"].contains(record.event) {
      take(until: record)
      let value = RichValue(
        kind: RichValue.Kind(rawValue: record.kind ?? "text") ?? .text, data: record.data ?? "",
        summary: record.summary ?? "")
      switch record.event {
      case "display": append(.display(value))
      case "value": append(.value(value))
      default: append(.lineValue(line: record.line ?? 0, value))
      }
    }
    take(until: stop)
    return items
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
