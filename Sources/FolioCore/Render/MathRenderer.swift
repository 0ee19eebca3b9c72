// Renders TeX with Debian's KaTeX at build time: one node process per build, cached per formula.
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
/// Results are cached per formula, keyed by the TeX, the display flag and a hash of KaTeX itself
/// and of the render script, so a rebuild whose formulas were all seen before spawns no process.
struct MathRenderer: Sendable {
  /// KaTeX's UMD build, loadable with `require`.
  var katexScript: URL
  /// The batch script shipped in the bundle.
  var renderScript: URL
  /// Where rendered formulas are kept between builds, or nil for no cache.
  var cache: EntryStore?
  /// The node executable; nil looks up `node` (or `nodejs`) on `PATH`.
  var node: URL? = nil
  /// The renderer's identity (`version(katexScript:renderScript:)`), when the caller already
  /// worked it out.
  var knownVersion: String? = nil

  init(katexScript: URL, renderScript: URL, cache: EntryStore?, node: URL? = nil, version: String? = nil) {
    self.katexScript = katexScript
    self.renderScript = renderScript
    self.cache = cache
    self.node = node
    knownVersion = version
  }

  /// Renders every formula in `keys`, reusing cached results.
  func render(_ keys: Set<MathKey>) throws(FolioError) -> [MathKey: MathOutput] {
    guard !keys.isEmpty else { return [:] }
    var results: [MathKey: MathOutput] = [:]
    results.reserveCapacity(keys.count)
    var missing: [MathKey] = []
    let version =
      cache == nil
      ? ""
      : String(
        (knownVersion ?? Self.version(katexScript: katexScript, renderScript: renderScript)).prefix(16))
    for key in keys {
      if let cached = cache?.value(for: Self.entryName(key, version: version)).flatMap(Self.decode) {
        results[key] = cached
      } else {
        missing.append(key)
      }
    }
    guard !missing.isEmpty else { return results }
    missing.sort { ($0.display ? 1 : 0, $0.tex) < ($1.display ? 1 : 0, $1.tex) }
    let rendered = try runKaTeX(missing)
    for (key, output) in zip(missing, rendered) {
      results[key] = output
      cache?.store(Self.encode(output), for: Self.entryName(key, version: version))
    }
    return results
  }

  /// The identity of a renderer: KaTeX's bytes, the script's bytes and the options.
  static func version(katexScript: URL, renderScript: URL) -> String {
    var hasher = SHA256()
    hasher.update(data: (try? Data(contentsOf: katexScript)) ?? Data())
    hasher.update(data: (try? Data(contentsOf: renderScript)) ?? Data())
    return FieldHasher.hex(hasher.finalize())
  }

  /// The cache entry of one formula: the renderer's identity, the kind and the TeX itself (its
  /// line breaks and `%` escaped, as an entry's name is one line). Names, not digests: a book's
  /// hundreds of formulas are looked up on every build.
  static func entryName(_ key: MathKey, version: String) -> String {
    var tex = key.tex
    if tex.utf8.contains(where: { $0 == 0x0A || $0 == 0x25 }) {
      tex = tex.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
    }
    return version + (key.display ? " D " : " I ") + tex
  }

  /// A result as the cache keeps it: KaTeX's HTML as it is (it starts with `<`), or `E` and
  /// KaTeX's message.
  static func encode(_ output: MathOutput) -> String {
    switch output {
    case .html(let html): html.utf8.first == UInt8(ascii: "<") ? html : "H" + html
    case .error(let message): "E" + message
    }
  }

  /// A cached result (see `encode`); the HTML is not copied.
  static func decode(_ text: String) -> MathOutput? {
    switch text.utf8.first {
    case UInt8(ascii: "<"): return .html(text)
    case UInt8(ascii: "H"): return .html(String(text.dropFirst()))
    case UInt8(ascii: "E"): return .error(String(text.dropFirst()))
    default: return nil
    }
  }

  /// Below this many formulas, node runs without its optimising compiler.
  static let optimiserThreshold = 1_000

  /// Seconds node may take over one batch of formulas before the build gives up on it.
  static let timeout: Double = 300

  /// Runs one node process over `keys` and returns one output per key, in order.
  private func runKaTeX(_ keys: [MathKey]) throws(FolioError) -> [MathOutput] {
    guard let node = self.node?.path ?? ProcessRunner.which("node", "nodejs") else {
      throw FolioError(
        .environment, "node is needed to render maths with KaTeX; install the Debian package nodejs")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-katex-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("formulas.json")
    let stdout = folder.appendingPathComponent("out.json")
    let stderr = folder.appendingPathComponent("err.txt")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try JSONEncoder().encode(keys).write(to: input)
    } catch {
      throw FolioError(.environment, "cannot write the formulas for KaTeX", underlying: "\(error)")
    }
    // V8's optimising compiler costs more CPU than it saves on a book's few hundred formulas
    // (measured with the book's 271: 0.18 s of CPU without it, 0.33 s with); on thousands it pays.
    let optimiser = keys.count < Self.optimiserThreshold ? ["--no-opt"] : []
    let outcome = try ProcessRunner.run(
      node, optimiser + [renderScript.path, katexScript.path], stdin: input, stdout: stdout, stderr: stderr,
      timeout: Self.timeout)
    struct Reply: Decodable {
      var html: String?
      var error: String?
    }
    guard outcome.succeeded, let output = FileManager.default.contents(atPath: stdout.path),
      let replies = try? JSONDecoder().decode([Reply].self, from: output), replies.count == keys.count
    else {
      let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      throw FolioError(
        .environment, "KaTeX could not render the book's maths (\(outcome.summary))",
        underlying: errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return replies.map { reply in
      if let html = reply.html { return .html(html) }
      return .error(reply.error ?? "unknown KaTeX error")
    }
  }
}
