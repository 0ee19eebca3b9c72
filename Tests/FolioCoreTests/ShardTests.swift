// Unit tests of sharding: which shard a chapter is in, `--shard` on the command line, and what
// makes a set of shard reports unmergeable.
import ArgumentParser
import Foundation
import Testing

@testable import FolioCLI
@testable import FolioCore

@Suite struct ShardTests {
  /// `chapters/001-generated.md` … as `genbook.py` names them.
  static func paths(_ count: Int) -> [String] {
    (1...count).map { String(format: "chapters/%03d-generated.md", $0) }
  }

  @Test func parsesOnlyOneBasedIndicesWithinTheCount() {
    #expect(Shard("2/4") == Shard(index: 2, count: 4))
    #expect(Shard("1/1") == Shard(index: 1, count: 1))
    #expect(Shard("4/4")?.description == "4/4")
    for bad in ["0/4", "5/4", "-1/4", "2/0", "2", "2/4/1", " 2/4", "a/4", "2/", "/4", "+2/4", "２/4"] {
      #expect(Shard(bad) == nil, "\(bad)")
    }
  }

  @Test func theHashIsSHA256OfThePathNotASeededHasher() {
    // Pinned values: runners, processes and releases must agree on every chapter's shard.
    // (First eight bytes of SHA-256("chapters/01-norms.md"), big-endian, mod 4, plus one.)
    #expect(Shard.index(of: "chapters/01-norms.md", count: 4) == 2)
    #expect(Shard.index(of: "chapters/02-regularisation.md", count: 4) == 1)
    #expect(Shard.index(of: "chapters/001-generated.md", count: 4) == 3)
    #expect(Shard.index(of: "anything", count: 1) == 1)
  }

  @Test func shardsPartitionTheChapters() {
    let paths = Self.paths(200)
    for count in 1...7 {
      let shards = (1...count).map { Shard(index: $0, count: count)! }
      for path in paths {
        #expect(shards.filter { $0.contains(path) }.count == 1, "\(path) in \(count) shards")
      }
    }
  }

  @Test func addingOrRemovingAChapterMovesNoOther() {
    let paths = Self.paths(100)
    for count in [2, 4, 8] {
      let before = Dictionary(uniqueKeysWithValues: paths.map { ($0, Shard.index(of: $0, count: count)) })
      let grown = paths + ["chapters/050b-inserted.md", "chapters/000-preface.md"]
      let shrunk = paths.filter { $0 != "chapters/010-generated.md" }
      for path in grown where before[path] != nil {
        #expect(Shard.index(of: path, count: count) == before[path])
      }
      for path in shrunk { #expect(Shard.index(of: path, count: count) == before[path]) }
    }
  }

  @Test func aLargeBookSplitsAboutEvenly() {
    let paths = Self.paths(500)
    let sizes = (1...4).map { i in paths.filter { Shard(index: i, count: 4)!.contains($0) }.count }
    #expect(sizes.reduce(0, +) == 500)
    #expect(sizes.allSatisfy { (100...150).contains($0) }, "\(sizes)")
  }

  @Test func aReportCannotHoldAShardOutsideItsCount() throws {
    let decoder = JSONDecoder()
    #expect(try decoder.decode(Shard.self, from: Data(#"{"index":2,"count":4}"#.utf8)) == Shard("2/4"))
    #expect(throws: DecodingError.self) {
      try decoder.decode(Shard.self, from: Data(#"{"index":5,"count":4}"#.utf8))
    }
  }

  @Test func commandLineTakesShardReportAndMerge() throws {
    let shard = try #require(
      try Folio.parseAsRoot(["check", "--shard", "2/4", "--report", "r.json"]) as? CheckCommand)
    #expect(shard.shard == "2/4")
    #expect(shard.report == "r.json")
    let merge = try #require(
      try Folio.parseAsRoot(["check", "--merge", "a.json", "b.json", "--report", "all.json"]) as? CheckCommand
    )
    #expect(merge.merge == ["a.json", "b.json"])
    #expect(merge.report == "all.json")
    for bad in [
      ["check", "--shard", "0/4"], ["check", "--shard", "5/4"], ["check", "--shard", "two"],
      ["check", "--shard", "1/2", "--merge", "a.json"], ["check", "--update", "--shard", "1/2"],
      ["check", "--update", "--merge", "a.json"],
    ] {
      #expect(throws: (any Error).self, "\(bad)") { try Folio.parseAsRoot(bad) }
    }
  }

  // MARK: merging

  static let book = CheckRecord.BookIdentity(title: "A book", digest: "d1", chapters: 4)
  static let chapters = ["chapters/01-a.md", "chapters/02-b.md", "chapters/03-c.md", "chapters/04-d.md"]

  /// A shard's report of `book` holding the chapters that are shard `index` of `count`.
  static func report(
    _ index: Int, of count: Int, book: CheckRecord.BookIdentity = book, chapters: [String]? = nil
  ) -> ShardMerge.Report {
    let shard = Shard(index: index, count: count)!
    let held = chapters ?? Self.chapters.filter(shard.contains)
    let record = CheckRecord(
      engine: "e", book: book, shard: shard, succeeded: true,
      counts: .init(chapters: held.count, passed: held.count, failed: 0, errors: 0, warnings: 0, cached: 0),
      chapters: held.map {
        .init(
          path: $0, verdict: .passed, passed: 1, failed: 0, key: "key-\($0)", diagnostics: [],
          results: ChapterResults(cells: [CellResult(status: .ok)]))
      },
      diagnostics: [])
    return ShardMerge.Report(name: "shard-\(index).json", record: record)
  }

  static func problems(_ reports: [ShardMerge.Report]) -> [String] {
    ShardMerge(reports).problems(for: book, chapters: chapters)
  }

  @Test func reportsThatCoverTheBookOnceMerge() {
    #expect(Self.problems((1...3).map { Self.report($0, of: 3) }) == [])
    #expect(Self.problems([Self.report(1, of: 1)]) == [])
    let merge = ShardMerge((1...2).map { Self.report($0, of: 2) })
    #expect(Set(merge.knownResults.keys) == Set(Self.chapters.map { "key-\($0)" }))
  }

  @Test func aMissingShardLeavesItsChaptersInNoReport() throws {
    let count = 3
    let missing = try #require(
      (1...count).first { i in Self.chapters.contains { Shard(index: i, count: count)!.contains($0) } })
    let reports = (1...count).filter { $0 != missing }.map { Self.report($0, of: count) }
    let problems = Self.problems(reports)
    #expect(problems.count == 1)
    #expect(problems.first?.contains("in no report") == true, "\(problems)")
    #expect(problems.first?.contains("(shard \(missing)/\(count))") == true, "\(problems)")
  }

  @Test func aShardGivenTwiceDuplicatesItsChapters() {
    let problems = Self.problems([Self.report(1, of: 2), Self.report(2, of: 2), Self.report(2, of: 2)])
    #expect(problems.contains { $0.hasPrefix("shard 2/2 is in 2 reports") }, "\(problems)")
    #expect(problems.contains { $0.contains("in more than one report") }, "\(problems)")
  }

  @Test func reportsOfOtherSplitsOrOtherBooksDoNotMerge() {
    let split = Self.problems([Self.report(1, of: 2), Self.report(2, of: 3)])
    #expect(
      split.contains { $0.hasPrefix("the reports split the book into different numbers of shards") },
      "\(split)")
    let other = CheckRecord.BookIdentity(title: "A book", digest: "d2", chapters: 4)
    let book = Self.problems([Self.report(1, of: 2), Self.report(2, of: 2, book: other)])
    #expect(
      book == [
        "shard-2.json is for another book, or another version of it (\"A book\", 4 chapters, digest d2) than "
          + "the one here (\"A book\", 4 chapters, digest d1)"
      ])
    var whole = Self.report(1, of: 1)
    whole.record.shard = nil
    #expect(
      Self.problems([whole]).first
        == "shard-1.json is the report of a check of the whole book, not of a shard")
    #expect(ShardMerge([]).problems(for: Self.book, chapters: Self.chapters) == ["no shard reports to merge"])
  }

  @Test func aChapterInTheWrongShardsReportIsReported() throws {
    let path = try #require(Self.chapters.first { !Shard(index: 1, count: 2)!.contains($0) })
    let problems = Self.problems([
      Self.report(1, of: 2, chapters: Self.chapters), Self.report(2, of: 2, chapters: []),
    ])
    #expect(
      problems.contains { $0.hasPrefix("shard-1.json (shard 1/2) has \(path), which is shard 2/2's") },
      "\(problems)")
  }
}
