// The documented GitHub Actions workflow (.ci/github-workflow.yml): its shape, and every folio
// command in it parsed by the real command line, so the file cannot drift from the CLI.
import ArgumentParser
import Foundation
import Testing
import Yams

@testable import FolioCLI
@testable import FolioCore

@Suite struct WorkflowTests {
  static let file = FolioBinary.packageRoot.appendingPathComponent(".ci/github-workflow.yml")

  /// The workflow's jobs, by name.
  static func jobs() throws -> [String: Node] {
    let text = try String(contentsOf: file, encoding: .utf8)
    let workflow = try #require(try Yams.compose(yaml: text))
    let jobs = try #require(workflow["jobs"]?.mapping)
    var byName: [String: Node] = [:]
    for (key, value) in jobs { byName[try #require(key.string)] = value }
    return byName
  }

  /// The job that runs as a matrix of shards, and its shard numbers.
  static func shardJob(_ jobs: [String: Node]) throws -> (name: String, job: Node, shards: [Int]) {
    let found = jobs.filter { $0.value["strategy"]?["matrix"]?["shard"] != nil }
    #expect(found.count == 1, "one job runs the shards")
    let (name, job) = try #require(found.first)
    let shards = try #require(job["strategy"]?["matrix"]?["shard"]?.sequence).compactMap(\.int)
    return (name, job, shards)
  }

  /// The `folio …` commands a job's steps run, as argument lists (after the executable), with
  /// `${{ matrix.shard }}` and the cache URL's variable filled in.
  static func folioCommands(_ job: Node, shard: Int? = nil) throws -> [[String]] {
    let steps = try #require(job["steps"]?.sequence)
    var commands: [[String]] = []
    for step in steps {
      guard let script = step["run"]?.string else { continue }
      for line in script.split(separator: "\n") {
        let words = words(of: String(line))
        // A line that runs folio starts with it (`folio` on the PATH, or a path to the binary).
        guard let first = words.first, first == "folio" || first.hasSuffix("/folio") else { continue }
        let arguments = words.dropFirst().map {
          $0.replacingOccurrences(of: "${{ matrix.shard }}", with: shard.map(String.init) ?? "MATRIX")
            .replacingOccurrences(of: "$FOLIO_CACHE_URL", with: "https://cache.example/folio")
        }
        commands.append(arguments)
      }
    }
    return commands
  }

  /// A shell line's words: split at spaces outside double quotes, quotes removed; `${{ … }}`
  /// expressions kept whole.
  static func words(of line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quoted = false
    var expression = 0
    var characters = Array(line)[...]
    while let c = characters.popFirst() {
      if c == "$", characters.first == "{", characters.dropFirst().first == "{" { expression += 1 }
      if c == "}", characters.first == "}", expression > 0 {
        expression -= 1
        word += "}}"
        characters = characters.dropFirst()
        continue
      }
      if c == "\"" {
        quoted.toggle()
      } else if c == " " && !quoted && expression == 0 {
        if !word.isEmpty { words.append(word) }
        word = ""
      } else {
        word.append(c)
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }

  /// Parses `folio arguments…` with the real command line.
  static func parse(_ arguments: [String]) throws -> CheckCommand {
    try #require(try Folio.parseAsRoot(arguments) as? CheckCommand, "\(arguments)")
  }

  @Test func theShardsRunAsAMatrixAndTheMergeNeedsThemAll() throws {
    let jobs = try Self.jobs()
    let (name, job, shards) = try Self.shardJob(jobs)
    #expect(shards.count >= 2)
    #expect(shards == Array(1...shards.count))
    #expect(job["strategy"]?["fail-fast"]?.bool == false, "every shard runs, so every failure is reported")
    #expect(job["env"]?["FOLIO_CACHE_URL"]?.string == "${{ secrets.FOLIO_CACHE_URL }}")

    let merges = jobs.filter { $0.key != name }
    #expect(merges.count == 1)
    let merge = try #require(merges.first?.value)
    let needs = merge["needs"].flatMap { $0.string.map { [$0] } ?? $0.sequence?.compactMap(\.string) } ?? []
    #expect(needs == [name])
    #expect(merge["if"]?.string == "always()", "the merge reports failed shards too")
    let uploads = try #require(job["steps"]?.sequence).filter {
      $0["uses"]?.string?.hasPrefix("actions/upload-artifact") == true
    }
    #expect(
      uploads.count == 1 && uploads.first?["if"]?.string == "always()", "a failed shard's report is kept")
  }

  @Test func everyFolioCommandIsOneTheCommandLineTakes() throws {
    let jobs = try Self.jobs()
    let (name, job, shards) = try Self.shardJob(jobs)
    var covered: [Shard] = []
    for index in shards {
      let commands = try Self.folioCommands(job, shard: index)
      #expect(commands.count == 1)
      let arguments = try #require(commands.first)
      #expect(arguments.first == "check")
      let command = try Self.parse(arguments)
      #expect(command.book.cacheURL == "https://cache.example/folio", "the shards use the remote cache")
      #expect(!command.book.cacheReadOnly, "CI writes the remote cache")
      let shard = try #require(command.shard.flatMap(Shard.init))
      #expect(shard.count == shards.count, "--shard I/N with N the matrix's size")
      #expect(command.report != nil)
      #expect(command.merge.isEmpty)
      covered.append(shard)
    }
    #expect(Set(covered.map(\.index)) == Set(1...shards.count))

    let merge = try #require(jobs.first { $0.key != name }?.value)
    let commands = try Self.folioCommands(merge)
    #expect(commands.count == 1)
    let command = try Self.parse(try #require(commands.first))
    #expect(command.shard == nil)
    #expect(command.merge == ["reports/*.json"])
    let download = try #require(merge["steps"]?.sequence).first {
      $0["uses"]?.string?.hasPrefix("actions/download-artifact") == true
    }
    #expect(download?["with"]?["path"]?.string == "reports")
  }

  @Test func wordsSplitLikeTheShell() {
    #expect(
      Self.words(of: #"a --x "$V" --s ${{ matrix.shard }}/4 b"#) == [
        "a", "--x", "$V", "--s", "${{ matrix.shard }}/4", "b",
      ])
  }
}
