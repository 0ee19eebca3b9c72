// Adds the live-reload script, and the error overlay after a failed build, to HTML as it is served.
import Foundation

/// Rewrites HTML responses at serve time only; the files on disk stay exactly as `folio build`
/// wrote them.
public enum PageInjector {
  /// The path the reload script listens on.
  public static let eventsPath = "/__folio/events"

  /// `html` with the reload script (and, when `outcome` failed, an overlay listing its
  /// diagnostics) inserted before `</body>`, or at the end when there is none.
  public static func inject(into html: Data, generation: Int, outcome: BuildOutcome?) -> Data {
    var snippet = script(generation: generation)
    if let outcome, !outcome.succeeded { snippet += overlay(outcome) }
    let text = String(decoding: html, as: UTF8.self)
    if let range = text.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
      var out = text
      out.insert(contentsOf: snippet, at: range.lowerBound)
      return Data(out.utf8)
    }
    return html + Data(snippet.utf8)
  }

  /// The script: listens to the event stream; reloads when a build newer than this page finishes.
  static func script(generation: Int) -> String {
    """
    <script id="folio-live-reload">(function () {
      var page = \(generation);
      var source = new EventSource("\(eventsPath)");
      function badge(text) {
        var b = document.getElementById("folio-live-badge");
        if (!b) {
          b = document.createElement("div");
          b.id = "folio-live-badge";
          b.style.cssText = "position:fixed;right:1em;bottom:1em;z-index:2147483647;padding:.3em .7em;" +
            "border-radius:4px;background:#333;color:#fff;font:13px system-ui,sans-serif;opacity:.85";
          document.body.appendChild(b);
        }
        b.textContent = text;
      }
      function check(e) { if (Number(e.data) !== page) { location.reload(); } }
      source.addEventListener("hello", check);
      source.addEventListener("reload", check);
      source.addEventListener("building", function () { badge("rebuilding\\u2026"); });
    })();</script>

    """
  }

  /// A fixed panel over the page with the failed build's diagnostics, HTML-escaped.
  static func overlay(_ outcome: BuildOutcome) -> String {
    let lines = outcome.diagnostics.isEmpty ? [outcome.summary] : outcome.diagnostics
    let items = lines.map { "<li>\(escape($0))</li>" }.joined()
    return """
      <div id="folio-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483646;\
      overflow:auto;background:rgba(20,20,20,.92);color:#f8f8f2;padding:2em;\
      font:14px/1.5 ui-monospace,monospace"><h2 style="color:#ff6b6b;margin-top:0">folio: the last \
      build failed</h2><p>The page below is from the last good build. Fix the problem and save; \
      this page reloads by itself.</p><ul style="white-space:pre-wrap">\(items)</ul>\
      <button onclick="this.parentNode.remove()">dismiss</button></div>

      """
  }

  /// Escapes text for HTML element content.
  static func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
