// Renders one Swift cell: its highlighted code and the output it really produced.
import Foundation

/// Builds the `<div class="cell …">` of one cell from the cell and its result.
///
/// Text the program printed is always escaped; SVG and HTML are inlined only when they came
/// through the display channel (`OutputItem.display` / `.value` with a rich kind), never from
/// stdout, so a cell that prints `<script>` shows those characters.
struct CellRenderer: Sendable {
  /// The highlighter for the cell's code.
  var highlighter = SwiftHighlighter()

  /// The cell's HTML. `result` is nil when the build has no result for it.
  func render(_ cell: Cell, result: CellResult?) -> String {
    let status = result?.status ?? .notRun
    let options = cell.options
    let failed = status == .failed
    // A failed cell is always shown, even a `setup` one, so the problem is never hidden.
    if !options.showsCode && !options.showsOutput && !failed { return "" }

    var classes = ["cell", "cell-\(options.mode.rawValue)", "cell-status-\(status.rawValue)"]
    if result?.truncated == true { classes.append("cell-truncated") }
    // A live cell the page can re-run: its module compiled (the page's script finds it by id).
    let live = options.live && result?.live != nil && status == .ok
    if live { classes.append("cell-live") }
    var html = "<div class=\"\(classes.joined(separator: " "))\" id=\"cell-\(cell.index + 1)\">\n"

    var lineValues: [Int: [RichValue]] = [:]
    var strayLineValues: [(Int, RichValue)] = []
    let codeLines = Self.displayCode(cell.code)
    for item in result?.outputs ?? [] {
      guard case .lineValue(let line, let value) = item else { continue }
      let offset = line - cell.codeLine
      if options.showsCode, value.kind == .text, offset >= 0, offset < codeLines.count {
        lineValues[offset, default: []].append(value)
      } else {
        strayLineValues.append((line, value))
      }
    }

    if options.showsCode {
      html += codeHTML(codeLines, lineValues: lineValues)
    }
    html += statusHTML(status, mode: options.mode, note: result?.note)
    if live, let inputs = result?.inputs, !inputs.isEmpty {
      html += inputsHTML(inputs, cell: cell)
    }
    if options.showsOutput || failed {
      html += outputHTML(cell, result: result, strayLineValues: strayLineValues, live: live)
    }
    html += "</div>\n"
    return html
  }

  /// The code lines as shown: the code without its final line break.
  static func displayCode(_ code: String) -> [String] {
    var lines = code.rawLines
    if lines.count > 1, lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The code block with a copy button and any per-line values.
  private func codeHTML(_ codeLines: [String], lineValues: [Int: [RichValue]]) -> String {
    var lines = highlighter.lines(codeLines.joined(separator: "\n"))
    for (offset, values) in lineValues where offset < lines.count {
      let text = values.map(\.data).joined(separator: ", ")
      lines[offset] +=
        "<span class=\"line-value\"><span class=\"visually-hidden\">value: </span>\(HTML.escape(text))</span>"
    }
    return
      "<div class=\"cell-code\"><button type=\"button\" class=\"copy-button\" aria-label=\"Copy code\">Copy</button>"
      + "<pre class=\"code\"><code class=\"language-swift\">\(lines.joined(separator: "\n"))</code></pre></div>\n"
  }

  /// The visible label of a cell that did not simply run.
  private func statusHTML(_ status: CellResult.Status, mode: CellOptions.Mode, note: String?) -> String {
    switch status {
    case .ok: return ""
    case .failed:
      let what =
        mode == .shouldFail
        ? "This cell was declared to fail but ran to its end"
        : (mode == .compileFail ? "This cell was declared not to compile but compiled" : "This cell failed")
      return "<p class=\"cell-label cell-label-failed\"><span aria-hidden=\"true\">✗ </span>\(what)</p>\n"
    case .notRun:
      let why = note ?? "an earlier cell failed"
      return "<p class=\"cell-label cell-label-not-run\">Not run: \(HTML.escape(why)).</p>\n"
    case .failedAsDeclared:
      let what = mode == .compileFail ? "Does not compile, as expected" : "Fails, as expected"
      return "<p class=\"cell-label cell-label-expected\"><span aria-hidden=\"true\">✓ </span>\(what)</p>\n"
    }
  }

  /// A live cell's sliders, one per declared input, labelled and showing their value. Hidden
  /// until the page's script has the cell's module: without script the page is the build's.
  private func inputsHTML(_ inputs: [LiveInput], cell: Cell) -> String {
    var html = "<div class=\"live-inputs\" hidden>\n"
    for (number, input) in inputs.enumerated() {
      let id = "cell-\(cell.index + 1)-input-\(number + 1)"
      html +=
        "<div class=\"live-input\"><label for=\"\(id)\">\(HTML.escape(input.label))</label>"
        + "<input type=\"range\" id=\"\(id)\" min=\"\(Self.number(input.min))\" max=\"\(Self.number(input.max))\" "
        + "step=\"\(Self.number(input.step))\" value=\"\(Self.number(input.value))\">"
        + "<output for=\"\(id)\">\(input.text(input.value))</output></div>\n"
    }
    return html + "</div>\n"
  }

  /// A number as an HTML attribute: the shortest text that reads back as the same double.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// The `cell-output` block, or nothing when there is nothing to show. A live cell's output is
  /// a polite live region: assistive technology announces what a re-run shows.
  private func outputHTML(
    _ cell: Cell, result: CellResult?, strayLineValues: [(Int, RichValue)], live: Bool = false
  ) -> String {
    guard let result else { return "" }
    var parts: [String] = []
    var pendingText: (kind: String, text: String)? = nil

    func flush() {
      guard let pending = pendingText else { return }
      pendingText = nil
      guard !pending.text.isEmpty else { return }
      if pending.kind == "stdout" {
        parts.append("<pre class=\"output-stdout\">\(HTML.escape(pending.text))</pre>")
      } else {
        parts.append(
          "<div class=\"output-stderr\"><span class=\"output-label\">stderr</span><pre>\(HTML.escape(pending.text))</pre></div>"
        )
      }
    }

    for item in result.outputs {
      switch item {
      case .stdout(let text), .stderr(let text):
        let kind = if case .stdout = item { "stdout" } else { "stderr" }
        if pendingText?.kind == kind {
          pendingText!.text += text
        } else {
          flush()
          pendingText = (kind, text)
        }
      case .display(let value):
        flush()
        parts.append(richHTML(value, cssClass: "output-display"))
      case .value(let value):
        flush()
        if Self.repeatsPrintedText(value, printed: result.printedText) { continue }
        parts.append(
          "<div class=\"output-value\"><span class=\"visually-hidden\">Value of the last expression: </span>"
            + richHTML(value, cssClass: "output-value-body") + "</div>")
      case .lineValue:
        continue
      }
    }
    flush()
    for (line, value) in strayLineValues {
      parts.append(
        "<div class=\"output-line-value\"><span class=\"output-prompt\">line \(line):</span>"
          + richHTML(value, cssClass: "output-value-body") + "</div>")
    }
    if result.truncated {
      parts.append(
        "<p class=\"output-truncated\">Output truncated: the cell printed or displayed more than the page shows.</p>"
      )
    }
    if !result.diagnostics.isEmpty {
      let text = result.diagnostics.map(\.description).joined(separator: "\n")
      let kind =
        result.status == .failedAsDeclared
        ? "output-diagnostics output-diagnostics-expected" : "output-diagnostics"
      parts.append(
        "<div class=\"\(kind)\"><span class=\"output-label\">diagnostics</span><pre>\(HTML.escape(text))</pre></div>"
      )
    }
    guard !parts.isEmpty else { return "" }
    let region = live ? " aria-live=\"polite\"" : ""
    return "<div class=\"cell-output\"\(region)>\n" + parts.joined(separator: "\n") + "\n</div>\n"
  }

  /// Whether a cell's last value would only repeat what the cell printed: some printed line ends
  /// with the value's exact text form (a text value's text, a table's or plot's summary), either
  /// as the whole line or after a space. `print("p =", p)` followed by `p` shows `p` once.
  static func repeatsPrintedText(_ value: RichValue, printed: String) -> Bool {
    let shown = value.kind == .text ? value.data : value.summary
    let text = shown.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty, !text.contains("\n") else { return false }
    for line in printed.split(separator: "\n", omittingEmptySubsequences: true) {
      var line = Substring(line)
      while let last = line.last, last.isWhitespace { line = line.dropLast() }
      if line == text || line.hasSuffix(" " + text) { return true }
    }
    return false
  }

  /// A rich value: SVG and HTML inlined (with a text alternative), text escaped.
  ///
  /// A plot is one image to assistive technology (`role="img"`, named by its summary), on a
  /// `div`: HTML allows no such role on `figure`. An HTML value (a table) stays navigable, as
  /// a group the summary names (the `figure` role is not one every checker knows yet).
  private func richHTML(_ value: RichValue, cssClass: String) -> String {
    switch value.kind {
    case .text:
      return "<pre class=\"\(cssClass) rich-text\">\(HTML.escape(value.data))</pre>"
    case .svg:
      let label = value.summary.isEmpty ? "Plot" : value.summary
      return
        "<div class=\"\(cssClass) rich-svg\" role=\"img\" aria-label=\"\(HTML.escape(label))\">\(value.data)</div>"
    case .html:
      let label = value.summary.isEmpty ? "" : " role=\"group\" aria-label=\"\(HTML.escape(value.summary))\""
      return "<div class=\"\(cssClass) rich-html\"\(label)>\(value.data)</div>"
    }
  }
}
