// The machine-readable record of a check (`folio check --report FILE`), which `--merge` reads back.
import Foundation

/// What a check found, as JSON for CI: the book it checked, the shard (if any), each chapter's
/// verdict with its diagnostics at `file:line:col`, and the counts. A shard's record also carries
/// each chapter's results under its results key, so the merge renders and compares the site
/// from them without running a cell and without needing any cache.
public struct CheckRecord: Codable, Sendable, Hashable {
  /// The `format` every record has.
  public static let formatName = "folio-check-report"
  /// The version of the layout this folio writes and reads.
  public static let currentVersion = 1

  /// Always `folio-check-report`: what the file is.
  public var format = Self.formatName
  /// The layout's version; a merge reads only its own.
  public var version = Self.currentVersion
  /// The digest of the engine that checked (part of every results key).
  public var engine: String
  /// The book checked.
  public var book: BookIdentity
  /// The shard checked; nil for the whole book.
  public var shard: Shard?
  /// Whether every promise checked holds.
  public var succeeded: Bool
  /// The numbers.
  public var counts: Counts
  /// Every chapter checked, in book order.
  public var chapters: [ChapterRecord]
  /// Diagnostics not about a chapter checked (the committed site, the library's doc comments).
  public var diagnostics: [DiagnosticRecord]

  /// Which book, and which version of it.
  public struct BookIdentity: Codable, Sendable, Hashable {
    /// `book.yml`'s title.
    public var title: String
    /// SHA-256 of `book.yml` and every chapter's path and text: equal only for the same book
    /// at the same commit.
    public var digest: String
    /// How many chapters the whole book has.
    public var chapters: Int
  }

  /// The counts of a check.
  public struct Counts: Codable, Sendable, Hashable {
    /// Chapters checked.
    public var chapters: Int
    /// Runnable cells that ran as declared and printed what their page says.
    public var passed: Int
    /// Runnable cells that did not.
    public var failed: Int
    /// Diagnostics that fail the check.
    public var errors: Int
    /// Diagnostics that do not.
    public var warnings: Int
    /// Chapters whose results were not run by this check (the cache's, or the shards').
    public var cached: Int
  }

  /// One chapter's verdict.
  public struct ChapterRecord: Codable, Sendable, Hashable {
    /// The chapter's path relative to the book, e.g. `chapters/01-norms.md`.
    public var path: String
    /// `passed` when none of the chapter's cells failed and nothing in it is an error.
    public var verdict: Verdict
    /// Its runnable cells that passed.
    public var passed: Int
    /// Its runnable cells that failed.
    public var failed: Int
    /// Its results key (the cache's key: the cells, the library, the toolchain, the engine).
    public var key: String
    /// What was found in it, errors and warnings.
    public var diagnostics: [DiagnosticRecord]
    /// Its cells' results (a shard's record only), for the merge.
    public var results: ChapterResults?
  }

  /// A chapter's verdict.
  public enum Verdict: String, Codable, Sendable, Hashable {
    /// Every promise of the chapter holds.
    case passed
    /// At least one does not.
    case failed
  }

  /// A diagnostic, flat: `file`, `line`, `column` (0 when unknown), `severity`, `message`.
  public struct DiagnosticRecord: Codable, Sendable, Hashable {
    /// The path relative to the book.
    public var file: String
    /// 1-based line; 0 for the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// `error`, `warning` or `note`.
    public var severity: Diagnostic.Severity
    /// What is wrong.
    public var message: String

    /// The record of `diagnostic`.
    public init(_ diagnostic: Diagnostic) {
      file = diagnostic.location.file
      line = diagnostic.location.line
      column = diagnostic.location.column
      severity = diagnostic.severity
      message = diagnostic.message
    }

    /// The diagnostic it records.
    public var diagnostic: Diagnostic {
      Diagnostic(severity, at: SourceLocation(file: file, line: line, column: column), message)
    }
  }

  private enum CodingKeys: String, CodingKey {
    case format, version, engine, book, shard, succeeded, counts, chapters, diagnostics
  }

  /// Encodes every field, `shard` as `null` for a check of the whole book (rather than left out),
  /// so a reader sees which kind of check it has.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(format, forKey: .format)
    try container.encode(version, forKey: .version)
    try container.encode(engine, forKey: .engine)
    try container.encode(book, forKey: .book)
    try container.encode(shard, forKey: .shard)
    try container.encode(succeeded, forKey: .succeeded)
    try container.encode(counts, forKey: .counts)
    try container.encode(chapters, forKey: .chapters)
    try container.encode(diagnostics, forKey: .diagnostics)
  }

  /// Every diagnostic of the record, the chapters' and the others.
  public var allDiagnostics: [Diagnostic] {
    (chapters.flatMap(\.diagnostics) + diagnostics).map(\.diagnostic)
  }

  /// The record as JSON: keys sorted, indented, the same bytes for the same check.
  public func json() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Every field is a plain value or string; encoding cannot fail.
    return (try? encoder.encode(self)) ?? Data()
  }

  /// Writes the record to `url` (a new file replaces the old one at once).
  public func write(to url: URL) throws(FolioError) {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try json().write(to: url, options: .atomic)
    } catch {
      throw FolioError(.environment, "cannot write the report \(url.path)", underlying: "\(error)")
    }
  }

  /// Reads a record `folio check --report` wrote; an unreadable file, or one in another format
  /// or version, is an input error naming the file.
  public static func read(from url: URL) throws(FolioError) -> CheckRecord {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FolioError(.input, "cannot read the report \(url.path)")
    }
    struct Header: Decodable {
      var format: String?
      var version: Int?
    }
    let header = try? JSONDecoder().decode(Header.self, from: data)
    guard header?.format == formatName else {
      throw FolioError(.input, "\(url.path) is not a report of `folio check --report`")
    }
    guard header?.version == currentVersion else {
      throw FolioError(
        .input,
        "\(url.path) is a version \(header?.version ?? 0) report; this folio reads version \(currentVersion)")
    }
    do {
      return try JSONDecoder().decode(CheckRecord.self, from: data)
    } catch {
      throw FolioError(.input, "cannot read the report \(url.path)", underlying: "\(error)")
    }
  }
}

extension CheckRecord {
  /// The record of a check of `built` that found `diagnostics`: every chapter the check stage
  /// saw (a shard's own, or all), with their results when `withResults`.
  init(
    _ built: BuiltBook, diagnostics: [Diagnostic], shard: Shard?, withResults: Bool,
    engine: String
  ) {
    self.engine = engine
    book = BookIdentity(built.book)
    self.shard = shard
    succeeded = !diagnostics.contains { $0.severity == .error }
    let byFile = Dictionary(grouping: diagnostics, by: \.location.file)
    var chapters: [ChapterRecord] = []
    for (index, chapter) in built.chapters.enumerated() {
      guard let tally = built.findings.chapters[chapter.file.path] else { continue }
      let found = (byFile[chapter.file.path] ?? []).sorted { $0.location < $1.location }
      chapters.append(
        ChapterRecord(
          path: chapter.file.path,
          verdict: tally.failed == 0 && !found.contains { $0.severity == .error } ? .passed : .failed,
          passed: tally.passed, failed: tally.failed, key: built.keys[index],
          diagnostics: found.map(DiagnosticRecord.init),
          results: withResults ? built.results[index] : nil))
    }
    self.chapters = chapters
    let paths = Set(chapters.map(\.path))
    self.diagnostics = diagnostics.filter { !paths.contains($0.location.file) }
      .sorted { $0.location < $1.location }.map(DiagnosticRecord.init)
    counts = Counts(
      chapters: chapters.count, passed: chapters.reduce(0) { $0 + $1.passed },
      failed: chapters.reduce(0) { $0 + $1.failed },
      errors: diagnostics.filter { $0.severity == .error }.count,
      warnings: diagnostics.filter { $0.severity == .warning }.count,
      cached: built.cachedChapters)
  }
}

extension CheckRecord.BookIdentity {
  /// The identity of `book` as loaded.
  init(_ book: Book) {
    var hasher = FieldHasher()
    hasher.add("folio-book-v1")
    let config = book.root.appendingPathComponent(BookLoader.configName)
    hasher.add(bytes: FileManager.default.contents(atPath: config.path) ?? Data("no config".utf8))
    for chapter in book.chapters {
      hasher.add(chapter.path)
      hasher.add(chapter.text)
    }
    self.init(title: book.config.title, digest: hasher.hex(), chapters: book.chapters.count)
  }
}
