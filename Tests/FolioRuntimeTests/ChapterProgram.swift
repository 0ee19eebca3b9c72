// Builds and runs a real chapter-like program against FolioRuntime, the way the engine does.
import Foundation

/// Compiles FolioProtocol, MLMath, FolioRuntime and FolioPlot from this checkout into static libraries (the
/// engine's command line), links a program against them and runs it with stdout and stderr in
/// regular files and, optionally, a `FOLIO_CONTROL` file.
struct ChapterProgram {
  /// What one run produced.
  struct Run {
    let stdout: Data
    let stderr: Data
    /// Parsed control records, in file order; empty when run without `FOLIO_CONTROL`.
    let records: [[String: Any]]
    /// The raw control file.
    let control: Data
    let exitStatus: Int32

    /// The records with this event.
    func records(_ event: String) -> [[String: Any]] {
      records.filter { $0["event"] as? String == event }
    }

    /// Stdout between two byte offsets, as text.
    func stdout(from start: Int, to end: Int) -> String {
      String(decoding: stdout[start..<end], as: UTF8.self)
    }

    /// Stdout printed while `cell` ran: from its `begin` to its `end` or `shouldFail` record.
    func printed(cell: Int) -> String {
      let own = records.filter { $0["cell"] as? Int == cell }
      guard let first = own.first?["stdout"] as? Int, let last = own.last?["stdout"] as? Int else {
        return ""
      }
      return stdout(from: first, to: last)
    }
  }

  enum Failure: Error, CustomStringConvertible {
    case command(String, String)
    var description: String {
      switch self {
      case .command(let command, let output): "\(command) failed:\n\(output)"
      }
    }
  }

  /// The repository's Sources folder, found from this file's path.
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

  let folder: URL
  let executable: URL

  /// Builds the libraries and the program `source` (Swift 5 mode, top-level code, like a chapter).
  init(source: String) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-runtime-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    executable = folder.appendingPathComponent("chapter")
    do {
      try ChapterProgram.build(source: source, in: folder, executable: executable)
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw error
    }
  }

  private static func build(source: String, in folder: URL, executable: URL) throws {
    // In dependency order, each compiled with `-I` the folder holding the previous modules.
    for module in ["FolioProtocol", "MLMath", "FolioRuntime", "FolioPlot", "MLMathDisplay"] {
      let files = try ChapterProgram.swiftFiles(in: ChapterProgram.sources.appendingPathComponent(module))
      try ChapterProgram.run(
        "swiftc",
        [
          "-Onone", "-wmo", "-parse-as-library", "-swift-version", "6", "-emit-library", "-static",
          "-emit-module",
          "-module-name", module, "-I", folder.path, "-o",
          folder.appendingPathComponent("lib\(module).a").path,
          "-emit-module-path", folder.appendingPathComponent("\(module).swiftmodule").path,
        ] + files)
    }
    let main = folder.appendingPathComponent("main.swift")
    try source.write(to: main, atomically: true, encoding: .utf8)
    try ChapterProgram.run(
      "swiftc",
      [
        "-swift-version", "5", "-Onone", "-I", folder.path, "-L", folder.path, "-lFolioPlot",
        "-lFolioRuntime", "-lMLMath", "-lFolioProtocol", main.path, "-o", executable.path,
        // MLMathDisplay holds only conformances, which nothing names: linked whole, as the
        // shared library a book's programs link holds it.
        "-Xlinker", "--whole-archive", "-Xlinker", folder.appendingPathComponent("libMLMathDisplay.a").path,
        "-Xlinker", "--no-whole-archive",
      ])
  }

  /// Runs the program; with `control`, `FOLIO_CONTROL` names a fresh file.
  func run(control: Bool) throws -> Run {
    let out = folder.appendingPathComponent("stdout-\(control)")
    let err = folder.appendingPathComponent("stderr-\(control)")
    let controlFile = folder.appendingPathComponent("control.jsonl")
    for file in [out, err] { FileManager.default.createFile(atPath: file.path, contents: nil) }
    try? FileManager.default.removeItem(at: controlFile)
    let process = Process()
    process.executableURL = executable
    var environment = ProcessInfo.processInfo.environment
    environment["FOLIO_CONTROL"] = control ? controlFile.path : nil
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    let controlData = (try? Data(contentsOf: controlFile)) ?? Data()
    let records = try controlData.split(separator: UInt8(ascii: "\n")).map { line in
      guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
        throw Failure.command("parse", String(decoding: line, as: UTF8.self))
      }
      return object
    }
    return Run(
      stdout: try Data(contentsOf: out), stderr: try Data(contentsOf: err), records: records,
      control: controlData, exitStatus: process.terminationStatus)
  }

  /// Deletes the build folder.
  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }

  private static func swiftFiles(in folder: URL) throws -> [String] {
    let enumerator = FileManager.default.enumerator(
      at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: nil)
    var files: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      if url.pathExtension == "swift" { files.append(url.path) }
    }
    return files.sorted()
  }

  private static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure.command(
        "\(tool) \(arguments.joined(separator: " "))", String(decoding: output, as: UTF8.self))
    }
  }
}
