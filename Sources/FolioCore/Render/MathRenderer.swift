// Renders TeX with Debian's KaTeX at build time: one node process per build, cached per formula.
import Crypto
import Foundation

/// One formula as it appears in a chapter: its TeX and whether it is display maths.
struct MathKey: Hashable, Sendable, Codable {
  /// The TeX source between the dollars.
  var tex: String
  /// `$$…$$` rather than `$…$`.
  var display: Bool
}

/// What KaTeX made of a formula.
enum MathOutput: Hashable, Sendable {
  /// KaTeX's HTML and MathML.
  case html(String)
  /// KaTeX's parse error message.
  case error(String)
}

/// Renders formulas with KaTeX through `node`, so pages need no script for maths.
///
/// Results are cached on disk per formula, keyed by the TeX, the display flag and a hash of
/// KaTeX itself and of the render script, so a rebuild whose formulas were all seen before
/// spawns no process at all.
struct MathRenderer: Sendable {
  /// KaTeX's UMD build, loadable with `require`.
  var katexScript: URL
  /// The batch script shipped in the bundle.
  var renderScript: URL
  /// Where cached formulas live, or nil for no cache.
  var cacheDirectory: URL?
  /// The node executable; nil looks up `node` (or `nodejs`) on `PATH`.
  var node: URL? = nil

  /// Renders every formula in `keys`, reusing cached results.
  func render(_ keys: Set<MathKey>) throws -> [MathKey: MathOutput] {
    guard !keys.isEmpty else { return [:] }
    let ordered = keys.sorted { ($0.display ? 1 : 0, $0.tex) < ($1.display ? 1 : 0, $1.tex) }
    var results: [MathKey: MathOutput] = [:]
    var missing: [MathKey] = []
    let folder = try cacheFolder()
    let version = folder == nil ? "" : self.version
    for key in ordered {
      if let folder,
        let cached = Self.readCache(folder.appendingPathComponent(fileName(key, version: version)))
      {
        results[key] = cached
      } else {
        missing.append(key)
      }
    }
    guard !missing.isEmpty else { return results }
    let rendered = try runKaTeX(missing)
    for (key, output) in zip(missing, rendered) {
      results[key] = output
      if let folder {
        let payload: String
        switch output {
        case .html(let html): payload = "H" + html
        case .error(let message): payload = "E" + message
        }
        try? Data(payload.utf8).write(
          to: folder.appendingPathComponent(fileName(key, version: version)), options: .atomic)
      }
    }
    return results
  }

  /// The cache folder for this KaTeX and this script, created on demand.
  private func cacheFolder() throws -> URL? {
    guard let cacheDirectory else { return nil }
    let folder = cacheDirectory.appendingPathComponent("katex", isDirectory: true)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The identity of the renderer: KaTeX's bytes, the script's bytes and the options.
  private var version: String {
    var hasher = SHA256()
    hasher.update(data: (try? Data(contentsOf: katexScript)) ?? Data())
    hasher.update(data: (try? Data(contentsOf: renderScript)) ?? Data())
    return Self.hex(hasher.finalize())
  }

  /// The cache file of one formula.
  private func fileName(_ key: MathKey, version: String) -> String {
    let digest = SHA256.hash(data: Data((version + (key.display ? "\nD\n" : "\nI\n") + key.tex).utf8))
    return Self.hex(digest)
  }

  /// Lower-case hexadecimal of a digest.
  private static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A cached result, if there is one.
  private static func readCache(_ url: URL) -> MathOutput? {
    guard let data = FileManager.default.contents(atPath: url.path),
      let text = String(data: data, encoding: .utf8),
      let tag = text.first
    else { return nil }
    switch tag {
    case "H": return .html(String(text.dropFirst()))
    case "E": return .error(String(text.dropFirst()))
    default: return nil
    }
  }

  /// Runs one node process over `keys` and returns one output per key, in order.
  private func runKaTeX(_ keys: [MathKey]) throws -> [MathOutput] {
    guard let node = self.node ?? Self.findExecutable(["node", "nodejs"]) else {
      throw FolioError(.usage, "node is needed to render maths with KaTeX; install the Debian package nodejs")
    }
    let input = try JSONEncoder().encode(keys)
    let process = Process()
    process.executableURL = node
    process.arguments = [renderScript.path, katexScript.path]
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    do { try process.run() } catch {
      throw FolioError(.usage, "could not start node to render maths", underlying: "\(error)")
    }
    // The script reads all of its input before it writes anything, so writing first and
    // reading after cannot deadlock.
    stdin.fileHandleForWriting.write(input)
    try? stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    struct Reply: Decodable {
      var html: String?
      var error: String?
    }
    guard process.terminationStatus == 0, let replies = try? JSONDecoder().decode([Reply].self, from: output),
      replies.count == keys.count
    else {
      throw FolioError(
        .usage, "KaTeX could not render the book's maths",
        underlying: String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return replies.map { reply in
      if let html = reply.html { return .html(html) }
      return .error(reply.error ?? "unknown KaTeX error")
    }
  }

  /// The first of `names` found on `PATH`.
  static func findExecutable(_ names: [String]) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      for name in names {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }
}
