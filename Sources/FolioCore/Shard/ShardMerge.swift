// Whether the shards' reports together cover the book exactly once, before they are merged.
import Foundation

/// The shards' reports, checked against each other and against the book on disk.
public struct ShardMerge: Sendable {
  /// One shard's report, with the name it was given by (its path), for messages.
  public struct Report: Sendable {
    /// The file it was read from, as given.
    public var name: String
    /// What it says.
    public var record: CheckRecord

    /// A report named `name`.
    public init(name: String, record: CheckRecord) {
      self.name = name
      self.record = record
    }
  }

  /// The reports, in the order given.
  public var reports: [Report]

  /// Merges `reports`.
  public init(_ reports: [Report]) {
    self.reports = reports
  }

  /// Everything that stops the reports from standing for a check of `book`, one line each:
  /// a report of a whole-book check, of another book or another version of it, reports that
  /// split the book into different numbers of shards, a shard reported twice, a chapter in no
  /// report or in two, a chapter in the report of a shard it does not belong to. Empty when
  /// the reports cover the book's chapters exactly once.
  public func problems(for book: CheckRecord.BookIdentity, chapters: [String]) -> [String] {
    var problems: [String] = []
    if reports.isEmpty { return ["no shard reports to merge"] }
    let sharded = reports.compactMap { report in report.record.shard.map { (report, $0) } }
    for report in reports where report.record.shard == nil {
      problems.append("\(report.name) is the report of a check of the whole book, not of a shard")
    }
    for report in reports where report.record.book.digest != book.digest {
      problems.append(
        "\(report.name) is for another book, or another version of it (\"\(report.record.book.title)\", "
          + "\(report.record.book.chapters) chapters, digest \(report.record.book.digest.prefix(12))) "
          + "than the one here (\"\(book.title)\", \(book.chapters) chapters, digest \(book.digest.prefix(12)))"
      )
    }
    let counts = Set(sharded.map(\.1.count))
    if counts.count > 1 {
      problems.append(
        "the reports split the book into different numbers of shards: "
          + sharded.map { "\($0.0.name) is shard \($0.1)" }.joined(separator: ", "))
    }
    for (shard, same) in Dictionary(grouping: sharded, by: \.1) where same.count > 1 {
      problems.append(
        "shard \(shard) is in \(same.count) reports: \(same.map(\.0.name).joined(separator: ", "))")
    }
    var owners: [String: [Report]] = [:]
    for report in reports {
      for chapter in report.record.chapters { owners[chapter.path, default: []].append(report) }
    }
    let count = counts.count == 1 ? counts.first : nil
    let missing = chapters.filter { owners[$0] == nil }
    if !missing.isEmpty {
      let owner = { (path: String) in count.map { " (shard \(Shard.index(of: path, count: $0))/\($0))" } ?? ""
      }
      problems.append(
        "\(Self.chapters(missing.count)) in no report: " + Self.list(missing.map { $0 + owner($0) }))
    }
    let repeated = chapters.filter { (owners[$0]?.count ?? 0) > 1 }
    if !repeated.isEmpty {
      problems.append(
        "\(Self.chapters(repeated.count)) in more than one report: "
          + Self.list(repeated.map { "\($0) (\(owners[$0]!.map(\.name).joined(separator: ", ")))" }))
    }
    let known = Set(chapters)
    for (report, shard) in sharded {
      for chapter in report.record.chapters {
        if !known.contains(chapter.path) {
          problems.append("\(report.name) has \(chapter.path), which the book does not")
        } else if !shard.contains(chapter.path) {
          problems.append(
            "\(report.name) (shard \(shard)) has \(chapter.path), which is shard "
              + "\(Shard.index(of: chapter.path, count: shard.count))/\(shard.count)'s")
        }
      }
    }
    return problems
  }

  /// `1 chapter is`, `3 chapters are`.
  private static func chapters(_ n: Int) -> String { n == 1 ? "1 chapter is" : "\(n) chapters are" }

  /// The first few of `items`, and how many more there are: a book of 500 chapters missing a
  /// shard's report should not print 125 lines.
  private static func list(_ items: [String], first: Int = 5) -> String {
    items.prefix(first).joined(separator: ", ")
      + (items.count > first ? ", and \(items.count - first) more" : "")
  }

  /// Every chapter's results the reports carry, by results key.
  public var knownResults: [String: ChapterResults] {
    var known: [String: ChapterResults] = [:]
    for report in reports {
      for chapter in report.record.chapters {
        if let results = chapter.results { known[chapter.key] = results }
      }
    }
    return known
  }

  /// Every diagnostic the shards reported.
  public var diagnostics: [Diagnostic] { reports.flatMap(\.record.allDiagnostics) }
}
