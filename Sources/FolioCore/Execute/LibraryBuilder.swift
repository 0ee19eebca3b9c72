// Compiles FolioProtocol, MLMath, FolioRuntime and FolioPlot from this repository's current source into static
// libraries that chapter programs link against, once per distinct source and toolchain.
import Foundation

/// The compiled libraries a chapter program imports and links.
public struct CompiledLibraries: Sendable, Hashable {
  /// The folder with `lib<Module>.a` and `<Module>.swiftmodule` for each module.
  public var directory: URL
  /// The compiler's symbol graphs of every module (`<Module>.symbols.json`, and
  /// `<Module>@<Other>.symbols.json` for its extensions of other modules' types).
  public var symbolGraphs: URL { directory.appendingPathComponent(LibraryBuilder.symbolGraphFolder) }
  /// A hash of the toolchain, the flags and every source file: part of every results key.
  public var key: String
  /// The modules, in dependency order.
  public var modules: [String]

  /// Flags for `swiftc` to find and link the modules.
  public var linkFlags: [String] {
    ["-I", directory.path, "-L", directory.path] + modules.reversed().map { "-l\($0)" }
  }
}

/// Builds (or finds already built) the libraries the chapters run against.
public struct LibraryBuilder: Sendable {
  /// The modules chapter programs can import, in dependency order.
  public static let modules = ["FolioProtocol", "MLMath", "FolioRuntime", "FolioPlot"]
  /// The optimisation the libraries are compiled with (the cells run against optimised maths).
  static let flags = ["-O", "-wmo", "-parse-as-library", "-swift-version", "6"]
  /// Where in a compiled version the symbol graphs are written (the API pages' source).
  static let symbolGraphFolder = "symbol-graphs"

  /// The folder holding `MLMath/`, `FolioRuntime/` and `FolioPlot/` sources.
  public var sourcesDirectory: URL
  /// Where compiled libraries are kept, one folder per key.
  public var cacheDirectory: URL
  /// The compiler.
  public var toolchain: Toolchain

  /// Creates a builder.
  public init(sourcesDirectory: URL, cacheDirectory: URL, toolchain: Toolchain) {
    self.sourcesDirectory = sourcesDirectory
    self.cacheDirectory = cacheDirectory
    self.toolchain = toolchain
  }

  /// This repository's `Sources/` folder, found from where this file was compiled, or
  /// `$FOLIO_SOURCES` when set (for an installed `folio`).
  public static var defaultSourcesDirectory: URL {
    if let override = ProcessInfo.processInfo.environment["FOLIO_SOURCES"], !override.isEmpty {
      return URL(fileURLWithPath: override)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// This repository's root (the parent of `Sources/`).
  public static var repositoryRoot: URL { defaultSourcesDirectory.deletingLastPathComponent() }

  /// The key of the current sources: cheap (reads files, starts no process).
  public func currentKey() throws(FolioError) -> String {
    var hasher = SHA256()
    hasher.update(data: Data(toolchain.version.utf8))
    hasher.update(data: Data(Self.flags.joined(separator: " ").utf8))
    hasher.update(data: Data("symbol graphs in \(Self.symbolGraphFolder)".utf8))
    for module in Self.modules {
      for file in try sources(of: module) {
        hasher.update(data: Data("\u{0}\(module)/\(file.lastPathComponent)\u{0}".utf8))
        guard let data = FileManager.default.contents(atPath: file.path) else {
          throw FolioError(.environment, "cannot read \(file.path)")
        }
        hasher.update(data: data)
      }
    }
    return FieldHasher.hex(hasher.finalize())
  }

  /// Returns the libraries for the current sources, compiling them when this exact source has
  /// not been compiled before. Concurrent builds wait for each other through a lock file.
  public func build(
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (String) -> Void = { _ in }
  ) throws(FolioError) -> CompiledLibraries {
    let key = try currentKey()
    let target = cacheDirectory.appendingPathComponent(String(key.prefix(32)))
    let libraries = CompiledLibraries(directory: target, key: key, modules: Self.modules)
    let fm = FileManager.default
    if fm.fileExists(atPath: target.appendingPathComponent("complete").path) { return libraries }
    do {
      try fm.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.environment, "cannot create \(cacheDirectory.path)", underlying: "\(error)")
    }
    let lock = try FileLock(cacheDirectory.appendingPathComponent("lock"), wait: true)
    defer { lock.release() }
    if fm.fileExists(atPath: target.appendingPathComponent("complete").path) { return libraries }
    progress("compiling \(Self.modules.joined(separator: ", ")) (optimised)")
    prune(keeping: Self.keptBuilds)
    let scratch = cacheDirectory.appendingPathComponent("building-\(getpid())")
    try? fm.removeItem(at: scratch)
    try? fm.createDirectory(
      at: scratch.appendingPathComponent(Self.symbolGraphFolder), withIntermediateDirectories: true)
    try compile(into: scratch, jobs: jobs)
    _ = FileManager.default.createFile(
      atPath: scratch.appendingPathComponent("complete").path, contents: Data())
    try? fm.removeItem(at: target)
    do {
      try fm.moveItem(at: scratch, to: target)
    } catch {
      throw FolioError(
        .environment, "cannot move the compiled libraries into \(target.path)", underlying: "\(error)")
    }
    return libraries
  }

  /// Compiles every module into `folder` in two steps, the way SwiftPM does: first each module's
  /// interface, from its declarations only (under a second each, in dependency order), then the
  /// modules' code, all at once: MLMath's optimised code (the bulk) is generated while the modules
  /// built on it compile against its interface. The interface step also writes the module's
  /// symbol graph (its public declarations and doc comments), which costs it almost nothing.
  private func compile(into folder: URL, jobs: Int) throws(FolioError) {
    let sources = try Dictionary(
      uniqueKeysWithValues: Self.modules.map { module throws(FolioError) in
        (module, try self.sources(of: module).map(\.path))
      })
    @Sendable func run(_ module: String, _ step: String, _ arguments: [String]) throws(FolioError) {
      let log = folder.appendingPathComponent("\(module)\(step).log")
      let outcome = try ProcessRunner.run(
        toolchain.swiftc,
        Self.flags + ["-module-name", module, "-I", folder.path] + arguments + sources[module]!,
        stdout: log, stderr: log, timeout: 600)
      if !outcome.succeeded {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw FolioError(
          .environment, "the library \(module) does not compile (\(outcome.summary)):\n\(text)")
      }
    }
    for module in Self.modules {
      try run(
        module, ".interface",
        [
          "-emit-module", "-emit-module-path", folder.appendingPathComponent("\(module).swiftmodule").path,
          "-Xfrontend", "-experimental-skip-non-inlinable-function-bodies-without-types",
          "-emit-symbol-graph", "-emit-symbol-graph-dir",
          folder.appendingPathComponent(Self.symbolGraphFolder).path,
        ])
    }
    _ = try Parallel.map(Self.modules, jobs: jobs) { (module: String) throws(FolioError) in
      try run(
        module, "", ["-emit-library", "-static", "-o", folder.appendingPathComponent("lib\(module).a").path])
    }
  }

  /// How many compiled versions of the libraries are kept (each MLMath edit makes one).
  static let keptBuilds = 3

  /// Removes what a killed build left (`building-*`: no build runs, the caller holds the lock)
  /// and all but the `count - 1` most recent compiled versions, making room for a new one.
  func prune(keeping count: Int) {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: cacheDirectory.path) else { return }
    var builds: [(url: URL, modified: Date)] = []
    for name in names where name != "lock" {
      let url = cacheDirectory.appendingPathComponent(name)
      if name.hasPrefix("building-") {
        try? fm.removeItem(at: url)
      } else if let date = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date {
        builds.append((url, date))
      }
    }
    for old in builds.sorted(by: { $0.modified > $1.modified }).dropFirst(max(count - 1, 0)) {
      try? fm.removeItem(at: old.url)
    }
  }

  /// The Swift files of a module, sorted, searched recursively.
  func sources(of module: String) throws(FolioError) -> [URL] {
    let dir = sourcesDirectory.appendingPathComponent(module)
    guard let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
      throw FolioError(
        .environment,
        "cannot find the \(module) sources at \(dir.path) (set FOLIO_SOURCES to the repository's Sources folder)"
      )
    }
    let files = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
      .sorted { $0.path < $1.path }
    guard !files.isEmpty else {
      throw FolioError(.environment, "no Swift sources for \(module) in \(dir.path)")
    }
    return files
  }
}
