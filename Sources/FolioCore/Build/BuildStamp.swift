// The record of the last clean build, so a rebuild with nothing changed stops before any work.
import Foundation

/// What the last clean build read and wrote.
///
/// A build that changed nothing is the most common build of all (`folio serve`, `make site`
/// twice). When the inputs hash the same and every site file still has the size and time it was
/// written with, the site is already what a build would write, and the build ends there.
struct BuildStamp: Codable, Equatable {
  /// The size and modification time of one site file.
  struct FileStat: Codable, Equatable {
    var size: Int
    var modified: Double
  }

  /// SHA-256 of everything the site depends on (see `inputsDigest`).
  var inputs: String
  /// Every site file as it was left.
  var site: [String: FileStat]
  /// The counts the summary line prints.
  var chapterCount: Int
  /// Cells by status.
  var cellCounts: [String: Int]

  /// The stamp file of a book.
  static func url(in state: URL) -> URL { state.appendingPathComponent("last-build.json") }

  /// Hashes what a build's output depends on, from the files as they are, before anything is
  /// parsed: `book.yml`'s and every chapter's bytes, the libraries' key (toolchain and sources),
  /// a timeout given on the command line, the output folder, and this `folio` executable itself
  /// (its defaults and its rendering). Nil when the book cannot be read; the build then loads
  /// it and says why.
  static func inputsDigest(book root: URL, timeout: Double?, libraryKey: String, engine: String, output: URL)
    -> String?
  {
    let fm = FileManager.default
    let chapters = root.appendingPathComponent("chapters")
    guard let names = try? fm.contentsOfDirectory(atPath: chapters.path) else { return nil }
    var hasher = FieldHasher()
    hasher.add("folio-stamp-v2")
    hasher.add(executableIdentity)
    hasher.add(output.standardizedFileURL.path)
    hasher.add(libraryKey)
    hasher.add(engine)
    hasher.add(timeout.map { "timeout \($0)" } ?? "timeout from the book")
    let config = root.appendingPathComponent(BookLoader.configName)
    if fm.fileExists(atPath: config.path) {
      guard let bytes = fm.contents(atPath: config.path) else { return nil }
      hasher.add(bytes: bytes)
    } else {
      hasher.add("no config")
    }
    for name in BookLoader.chapterFileNames(names) {
      guard let bytes = fm.contents(atPath: chapters.appendingPathComponent(name).path) else { return nil }
      hasher.add(name)
      hasher.add(bytes: bytes)
    }
    return hasher.hex()
  }

  /// Path, size and modification time of the running executable and of every file it copies
  /// into sites (its bundled CSS and scripts change without the binary changing).
  static let executableIdentity: String = {
    func identity(_ path: String) -> String {
      let status = FileStatus.of(path)
      return "\(path) \(status?.size ?? 0) \(status?.modified ?? 0)"
    }
    var parts = [identity(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path)]
    if let assets = try? SiteAssets.bundled(".") {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: assets.path)) ?? []
      parts += names.sorted().map { identity(assets.appendingPathComponent($0).path) }
    }
    return parts.joined(separator: "\n")
  }()

  /// The size and time of every file below `site`.
  static func stat(_ site: URL) -> [String: FileStat] {
    FileStatus.files(below: site).mapValues { FileStat(size: $0.size, modified: $0.modified) }
  }

  /// The stamp left by the last clean build, if any.
  static func read(in state: URL) -> BuildStamp? {
    guard let data = FileManager.default.contents(atPath: url(in: state).path) else { return nil }
    return try? JSONDecoder().decode(BuildStamp.self, from: data)
  }

  /// Records a clean build; a build with problems removes the stamp instead, so it runs again
  /// and says what is wrong again.
  static func record(_ stamp: BuildStamp?, in state: URL) {
    let url = url(in: state)
    guard let stamp, let data = try? JSONEncoder().encode(stamp) else {
      try? FileManager.default.removeItem(at: url)
      return
    }
    try? data.write(to: url, options: .atomic)
  }
}
