// Trust: a `folio build` killed with SIGKILL at any moment leaves the previous site byte for
// byte (or the new one whole), and two builds of one book at once both end cleanly.
import Foundation
import Testing

@testable import FolioCore

/// A small deterministic generator (SplitMix64), so a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite(.serialized) struct TrustKillTests {
  static func texts(_ version: String) -> [String: String] {
    [
      "chapters/01-one.md": "# One\n\nVersion \(version).\n\n```swift\nprint(\"one\")\n```\n",
      "chapters/02-two.md": "# Two\n\nVersion \(version) again.\n\n```swift\nprint(\"two\")\n```\n",
    ]
  }

  func write(_ texts: [String: String], into book: ScratchBook) throws {
    for (path, text) in texts {
      try Data(text.utf8).write(to: book.root.appendingPathComponent(path))
    }
  }

  @Test(.timeLimit(.minutes(10)))
  func killedBuildLeavesTheOldSiteOrTheNewOneWhole() throws {
    let book = try ScratchBook(texts: Self.texts("A"), name: "kill")
    defer { book.remove() }
    let site = book.root.appendingPathComponent("site")
    let build = ["build", "--book", book.root.path, "--jobs", "2"]
    #expect(try FolioBinary.run(build).status == 0)
    let old = snapshot(site)
    try write(Self.texts("B"), into: book)
    let started = Date()
    #expect(try FolioBinary.run(build).status == 0)
    let warm = Date().timeIntervalSince(started)  // only to spread the kill moments
    let new = snapshot(site)
    #expect(old != new)
    #expect(!old.isEmpty)

    var generator = SeededGenerator(seed: 8)
    var outcomes: [String] = []
    for round in 0..<10 {
      try write(Self.texts("A"), into: book)
      #expect(try FolioBinary.run(build).status == 0)
      #expect(snapshot(site) == old)
      try write(Self.texts("B"), into: book)
      let cold = round % 4 == 3
      let span = cold ? max(warm, 1) * 6 : max(warm, 0.2) * 1.2
      let delay = Double.random(in: 0..<span, using: &generator)
      let outputs = FileManager.default.temporaryDirectory.appendingPathComponent(
        "folio-trust-kill-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: outputs) }
      let process = try FolioBinary.start(build + (cold ? ["--no-cache"] : []), outputs: outputs)
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = snapshot(site)
      let state = now == old ? "old" : now == new ? "new" : "MIXED"
      outcomes.append("\(String(format: "%.2f", delay))s:\(state)")
      #expect(now == old || now == new, "round \(round): killed after \(delay) s, site is neither")
    }
    // The next build works and writes the new site.
    let after = try FolioBinary.run(build)
    #expect(after.status == 0, "\(after.stderr)")
    #expect(snapshot(site) == new)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.root.path).filter {
      $0.hasPrefix(".site.new-")
    }
    #expect(leftovers.isEmpty, "staging folders left: \(leftovers)")
    print("kill moments: \(outcomes.joined(separator: ", "))")
  }

  @Test(.timeLimit(.minutes(10)))
  func twoBuildsAtOnceBothEndCleanly() throws {
    let book = try ScratchBook(texts: Self.texts("C"), name: "twice")
    defer { book.remove() }
    let build = ["build", "--book", book.root.path, "--jobs", "1"]
    let folders = (0..<2).map { _ in
      FileManager.default.temporaryDirectory.appendingPathComponent("folio-trust-twice-\(UUID().uuidString)")
    }
    defer { folders.forEach { try? FileManager.default.removeItem(at: $0) } }
    let processes = try folders.map { try FolioBinary.start(build, outputs: $0) }
    processes.forEach { $0.waitUntilExit() }
    let runs = zip(processes, folders).map { FolioBinary.finished($0, outputs: $1) }
    for run in runs {
      #expect(run.status == 0, "\(run.stderr)")
      #expect(!run.stderr.contains("Fatal error"))
    }
    let site = snapshot(book.root.appendingPathComponent("site"))
    #expect(site["01-one.html"] != nil)
    #expect(site["02-two.html"] != nil)
    // The site is whole: exactly what a fresh build of the same book writes.
    let again = try FolioBinary.run(build + ["--no-cache"])
    #expect(again.status == 0)
    #expect(snapshot(book.root.appendingPathComponent("site")) == site)
  }
}
