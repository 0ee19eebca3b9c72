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
  /// Throws a `.usage` FolioError, naming the file (and the byte offset or line) for: a missing
  /// directory, no chapters, an unreadable chapter, a chapter that is not UTF-8 or holds a NUL
  /// byte, and a `book.yml` that does not parse.
  public func load(_ root: URL) throws(FolioError) -> Book {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw FolioError(.usage, "no book directory at \(root.path)")
    }
    let config = try loadConfig(root)
    let chaptersDir = root.appendingPathComponent("chapters")
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: chaptersDir.path)
    } catch {
      throw FolioError(.usage, "no chapters: \(chaptersDir.path) is missing or unreadable")
    }
    let markdown = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
    guard !markdown.isEmpty else {
      throw FolioError(.usage, "no chapters: \(chaptersDir.path) holds no .md files")
    }
    var chapters: [ChapterFile] = []
    var slugs: [String: String] = [:]
    for name in markdown {
      let path = "chapters/\(name)"
      let text = try readText(chaptersDir.appendingPathComponent(name), displayPath: path)
      let slug = Self.slug(forFileName: name)
      if let other = slugs[slug] {
        throw FolioError(
          .usage, at: SourceLocation(file: path), "page name '\(slug).html' is also used by \(other)")
      }
      slugs[slug] = path
      chapters.append(ChapterFile(path: path, slug: slug, text: text))
    }
    return Book(root: root, config: config, chapters: chapters)
  }

  /// The page name for a chapter file: the file name without `.md`, white space as `-`.
  public static func slug(forFileName name: String) -> String {
    let base = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    return String(base.map { $0.isWhitespace ? "-" : $0 })
  }

  private func loadConfig(_ root: URL) throws(FolioError) -> BookConfig {
    let url = root.appendingPathComponent(Self.configName)
    guard FileManager.default.fileExists(atPath: url.path) else { return BookConfig() }
    let text = try readText(url, displayPath: Self.configName)
    do {
      return try YAMLDecoder().decode(BookConfig.self, from: text.isEmpty ? "{}" : text)
    } catch let error as YamlError {
      var line = 0
      if case .scanner(_, _, let mark, _) = error { line = mark.line }
      if case .parser(_, _, let mark, _) = error { line = mark.line }
      throw FolioError(
        .usage, at: SourceLocation(file: Self.configName, line: line), "book.yml does not parse: \(error)")
    } catch {
      throw FolioError(
        .usage, at: SourceLocation(file: Self.configName), "book.yml: \(ChapterParser.describe(error))")
    }
  }

  /// Reads a file as UTF-8 text, naming the byte offset of a NUL byte or an invalid sequence.
  func readText(_ url: URL, displayPath: String) throws(FolioError) -> String {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FolioError(
        .usage, at: SourceLocation(file: displayPath), "cannot read the file",
        underlying: "\(error.localizedDescription)")
    }
    if let nul = data.firstIndex(of: 0) {
      throw FolioError(
        .usage, at: SourceLocation(file: displayPath), "NUL byte at byte offset \(nul - data.startIndex)")
    }
    if let bad = Self.firstInvalidUTF8(data) {
      throw FolioError(
        .usage, at: SourceLocation(file: displayPath), "not UTF-8: invalid byte at byte offset \(bad)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
  static func firstInvalidUTF8(_ data: Data) -> Int? {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var offset = 0
    var start = 0
    var consumed = 0
    let counting = AnyIterator<UInt8> {
      let byte = iterator.next()
      if byte != nil { consumed += 1 }
      return byte
    }
    var source = counting
    while true {
      switch decoder.decode(&source) {
      case .scalarValue:
        offset = consumed
        start = offset
      case .emptyInput:
        return nil
      case .error:
        return start
      }
    }
  }
}
