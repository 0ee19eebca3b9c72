// Trust: a book that cannot be read gets one clear line and exit code 2 from the `folio`
// binary, never a crash; the loader names the byte offset of bad bytes.
import Foundation
import Testing

@testable import FolioCore

@Suite struct TrustInputTests {
  /// Runs `folio build --book <root>` and checks for exit code 2 and one line on stderr.
  func expectOneLineUsageError(
    _ book: URL, containing parts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let run = try FolioBinary.run(["build", "--book", book.path])
    #expect(run.status == 2, "\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.errorLines.count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
    let line = run.errorLines.first ?? ""
    for part in parts {
      #expect(line.contains(part), "\(line) should contain \(part)", sourceLocation: sourceLocation)
    }
    #expect(!run.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
  }

  @Test func chapterThatIsNotUTF8NamesFileAndByteOffset() throws {
    // "# T\n\nab" then é (2 bytes), then a lone 0xFF at byte offset 9, then valid text.
    var bytes = Array("# T\n\nab".utf8) + [0xC3, 0xA9, 0xFF] + Array(" and more é text\n".utf8)
    let book = try ScratchBook(["chapters/01-bad.md": Data(bytes)], name: "utf8")
    defer { book.remove() }
    try expectOneLineUsageError(
      book.root, containing: ["chapters/01-bad.md: error:", "not UTF-8", "byte offset 9"])
    // A truncated sequence at the very end.
    bytes = Array("# T\n\nok é".utf8) + [0xE2, 0x82]
    #expect(BookLoader.firstInvalidUTF8(Data(bytes)) == 10)
    #expect(BookLoader.firstInvalidUTF8(Data("# fine é ∑ 𝔼\n".utf8)) == nil)
    #expect(BookLoader.firstInvalidUTF8(Data([0x80])) == 0)
    #expect(BookLoader.firstInvalidUTF8(Data(Array("𝔼".utf8) + [0xED, 0xA0, 0x80])) == 4)
  }

  @Test func chapterWithANulByteNamesFileAndByteOffset() throws {
    let bytes = Array("# T\n\nbefore".utf8) + [0] + Array("after\n".utf8)
    let book = try ScratchBook(
      ["chapters/01-ok.md": Data("# Fine\n".utf8), "chapters/02-nul.md": Data(bytes)], name: "nul")
    defer { book.remove() }
    try expectOneLineUsageError(
      book.root, containing: ["chapters/02-nul.md: error:", "NUL byte", "byte offset 11"])
  }

  @Test func emptyChaptersFolderIsOneLine() throws {
    let book = try ScratchBook(["chapters/notes.txt": Data("not a chapter".utf8)], name: "empty")
    defer { book.remove() }
    try expectOneLineUsageError(book.root, containing: ["error: no chapters", "no .md files"])
  }

  @Test func missingChaptersFolderIsOneLine() throws {
    let book = try ScratchBook(["book.yml": Data("title: No chapters\n".utf8)], name: "nochapters")
    defer { book.remove() }
    try expectOneLineUsageError(book.root, containing: ["error: no chapters"])
  }

  @Test func missingBookDirectoryIsOneLineAndIsNotCreated() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-missing-\(UUID().uuidString)")
    try expectOneLineUsageError(missing, containing: ["error: no book directory at", missing.path])
    #expect(!FileManager.default.fileExists(atPath: missing.path), "a build must not create the book folder")
  }

  @Test func bookPathThatIsAFileIsOneLine() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-file-\(UUID().uuidString).md")
    try Data("# not a book\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    try expectOneLineUsageError(file, containing: ["error: no book directory at"])
  }

  @Test func unreadableChapterIsOneLine() throws {
    // Tests may run as root, where chmod 000 does not stop a read: a directory named like a
    // chapter cannot be read by anyone, so it stands in for the unreadable file.
    let book = try ScratchBook(["chapters/01-ok.md": Data("# Fine\n".utf8)], name: "unreadable")
    defer { book.remove() }
    try FileManager.default.createDirectory(
      at: book.root.appendingPathComponent("chapters/02-folder.md"), withIntermediateDirectories: true)
    try expectOneLineUsageError(
      book.root, containing: ["chapters/02-folder.md: error: cannot read the file", "directory"])
  }

  @Test(.enabled(if: getuid() != 0, "chmod 000 does not stop root from reading a file"))
  func chmodUnreadableChapterIsOneLine() throws {
    let book = try ScratchBook(["chapters/01-secret.md": Data("# Secret\n".utf8)], name: "chmod")
    defer {
      chmod(book.root.appendingPathComponent("chapters/01-secret.md").path, 0o644)
      book.remove()
    }
    chmod(book.root.appendingPathComponent("chapters/01-secret.md").path, 0)
    try expectOneLineUsageError(book.root, containing: ["chapters/01-secret.md: error: cannot read the file"])
  }

  @Test func fifoNamedLikeAChapterDoesNotHang() throws {
    let book = try ScratchBook(["chapters/01-ok.md": Data("# Fine\n".utf8)], name: "fifo")
    defer { book.remove() }
    #expect(mkfifo(book.root.appendingPathComponent("chapters/02-pipe.md").path, 0o644) == 0)
    try expectOneLineUsageError(
      book.root, containing: ["chapters/02-pipe.md: error: cannot read the file", "not a regular file"])
  }

  @Test func brokenConfigIsOneLineWithItsLine() throws {
    let book = try ScratchBook(
      texts: ["book.yml": "title: Broken\nauthor: [unclosed\nlanguage: en\n", "chapters/01.md": "# One\n"],
      name: "yaml")
    defer { book.remove() }
    try expectOneLineUsageError(book.root, containing: ["book.yml:", "error:", "does not parse"])
  }

  @Test func settingsAreKeptByTheBytesOfBookYml() throws {
    let yaml = "title: Kept\ntimeout: 30\nproducts: [A, B]\ntolerance:\n  relative: 1e-6\n  absolute: 1e-9\n"
    let book = try ScratchBook(texts: ["book.yml": yaml, "chapters/01.md": "# One\n"], name: "keptconfig")
    defer { book.remove() }
    let cache = book.root.appendingPathComponent(".build/folio")
    let read = try BookLoader().loadConfig(book.root)
    // The first read keeps the settings; they come back the same from the kept file.
    #expect(try BookLoader().loadConfig(book.root, cache: cache) == read)
    let kept = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
      $0.hasPrefix("book-yml-")
    }
    #expect(kept.count == 1)
    #expect(try BookLoader().loadConfig(book.root, cache: cache) == read)
    // What the kept file says is what a later build reads (it is not parsed again)...
    var planted = read
    planted.title = "Read from the kept file"
    try JSONEncoder().encode(planted).write(to: cache.appendingPathComponent(kept[0]))
    #expect(try BookLoader().loadConfig(book.root, cache: cache).title == "Read from the kept file")
    // ...until book.yml changes: then it is parsed again, and the old file goes.
    try Data((yaml + "author: Someone\n").utf8).write(to: book.root.appendingPathComponent("book.yml"))
    let changed = try BookLoader().loadConfig(book.root, cache: cache)
    #expect(changed.title == "Kept" && changed.author == "Someone")
    let now = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
      $0.hasPrefix("book-yml-")
    }
    #expect(now.count == 1 && now != kept)
    // A broken book.yml is an error every time, never a kept answer.
    try Data("title: [unclosed\n".utf8).write(to: book.root.appendingPathComponent("book.yml"))
    #expect(throws: FolioError.self) { try BookLoader().loadConfig(book.root, cache: cache) }
    #expect(throws: FolioError.self) { try BookLoader().loadConfig(book.root, cache: cache) }
  }

  @Test func configWithAWrongTypeIsOneLine() throws {
    let book = try ScratchBook(
      texts: ["book.yml": "title: Typed\ntimeout: soon\n", "chapters/01.md": "# One\n"], name: "yamltype")
    defer { book.remove() }
    try expectOneLineUsageError(book.root, containing: ["book.yml: error:"])
  }

  @Test func timingsListTheStagesAfterTheSummary() throws {
    let book = try ScratchBook(texts: ["chapters/01.md": "# One\n\nProse.\n"], name: "timings")
    defer { book.remove() }
    let first = try FolioBinary.run(["build", "--book", book.root.path, "--timings"])
    #expect(first.status == 0, "\(first.stderr)")
    let lines = first.errorLines
    let summary = try #require(lines.firstIndex { $0.hasPrefix("built 1 chapter (0 cells; 0 from cache)") })
    let stages = lines[(summary + 1)...].map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(stages == StageName.allCases.map(\.rawValue))
    let again = try FolioBinary.run(["build", "--book", book.root.path, "--timings"])
    // Nothing changed: the pipeline stopped after its first stage.
    #expect(again.errorLines.last?.hasPrefix("  prepare ") == true, "\(again.stderr)")
  }

  @Test func badArgumentsExitWithCode2WithoutATrap() throws {
    let invalid = try FolioBinary.run(["build", "--timeout=-1"])
    #expect(invalid.status == 2, "\(invalid.stderr)")
    #expect(invalid.stderr.contains("--timeout must be a positive number"))
    let unknown = try FolioBinary.run(["build", "--no-such-option"])
    #expect(unknown.status == 2, "\(unknown.stderr)")
    #expect(unknown.stderr.contains("--no-such-option"))
    let help = try FolioBinary.run(["--help"])
    #expect(help.status == 0)
    let version = try FolioBinary.run(["--version"])
    #expect(version.status == 0, "\(version.stderr)")
    #expect(version.stdout.split(separator: ".").count == 3, "\(version.stdout)")
    for run in [invalid, unknown, help, version] { #expect(!run.stderr.contains("Fatal error")) }
  }
}
