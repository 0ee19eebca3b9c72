// Escaping and small helpers for writing HTML by hand, safely.
import Foundation

/// Helpers that make text safe to place inside HTML.
///
/// Every piece of text that reaches a page goes through `escape`; the only strings written
/// unescaped are markup this module builds itself, KaTeX's output, and rich values that came
/// through the display channel.
enum HTML {
  /// Escapes `&`, `<`, `>`, `"` and `'`, so the text is safe both as content and in attributes.
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Turns character references (`&amp;`, `&lt;`, `&#x2225;`, `&#39;`, …) in markup text back into
  /// characters; enough for the text of KaTeX's MathML, which uses the five escapes and numeric ones.
  static func unescape(_ text: String) -> String {
    guard text.contains("&") else { return text }
    let named: [Substring: String] = [
      "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]
    var out = ""
    var rest = text[...]
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      rest = rest[amp...]
      guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
        out.append("&")
        rest = rest.dropFirst()
        continue
      }
      let name = rest[rest.index(after: rest.startIndex)..<semicolon]
      var replacement: String?
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
      } else if name.hasPrefix("#") {
        replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
      } else {
        replacement = named[name]
      }
      if let replacement {
        out += replacement
        rest = rest[rest.index(after: semicolon)...]
      } else {
        out.append("&")
        rest = rest.dropFirst()
      }
    }
    return out + rest
  }

  /// A string made safe for use as an `id` or fragment: letters, digits, `-` and `_` kept,
  /// anything else replaced by `-`.
  static func identifier(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
        out.unicodeScalars.append(scalar)
      } else {
        out += "-"
      }
    }
    return out.isEmpty ? "x" : out
  }

  /// A Markdown link or image destination as it goes into `href`/`src`: pointed at the site's
  /// page when it names a chapter (`siteLink`), then percent-encoded as cmark-gfm encodes it,
  /// empty when its scheme is unsafe (`javascript:`, …). Ready to write between double quotes.
  static func href(_ destination: String) -> String {
    CMark.escapedDestination(siteLink(destination))
  }

  /// Where a Markdown link points on the site.
  ///
  /// A link to another chapter (`02-x.md`, `./02-x.md#part`) becomes a link to its page
  /// (`02-x.html#part`): the site is flat, so only the file name is kept. A link with a scheme
  /// (`https:`, `irc:`, `javascript:`) is left as it is; `href` decides whether it is safe.
  static func siteLink(_ destination: String) -> String {
    if scheme(of: destination) != nil { return destination }
    var path = Substring(destination)
    var fragment: Substring? = nil
    if let hash = destination.firstIndex(of: "#") {
      path = destination[..<hash]
      fragment = destination[destination.index(after: hash)...]
    }
    var query: Substring? = nil
    if let q = path.firstIndex(of: "?") {
      query = path[path.index(after: q)...]
      path = path[..<q]
    }
    guard path.hasSuffix(".md") else { return destination }
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? path
    // The page name follows the loader's rule, so a link to `03 Größe.md` reaches `03-Größe.html`.
    var result = BookLoader.slug(forFileName: String(name).removingPercentEncoding ?? String(name)) + ".html"
    if let query { result += "?" + query }
    if let fragment { result += "#" + fragment }
    return result
  }

  /// The URL scheme of a link, if it has one (`https` in `https://…`).
  private static func scheme(of link: String) -> String? {
    guard let colon = link.firstIndex(of: ":") else { return nil }
    let candidate = link[..<colon]
    guard let first = candidate.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
    let valid = candidate.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".")
    }
    return valid ? String(candidate) : nil
  }
}
