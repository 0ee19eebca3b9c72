// Load stage: reads the book directory into a Book, with one clear error for each way it can be wrong.
import Foundation
import Yams

/// Reads `book.yml` and `chapters/*.md` from a book directory.
public struct BookLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// The name of the settings file at the book root.
  public static let configName = "book.yml"

  /// Loads the book at `root`.
  ///
  /// Throws an `.input` FolioError, naming the file (and the byte offset or line) for: a missing
  /// directory, no chapters, an unreadable chapter, a chapter that is not UTF-8 or holds a NUL
  /// byte, and a `book.yml` that does not parse.
  public func load(_ root: URL, config known: BookConfig? = nil) throws(FolioError) -> Book {
    let fm = FileManager.default
    try Self.requireDirectory(root)
    let config: BookConfig
    if let known { config = known } else { config = try loadConfig(root) }
    let chaptersDir = root.appendingPathComponent("chapters")
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: chaptersDir.path)
    } catch {
      throw FolioError(.input, "no chapters: \(chaptersDir.path) is missing or unreadable")
    }
    let markdown = Self.chapterFileNames(names)
    guard !markdown.isEmpty else {
      throw FolioError(.input, "no chapters: \(chaptersDir.path) holds no .md files")
    }
    var chapters: [ChapterFile] = []
    var slugs: [String: String] = [:]
    for name in markdown {
      let path = "chapters/\(name)"
      let text = try readText(chaptersDir.appendingPathComponent(name), displayPath: path)
      let slug = Self.slug(forFileName: name)
      if let other = slugs[slug] {
        throw FolioError(
          .input, at: SourceLocation(file: path), "page name '\(slug).html' is also used by \(other)")
      }
      slugs[slug] = path
      chapters.append(ChapterFile(path: path, slug: slug, text: text))
    }
    return Book(root: root, config: config, chapters: chapters)
  }

  /// Throws the one-line error for a book directory that is missing or not a directory. The
  /// builder calls it before it creates anything inside the book.
  public static func requireDirectory(_ root: URL) throws(FolioError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw FolioError(.input, "no book directory at \(root.path)")
    }
  }

  /// The page name for a chapter file: the file name without `.md`, with white space and every
  /// character that would need escaping in a URL (`%`, `#`, `?`, quotes, `<`, `>`, `/`, `\\` …)
  /// as `-`. Letters and digits of any script stay: they are valid in a URL as they are, so
  /// `03 Größe.md` becomes `03-Größe.html` and every `href` to it resolves without encoding.
  public static func slug(forFileName name: String) -> String {
    let base = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    var slug = ""
    for scalar in base.unicodeScalars {
      let safe =
        scalar.isASCII
        ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "-_.~+,;=!$()*@".unicodeScalars.contains(scalar))
        : !(scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
          || scalar.properties.generalCategory == .format || scalar.properties.isNoncharacterCodePoint)
      slug.unicodeScalars.append(safe ? scalar : "-")
    }
    return slug
  }

  /// The chapter files among the names in `chapters/`: visible `.md` files, in byte order.
  static func chapterFileNames(_ names: [String]) -> [String] {
    names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
  }

  /// The 1-based line of a top-level `key:` in the book's `book.yml` (0 when it is not there),
  /// for errors about a setting's value.
  static func line(ofKey key: String, in root: URL) -> Int {
    let url = root.appendingPathComponent(configName)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where line.hasPrefix(key + ":") {
      return index + 1
    }
    return 0
  }

  /// Reads `book.yml` (the defaults when there is none).
  ///
  /// With a `cache` folder, the settings read from these bytes of `book.yml` are kept there as
  /// JSON, by the bytes and the running folio's file (any rebuild of folio, which may read
  /// settings differently, reads them again): every build reads the settings, and YAML's parser
  /// (its regular expressions compiled on first use) costs far more than JSON's for a file this
  /// small.
  func loadConfig(_ root: URL, cache: URL? = nil) throws(FolioError) -> BookConfig {
    let url = root.appendingPathComponent(Self.configName)
    guard FileManager.default.fileExists(atPath: url.path) else { return BookConfig() }
    let text = try readText(url, displayPath: Self.configName)
    var kept: URL?
    if let cache {
      var hasher = FieldHasher()
      hasher.add("book-yml-v1")
      hasher.add(BuildStamp.executableIdentity)
      hasher.add(text)
      kept = cache.appendingPathComponent("book-yml-\(hasher.hex().prefix(24)).json")
    }
    if let kept, let data = FileManager.default.contents(atPath: kept.path),
      let config = try? JSONDecoder().decode(BookConfig.self, from: data)
    {
      return config
    }
    let config: BookConfig
    do {
      config = try YAMLDecoder().decode(BookConfig.self, from: text.isEmpty ? "{}" : text)
    } catch {
      throw Self.configError(error)
    }
    if let kept, let data = try? JSONEncoder().encode(config) {
      // One file for the current bytes: the ones earlier versions of book.yml left go.
      let fm = FileManager.default
      try? fm.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
      for name in (try? fm.contentsOfDirectory(atPath: kept.deletingLastPathComponent().path)) ?? []
      where name.hasPrefix("book-yml-") && name != kept.lastPathComponent {
        try? fm.removeItem(at: kept.deletingLastPathComponent().appendingPathComponent(name))
      }
      try? data.write(to: kept, options: .atomic)
    }
    return config
  }

  /// One line for a `book.yml` that does not parse or holds a wrong value: where, and what.
  static func configError(_ error: any Error) -> FolioError {
    var yaml = error as? YamlError
    var key = ""
    var message: String
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
      DecodingError.valueNotFound(_, let context):
      yaml = yaml ?? context.underlyingError as? YamlError
      key = context.codingPath.map(\.stringValue).joined(separator: ".")
      message = context.debugDescription
    default:
      message = ChapterParser.describe(error)
    }
    var line = 0
    if let yaml {
      if case .scanner(_, _, let mark, _) = yaml { line = mark.line }
      if case .parser(_, _, let mark, _) = yaml { line = mark.line }
      message = "does not parse: \(yaml)"
    }
    message = message.split(separator: "\n").first.map(String.init) ?? "invalid settings"
    if !key.isEmpty { message = "'\(key)': " + message }
    return FolioError(.input, at: SourceLocation(file: configName, line: line), message)
  }

  /// Reads a file as UTF-8 text, naming the byte offset of a NUL byte or an invalid sequence.
  func readText(_ url: URL, displayPath: String) throws(FolioError) -> String {
    let resolved = url.resolvingSymlinksInPath().path
    if let kind = FileStatus.of(resolved)?.kind, kind != .regular {
      // A directory or a FIFO named `x.md` would fail oddly or block forever on read.
      let what = kind == .directory ? "a directory" : "not a regular file"
      throw FolioError(.input, at: SourceLocation(file: displayPath), "cannot read the file: it is \(what)")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FolioError(
        .input, at: SourceLocation(file: displayPath), "cannot read the file",
        underlying: "\(error.localizedDescription)")
    }
    // memchr and the standard library's validation first: both run at memory speed, while a
    // byte-by-byte scan is slow in an unoptimised build; the scan only says where a bad byte is.
    let nul = data.withUnsafeBytes { bytes -> Int? in
      guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
    if let nul {
      throw FolioError(.input, at: SourceLocation(file: displayPath), "NUL byte at byte offset \(nul)")
    }
    if let text = String(validating: data, as: UTF8.self) { return text }
    let bad = Self.firstInvalidUTF8(data) ?? 0
    throw FolioError(
      .input, at: SourceLocation(file: displayPath), "not UTF-8: invalid byte at byte offset \(bad)")
  }

  /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
  ///
  /// Offsets are counted from the widths of the scalars decoded so far: the decoder reads up to
  /// four bytes ahead, so counting the bytes it consumed would point past the bad one.
  static func firstInvalidUTF8(_ data: Data) -> Int? {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return nil
      case .error:
        return offset
      }
    }
  }
}
