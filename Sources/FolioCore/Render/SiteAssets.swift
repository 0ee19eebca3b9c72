// The static files every site ships: Folio's own CSS and JS, and KaTeX and lunr from Debian.
import Foundation

/// Finds and loads the files copied into `site/assets/`.
///
/// KaTeX's stylesheet and fonts come from `libjs-katex` and `fonts-katex`, lunr from
/// `libjs-lunr`; nothing is fetched from the network, so the site works offline.
struct SiteAssets: Sendable {
  /// `/usr/share/javascript/katex` (libjs-katex).
  var katexDirectory = URL(fileURLWithPath: "/usr/share/javascript/katex")
  /// `/usr/share/fonts/truetype/katex` (fonts-katex).
  var katexFontDirectory = URL(fileURLWithPath: "/usr/share/fonts/truetype/katex")
  /// `/usr/share/javascript/lunr` (libjs-lunr).
  var lunrDirectory = URL(fileURLWithPath: "/usr/share/javascript/lunr")

  /// KaTeX's UMD build, which the maths renderer loads in node.
  func katexScript() throws(FolioError) -> URL {
    try require(katexDirectory.appendingPathComponent("katex.min.js"), package: "libjs-katex")
  }

  /// Folio's bundled files (stylesheet, script, KaTeX batch script).
  static func bundled(_ name: String) throws(FolioError) -> URL {
    guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
      throw FolioError(.environment, "Folio's bundled assets are missing from its resource bundle")
    }
    let url = folder.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw FolioError(.environment, "Folio's bundled asset \(name) is missing from its resource bundle")
    }
    return url
  }

  /// Every asset file of the site, under `assets/`, in path order.
  func files() throws(FolioError) -> [SiteFile] {
    var files: [SiteFile] = []
    for name in ["folio.css", "folio.js", "folio-live.js"] {
      files.append(SiteFile(path: "assets/\(name)", contents: try Self.read(Self.bundled(name))))
    }

    let lunr = try require(lunrDirectory.appendingPathComponent("lunr.min.js"), package: "libjs-lunr")
    files.append(SiteFile(path: "assets/lunr.min.js", contents: try Self.read(lunr)))

    let css = try require(katexDirectory.appendingPathComponent("katex.min.css"), package: "libjs-katex")
    guard let cssText = String(data: try Self.read(css), encoding: .utf8) else {
      throw FolioError(
        .environment, "KaTeX's stylesheet is not UTF-8; reinstall the Debian package libjs-katex")
    }
    files.append(SiteFile(path: "assets/katex/katex.min.css", contents: Data(Self.woff2Only(cssText).utf8)))

    let fontNames = ((try? FileManager.default.contentsOfDirectory(atPath: katexFontDirectory.path)) ?? [])
      .filter { $0.hasSuffix(".woff2") }.sorted()
    guard !fontNames.isEmpty else {
      throw FolioError(
        .environment,
        "KaTeX's fonts are missing from \(katexFontDirectory.path); install the Debian package fonts-katex")
    }
    for name in fontNames {
      let data = try Self.read(katexFontDirectory.appendingPathComponent(name))
      files.append(SiteFile(path: "assets/katex/fonts/\(name)", contents: data))
    }
    return files.sorted { $0.path < $1.path }
  }

  /// KaTeX's stylesheet with the `.woff` and `.ttf` fallbacks removed: every browser that can
  /// show the site reads WOFF2, and shipping one format keeps the site a third of the size.
  static func woff2Only(_ css: String) -> String {
    let pattern = #",url\(fonts/[^)]+\.(woff|ttf)\) format\(['"](woff|truetype)['"]\)"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return css }
    return regex.stringByReplacingMatches(
      in: css, range: NSRange(css.startIndex..., in: css), withTemplate: "")
  }

  /// The text of a UTF-8 asset file.
  static func text(_ url: URL) throws(FolioError) -> String {
    guard let text = String(data: try read(url), encoding: .utf8) else {
      throw FolioError(.environment, "\(url.path) is not UTF-8")
    }
    return text
  }

  /// The bytes of an asset file.
  private static func read(_ url: URL) throws(FolioError) -> Data {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FolioError(.environment, "cannot read \(url.path)")
    }
    return data
  }

  /// `url` if the file exists, otherwise an error naming the Debian package to install.
  private func require(_ url: URL, package: String) throws(FolioError) -> URL {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw FolioError(.environment, "\(url.path) is missing; install the Debian package \(package)")
    }
    return url
  }
}
