// Unit tests for the compiled-library cache: keys and pruning.
import Foundation
import Testing

@testable import FolioCore

@Suite struct LibraryCacheTests {
  @Test func pruneKeepsTheNewestBuildsAndDropsWhatAKilledBuildLeft() throws {
    let fm = FileManager.default
    let cache = fm.temporaryDirectory.appendingPathComponent("folio-libraries-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: cache) }
    try fm.createDirectory(at: cache, withIntermediateDirectories: true)
    for (i, name) in ["a", "b", "c", "d", "building-123"].enumerated() {
      let url = cache.appendingPathComponent(name)
      try fm.createDirectory(at: url, withIntermediateDirectories: true)
      try fm.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: Double(1_000 * (i + 1)))], ofItemAtPath: url.path)
    }
    fm.createFile(atPath: cache.appendingPathComponent("lock").path, contents: nil)
    let builder = LibraryBuilder(
      sourcesDirectory: cache, cacheDirectory: cache,
      toolchain: Toolchain(swiftc: "/bin/false", version: "test"))
    builder.prune(keeping: 3)
    #expect(try fm.contentsOfDirectory(atPath: cache.path).sorted() == ["c", "d", "lock"])
  }

  @Test func keyChangesWithTheSourcesAndTheToolchain() throws {
    let fm = FileManager.default
    let sources = fm.temporaryDirectory.appendingPathComponent("folio-sources-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: sources) }
    for module in LibraryBuilder.modules {
      try fm.createDirectory(at: sources.appendingPathComponent(module), withIntermediateDirectories: true)
      try "// \(module)\n".write(
        to: sources.appendingPathComponent("\(module)/A.swift"), atomically: true, encoding: .utf8)
    }
    func key(_ version: String) throws -> String {
      try LibraryBuilder(
        sourcesDirectory: sources, cacheDirectory: sources,
        toolchain: Toolchain(swiftc: "/bin/false", version: version)
      ).currentKey()
    }
    let first = try key("6.3.1")
    #expect(try key("6.3.1") == first)
    #expect(try key("6.4") != first)
    try "// edited\n".write(
      to: sources.appendingPathComponent("MLMath/A.swift"), atomically: true, encoding: .utf8)
    #expect(try key("6.3.1") != first)
  }
}
