// Escaping for text placed into HTML or SVG markup.

/// Escapes text for HTML and XML (element content and double-quoted attributes).
///
/// Cells' text lands inside tables and SVG; escaping `&`, `<`, `>` and quotes keeps it text.
/// Control characters other than tab and newline are dropped, as XML does not allow them.
public enum HTMLText {
  /// `text` with `& < > " '` replaced by entities.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
