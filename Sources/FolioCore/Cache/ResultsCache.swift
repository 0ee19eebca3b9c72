// Content-addressed cache of chapter results: what ran before is not run again.
import Foundation

/// Stores each chapter's results under a SHA-256 of everything that can change them.
///
/// The key covers the engine's own code (`EngineDigest`, computed when Folio is built), the
/// toolchain and library sources (through `CompiledLibraries.key`'s inputs),
/// the compiler flags, the limits, the chapter's path and its cells' code and options in order:
/// not the prose, and not the cells' line numbers, so a prose edit re-runs nothing. Results are
/// stored with the lines the cells had, and moved to the current lines when read back.
public struct ResultsCache: Sendable {
  /// The folder of entries.
  public var directory: URL

  /// Creates a cache in `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// The key for a chapter's results.
  public static func key(
    for chapter: Chapter, libraryKey: String, limits: ExecutionLimits, engine: String,
    liveBatch: String? = nil
  ) -> String {
    var hasher = FieldHasher()
    hasher.add("folio-results")
    hasher.add(engine)
    hasher.add(libraryKey)
    hasher.add(ChapterExecutor.flags.joined(separator: " "))
    hasher.add(
      "\(limits.timeout) \(limits.outputBytes) \(limits.outputLines) \(limits.richValues) \(limits.richBytes)"
    )
    hasher.add(chapter.file.path)
    // A chapter's live modules are linked from the book's batch of live cells (`LiveBatchPlan`).
    if let liveBatch, chapter.cells.contains(where: { $0.options.live }) {
      hasher.add("live batch " + liveBatch)
    }
    for cell in chapter.cells {
      hasher.add(cell.options.mode.rawValue)
      hasher.add(cell.options.lineValues ? "values" : "")
      hasher.add(cell.options.startsProgram ? "fresh" : "")
      hasher.add(
        cell.options.live
          ? "live " + (LiveCompiler.flags + LiveCompiler.shrinkFlags).joined(separator: " ") : "")
      hasher.add(cell.options.runs || cell.options.mode == .compileFail ? cell.code : "")
    }
    return hasher.hex()
  }

  /// What one entry holds.
  private struct Entry: Codable {
    var codeLines: [Int]
    var results: ChapterResults
  }

  /// The stored results for `key`, moved to the chapter's current cell lines; nil when there is
  /// no entry or the entry is damaged (a damaged entry is removed, so it is rebuilt).
  public func load(key: String, for chapter: Chapter) -> ChapterResults? {
    loadEntry(key: key, for: chapter)?.results
  }

  /// `load(key:for:)`, with the digest of the entry the results came from (see `entryDigest`).
  func loadEntry(key: String, for chapter: Chapter) -> (results: ChapterResults, digest: String)? {
    let url = entryURL(key)
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    guard let results = Self.decode(data, for: chapter), let digest = Self.entryDigest(data) else {
      try? FileManager.default.removeItem(at: url)
      return nil
    }
    return (results, digest)
  }

  /// The SHA-256 an entry's header line gives for its body: the same results read back for the
  /// same chapter text have the same digest, whichever run stored them.
  static func entryDigest(_ data: Data) -> String? {
    data.firstIndex(of: UInt8(ascii: "\n")).map { String(decoding: data[..<$0], as: UTF8.self) }
  }

  /// The results an entry's bytes hold, moved to the chapter's current cell lines; nil unless
  /// the entry's SHA-256 header matches its body and the body fits the chapter. The one check
  /// every entry passes, from this folder or from a remote cache.
  static func decode(_ data: Data, for chapter: Chapter) -> ChapterResults? {
    guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
      String(decoding: data[..<newline], as: UTF8.self) == Self.digest(data[(newline + 1)...]),
      let entry = try? JSONDecoder().decode(Entry.self, from: data[(newline + 1)...]),
      entry.codeLines.count == chapter.cells.count, entry.results.cells.count == chapter.cells.count
    else { return nil }
    return Self.rebase(entry.results, from: entry.codeLines, to: chapter)
  }

  /// The bytes of an entry: a SHA-256 header line, then the JSON it covers.
  static func entry(_ results: ChapterResults, for chapter: Chapter) -> Data? {
    let entry = Entry(codeLines: chapter.cells.map(\.codeLine), results: results)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let json = try? encoder.encode(entry) else { return nil }
    var data = Data((Self.digest(json) + "\n").utf8)
    data.append(json)
    return data
  }

  /// Stores results for `key`; returns the entry's bytes (nil when they cannot be encoded).
  @discardableResult
  public func store(_ results: ChapterResults, key: String, for chapter: Chapter) -> Data? {
    guard let data = Self.entry(results, for: chapter) else { return nil }
    store(entry: data, key: key)
    return data
  }

  /// Stores an entry's bytes for `key`; written to a temporary file and renamed, so a reader
  /// never sees half.
  func store(entry data: Data, key: String) {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = entryURL(key)
    let temporary = directory.appendingPathComponent(".\(key).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else { return }
    if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
  }

  /// The file of the entry for `key`.
  private func entryURL(_ key: String) -> URL { directory.appendingPathComponent(key + ".json") }

  static func digest<D: DataProtocol>(_ data: D) -> String {
    FieldHasher.hex(SHA256.hash(data: data))
  }

  /// Moves line numbers in diagnostics and trap messages from the lines the cells had when they
  /// ran to the lines they have now (prose above them may have grown or shrunk).
  static func rebase(_ results: ChapterResults, from oldLines: [Int], to chapter: Chapter) -> ChapterResults {
    var results = results
    let path = chapter.file.path
    // A note names the cell that stopped the program by its first line.
    var moved: [Int: Int] = [:]
    for (i, cell) in chapter.cells.enumerated() where cell.codeLine != oldLines[i] {
      moved[oldLines[i]] = cell.codeLine
    }
    if !moved.isEmpty {
      for i in results.cells.indices {
        guard let note = results.cells[i].note, let range = note.range(of: "at line "),
          let old = Int(note[range.upperBound...].prefix { $0.isNumber }), let new = moved[old]
        else { continue }
        results.cells[i].note = note.replacingCharacters(
          in: range.upperBound..<note.index(range.upperBound, offsetBy: String(old).count), with: String(new))
      }
    }
    for (i, cell) in chapter.cells.enumerated() {
      let delta = cell.codeLine - oldLines[i]
      guard delta != 0 else { continue }
      let range = oldLines[i]..<(oldLines[i] + cell.lineCount)
      var result = results.cells[i]
      result.diagnostics = result.diagnostics.map { d in
        var d = d
        if d.location.file == path && (range.contains(d.location.line) || d.location.line == oldLines[i]) {
          d.location.line += delta
        }
        return d
      }
      result.outputs = result.outputs.map { item in
        switch item {
        case .stderr(let text): .stderr(shiftLines(in: text, path: path, range: range, delta: delta))
        case .lineValue(let line, let value): .lineValue(line: line + delta, value)
        default: item
        }
      }
      results.cells[i] = result
    }
    return results
  }

  /// Rewrites `path:N` to `path:N+delta` for N in `range`.
  static func shiftLines(in text: String, path: String, range: Range<Int>, delta: Int) -> String {
    let marker = path + ":"
    guard text.contains(marker) else { return text }
    var output = ""
    var rest = Substring(text)
    while let found = rest.range(of: marker) {
      output += rest[..<found.upperBound]
      rest = rest[found.upperBound...]
      let digits = rest.prefix { $0.isNumber }
      if let n = Int(digits), range.contains(n) {
        output += String(n + delta)
        rest = rest.dropFirst(digits.count)
      }
    }
    return output + rest
  }
}
