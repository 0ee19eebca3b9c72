// Rendered pages kept between builds, by a key over everything a page is made from.
import Foundation

/// The files a page renders to (its HTML, and a chapter's live script) with the problems found
/// while rendering it, kept under a key that covers everything they are made from; a build
/// whose key for a page is unchanged takes the page from here instead of rendering it.
///
/// A prose edit changes one chapter: its page is rendered again, the others (and the API
/// reference's pages) come from here. Each entry is one file, `<key>.page`: a JSON line naming
/// the files and their sizes, with the diagnostics, then the files' bytes. An entry that does not
/// read back whole is a miss. Entries no page of the last build used are removed when it ends.
final class PageCache: @unchecked Sendable {
  /// A page as rendered: its files and the problems found.
  struct Page {
    var files: [SiteFile]
    var diagnostics: [Diagnostic]
  }

  private struct Header: Codable {
    var paths: [String]
    var sizes: [Int]
    var diagnostics: [Diagnostic]
  }

  /// The folder of entries.
  let directory: URL
  private let lock = NSLock()
  private var used: Set<String> = []

  /// A cache in `directory` (created on the first store).
  init(directory: URL) {
    self.directory = directory
  }

  private func url(_ key: String) -> URL { directory.appendingPathComponent("\(key).page") }

  /// The page stored under `key`, if there is a whole one.
  func page(for key: String) -> Page? {
    guard let data = FileManager.default.contents(atPath: url(key).path),
      let newline = data.firstIndex(of: UInt8(ascii: "\n")),
      let header = try? JSONDecoder().decode(Header.self, from: data[..<newline]),
      header.paths.count == header.sizes.count,
      header.sizes.reduce(0, +) == data.count - newline - 1
    else { return nil }
    var files: [SiteFile] = []
    var start = newline + 1
    for (path, size) in zip(header.paths, header.sizes) {
      files.append(SiteFile(path: path, contents: Data(data[start..<start + size])))
      start += size
    }
    lock.withLock { _ = used.insert(key) }
    return Page(files: files, diagnostics: header.diagnostics)
  }

  /// Keeps `page` under `key` (written to a temporary file, then renamed into place).
  func store(_ page: Page, for key: String) {
    lock.withLock { _ = used.insert(key) }
    let header = Header(
      paths: page.files.map(\.path), sizes: page.files.map(\.contents.count), diagnostics: page.diagnostics)
    guard var data = try? JSONEncoder().encode(header) else { return }
    data.append(UInt8(ascii: "\n"))
    for file in page.files { data.append(file.contents) }
    let fm = FileManager.default
    try? fm.createDirectory(at: directory, withIntermediateDirectories: true)
    let scratch = directory.appendingPathComponent(".\(key).\(getpid()).tmp")
    guard fm.createFile(atPath: scratch.path, contents: data) else { return }
    if rename(scratch.path, url(key).path) != 0 { try? fm.removeItem(at: scratch) }
  }

  /// Removes the entries this build did not use: the folder holds the current pages only.
  func removeUnused() {
    let keep = lock.withLock { used }
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    where name.hasSuffix(".page") && !keep.contains(String(name.dropLast(5))) {
      try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }
  }
}
