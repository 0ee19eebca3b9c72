// The digests of a package's sources, remembered by size and modification time.
import Foundation
import Testing

@testable import FolioCore

@Suite struct FileDigestsTests {
  private func status(_ url: URL) throws -> FileStatus { try #require(FileStatus.of(url.path)) }

  @Test func aFileIsReadAgainOnlyWhenItsStatusMoved() throws {
    let folder = RenderTestSupport.temporaryDirectory()
    let source = folder.appendingPathComponent("Sources/A.swift")
    try FileManager.default.createDirectory(
      at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("let a = 1\n".utf8).write(to: source)
    let kept = folder.appendingPathComponent("digests.json")
    let first = FileDigests(file: kept)
    let one = try status(source)
    let digest = try first.digest(of: source, size: one.size, modified: one.modified)
    #expect(digest == FieldHasher.hex(SHA256.hash(data: Data("let a = 1\n".utf8))))
    first.save()
    // A later build takes the kept digest while the file's size and time are the same: planted
    // in the kept file, it comes back without the file being read.
    var planted = try JSONSerialization.jsonObject(with: Data(contentsOf: kept)) as! [String: [String: Any]]
    planted[source.path]?["digest"] = "planted"
    try JSONSerialization.data(withJSONObject: planted).write(to: kept)
    #expect(
      try FileDigests(file: kept).digest(of: source, size: one.size, modified: one.modified) == "planted")
    // An edit of the same size moves the time: the file is read again.
    try Data("let a = 2\n".utf8).write(to: source)
    var later = try status(source)
    if later.modified == one.modified {
      later.modified += 1
    }
    let again = try FileDigests(file: kept).digest(of: source, size: later.size, modified: later.modified)
    #expect(again == FieldHasher.hex(SHA256.hash(data: Data("let a = 2\n".utf8))))
    // A file that is gone is an error naming it, not a stale digest.
    try FileManager.default.removeItem(at: source)
    #expect(throws: FolioError.self) {
      try FileDigests(file: nil).digest(of: source, size: later.size, modified: later.modified)
    }
  }

  @Test func theLibraryKeyFollowsASourceEdit() throws {
    let folder = RenderTestSupport.temporaryDirectory()
    let sources = folder.appendingPathComponent("Lib")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    try Data("public let x = 1\n".utf8).write(to: sources.appendingPathComponent("X.swift"))
    let digests = FileDigests(file: folder.appendingPathComponent("d.json"))
    func key() throws -> String {
      var hasher = FieldHasher()
      try BookPackage.hashFiles(in: sources, as: "Lib", into: &hasher, digests: digests)
      return hasher.hex()
    }
    let before = try key()
    #expect(try key() == before)
    try Data("public let x = 22\n".utf8).write(to: sources.appendingPathComponent("X.swift"))
    #expect(try key() != before)
    try Data("public let y = 1\n".utf8).write(to: sources.appendingPathComponent("Y.swift"))
    let withY = try key()
    try FileManager.default.removeItem(at: sources.appendingPathComponent("Y.swift"))
    #expect(try key() != withY)
  }
}
