// Helpers for the trust tests: books written on the fly, the `folio` binary run as a child
// process, and whole-site snapshots.
import Foundation
import Testing

@testable import FolioCore

/// A book written into its own temporary folder from file texts or bytes.
struct ScratchBook {
  /// The book's folder.
  let root: URL

  /// Writes `files` (paths relative to the book) into a fresh temporary folder.
  init(_ files: [String: Data], name: String = "scratch") throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-\(name)-\(UUID().uuidString)")
    for (path, data) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
  }

  /// Writes `files` given as text.
  init(texts: [String: String], name: String = "scratch") throws {
    try self.init(texts.mapValues { Data($0.utf8) }, name: name)
  }

  /// Build options for this book.
  func options(timeout: Double? = nil) -> BuildOptions {
    BuildOptions(book: root, jobs: 2, timeout: timeout)
  }

  /// Builds the book in this process.
  func build() throws -> BuildReport { try Pipeline.run(options()) }

  /// A site file's text.
  func page(_ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent("site/\(name)"), encoding: .utf8)
  }

  /// Removes the folder.
  func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The `folio` executable of this package, run as a child process.
enum FolioBinary {
  /// The package root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `folio` built beside these tests by `swift build --build-tests` (in the build folder of
  /// whichever configuration built them, where their resources are).
  static var url: URL { Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("folio") }

  /// What a finished run left.
  struct Run {
    /// The exit status (128 + n for a signal).
    var status: Int32
    /// Standard output.
    var stdout: String
    /// Standard error.
    var stderr: String
    /// The non-empty lines of standard error.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
  }

  /// Starts `folio arguments…` (this package's, or `executable`, in `folder`) with its output
  /// going to files; the caller waits or kills it.
  static func start(
    _ arguments: [String], environment: [String: String]? = nil, outputs: URL, executable: URL = url,
    in folder: URL? = nil
  ) throws -> Process {
    #expect(
      FileManager.default.isExecutableFile(atPath: executable.path),
      "build the binary first: swift build --build-tests")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
    let out = outputs.appendingPathComponent("stdout")
    let err = outputs.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs `folio arguments…` to its end.
  static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Run {
    let outputs = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-trust-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outputs) }
    let process = try start(arguments, environment: environment, outputs: outputs)
    process.waitUntilExit()
    return finished(process, outputs: outputs)
  }

  /// The status and outputs of a process started with `start` that has ended.
  static func finished(_ process: Process, outputs: URL) -> Run {
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    return Run(
      status: status,
      stdout: (try? String(contentsOf: outputs.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: outputs.appendingPathComponent("stderr"), encoding: .utf8)) ?? "")
  }
}

/// Every regular file of a folder, by relative path, with its bytes.
func snapshot(_ folder: URL) -> [String: Data] {
  SiteWriter.listFiles(folder).compactMapValues { FileManager.default.contents(atPath: $0.path) }
}

/// The `href` values of a page, in order.
func hrefs(in html: String) -> [String] {
  var found: [String] = []
  var rest = Substring(html)
  while let start = rest.range(of: "href=\"") {
    rest = rest[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { break }
    found.append(String(rest[..<end]))
    rest = rest[end...]
  }
  return found
}
