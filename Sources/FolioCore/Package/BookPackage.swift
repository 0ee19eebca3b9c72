// The package a book's cells import, built by SwiftPM: which one, which products, what key.
import Foundation

/// The Swift package whose library products a book's cells import (`book.yml`: `package:`,
/// `products:`), with Folio's runtime, built by SwiftPM into one shared library that every
/// chapter program links.
///
/// Folio writes a small package of its own (`FolioCells`) that depends on the book's package by
/// path and on Folio's runtime, with one dynamic library product; SwiftPM resolves and builds it
/// in release configuration, in a build folder that survives between builds, so an edit to the
/// package recompiles only what it touches. A book without a package imports the runtime only.
public struct BookPackage: Sendable {
  /// The package folder; nil when the book has none.
  public var root: URL?
  /// What its manifest says; nil when the book has none.
  var manifest: PackageManifest?
  /// The library products cells may import, in order.
  public var products: [String]
  /// Folio's runtime sources, when the package does not contain the runtime itself.
  var runtime: URL?
  /// A digest of those sources: the runtime's copy is a folder per version, so two versions of
  /// folio sharing a build folder never rewrite each other's copy.
  var runtimeDigest = ""
  /// Where the FolioCells package and SwiftPM's build folder live.
  public var buildRoot: URL
  /// The compiler.
  var toolchain: Toolchain

  /// Flags SwiftPM builds with: optimised, so cells run the package's maths at full speed.
  static let configuration = "release"
  /// The library chapter programs link.
  static let libraryName = "FolioCells"

  /// Works out the book's package from its settings (`package:` and `products:` in `book.yml`,
  /// or their command-line overrides), checking that the folder has a manifest and that every
  /// product is a library product of it.
  static func resolve(
    book: URL, config: BookConfig, options: BuildOptions, toolchain: Toolchain
  ) throws(FolioError) -> BookPackage {
    let fm = FileManager.default
    var root: URL?
    if let override = options.package {
      root = override
    } else if let path = config.package {
      root = URL(fileURLWithPath: path, relativeTo: book).standardizedFileURL
    } else if fm.fileExists(atPath: book.appendingPathComponent("Package.swift").path) {
      root = book.standardizedFileURL
    }
    let configLine = { (key: String) in BookLoader.line(ofKey: key, in: book) }
    if let folder = root, !fm.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      throw FolioError(
        .input, at: SourceLocation(file: BookLoader.configName, line: configLine("package")),
        "package: \(folder.path) has no Package.swift")
    }
    let runtimeNeeded: Bool
    var manifest: PackageManifest?
    var products: [String]
    if let folder = root {
      let described = try Self.describe(
        folder, toolchain: toolchain, cache: Self.buildRoot(options, root: folder))
      manifest = described
      products = options.products ?? config.products ?? described.libraryProducts
      let libraries = described.libraryProducts
      for product in products where !libraries.contains(product) {
        throw FolioError(
          .input, at: SourceLocation(file: BookLoader.configName, line: configLine("products")),
          "products: '\(product)' is not a library product of \(described.name) (its library products: "
            + "\(libraries.joined(separator: ", ")))")
      }
      runtimeNeeded = !described.hasTarget("FolioRuntime")
    } else {
      products = []
      runtimeNeeded = true
    }
    var package = BookPackage(
      root: root, manifest: manifest, products: products,
      runtime: runtimeNeeded ? try RuntimeSources.locate() : nil,
      buildRoot: Self.buildRoot(options, root: root),
      toolchain: toolchain)
    if let runtime = package.runtime {
      var hasher = FieldHasher()
      let digests = package.sourceDigests("runtime")
      for module in RuntimeSources.modules {
        try Self.hashFiles(
          in: runtime.appendingPathComponent(module), as: module, into: &hasher, digests: digests)
      }
      digests.save()
      package.runtimeDigest = hasher.hex()
    }
    return package
  }

  /// Where the package is built: the book's `.build/folio/package` (or the folder the options
  /// name); for a book without a package, a cache shared by all such books.
  static func buildRoot(_ options: BuildOptions, root: URL?) -> URL {
    if let folder = options.packageBuildDirectory { return folder }
    if root != nil { return options.stateDirectory.appendingPathComponent("package") }
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: environment["HOME"] ?? NSTemporaryDirectory()).appendingPathComponent(".cache")
    return cache.appendingPathComponent("folio/runtime")
  }

  // MARK: - The FolioCells package

  /// The name SwiftPM knows a path dependency by: its folder's name.
  static func identity(_ folder: URL) -> String { folder.standardizedFileURL.lastPathComponent }

  /// The modules every chapter program imports from the runtime.
  var runtimeProducts: [(product: String, package: String)] {
    let package = runtime == nil ? root.map(Self.identity) ?? "" : Self.identity(runtimeFolder)
    return [("FolioRuntime", package), ("FolioPlot", package)]
  }

  /// FolioCells' manifest.
  var cellsManifest: String {
    var dependencies: [String] = []
    var products: [(String, String)] = []
    if let root {
      dependencies.append(".package(path: \(Self.literal(root.path)))")
      products += self.products.map { ($0, Self.identity(root)) }
    }
    if runtime != nil { dependencies.append(".package(path: \(Self.literal(runtimeFolder.path)))") }
    for (product, package) in runtimeProducts where !products.contains(where: { $0.0 == product }) {
      products.append((product, package))
    }
    let uses = products.map { ".product(name: \(Self.literal($0.0)), package: \(Self.literal($0.1)))" }
    return """
      // swift-tools-version: 6.0
      // The library a book's chapter programs link: written by folio, rebuilt when it changes.
      import PackageDescription

      let package = Package(
        name: "FolioCells",
        products: [.library(name: "\(Self.libraryName)", type: .dynamic, targets: ["\(Self.libraryName)"])],
        dependencies: [
          \(dependencies.joined(separator: ",\n    "))
        ],
        targets: [
          .target(
            name: "\(Self.libraryName)",
            dependencies: [
              \(uses.joined(separator: ",\n        "))
            ])
        ]
      )

      """
  }

  /// FolioCells' manifest without the folders it names: the library is made of what is in them,
  /// which the key hashes, not of where they are. So two clones of a book in different folders
  /// (CI's and an author's) share results keys, and a remote cache serves both.
  var keyedManifest: String {
    var text = cellsManifest
    if let root {
      text = text.replacingOccurrences(of: Self.literal(root.path), with: "\"<package>\"")
        .replacingOccurrences(of: Self.literal(Self.identity(root)), with: "\"<package identity>\"")
    }
    if runtime != nil {
      text = text.replacingOccurrences(of: Self.literal(runtimeFolder.path), with: "\"<runtime>\"")
    }
    return text
  }

  /// The modules the book documents (API pages, symbol links, linked code): those of the
  /// products it lists that declare anything of their own (not, say, a product of conformances).
  var documentedModules: [String] {
    products.compactMap { product in manifest?.products.first { $0.name == product }?.targets.first }
  }

  /// The modules cells may import (for the source file that makes FolioCells' target non-empty).
  var importedModules: [String] {
    var modules = products.flatMap { product in manifest?.products.first { $0.name == product }?.targets ?? []
    }
    for (product, _) in runtimeProducts where !modules.contains(product) { modules.append(product) }
    return modules
  }

  /// The folder of the FolioCells package: one per distinct manifest, so two books (or two
  /// product lists) never rebuild each other's.
  var cellsFolder: URL {
    var hasher = FieldHasher()
    hasher.add(cellsManifest)
    return buildRoot.appendingPathComponent("cells-\(hasher.hex().prefix(12))")
  }

  /// Where the runtime is copied as a package of its own (when the book's package lacks it).
  var runtimeFolder: URL { buildRoot.appendingPathComponent("folio-runtime-\(runtimeDigest.prefix(12))") }

  /// Where the compiler writes every module's symbol graph (for the API pages).
  var symbolGraphs: URL { cellsFolder.appendingPathComponent("symbol-graphs") }

  /// What SwiftPM passes the compiler beyond its configuration.
  ///
  /// Optimised (`-c release`), but one file at a time and incrementally rather than whole-module:
  /// an edit to one function recompiles its file (about a second) instead of its whole module (9 s
  /// for MLMath), the module interfaces stay byte-identical when no declaration changed (so
  /// chapter programs need not be compiled again, see ``CompiledLibraries/interfaceDigest()``), and the
  /// chapters' maths runs as fast as whole-module code (measured on this book's chapters: within
  /// a few per cent). Symbol graphs come from the module step at almost no cost.
  var buildFlags: [String] {
    [
      "-no-whole-module-optimization", "-incremental", "-emit-symbol-graph", "-emit-symbol-graph-dir",
      symbolGraphs.path,
    ]
    .flatMap { ["-Xswiftc", $0] }
  }

  /// SwiftPM's build folder.
  var scratch: URL { cellsFolder.appendingPathComponent(".build") }

  /// The folder with the built library and its modules.
  var outputFolder: URL { scratch.appendingPathComponent(Self.configuration) }

  // MARK: - Key and build

  /// The key of everything the library is built from: toolchain, FolioCells' manifest, the
  /// package's resolved dependency versions and the files of every target the products are
  /// built from (not the package's other targets), and the runtime's sources. Cheap: reads
  /// files, starts no process.
  public func key() throws(FolioError) -> String {
    var hasher = FieldHasher()
    hasher.add("folio-package-v4")
    hasher.add(toolchain.version)
    hasher.add(Self.configuration)
    // The flags without the folder the symbol graphs go to (which names this clone's folder).
    hasher.add(buildFlags.filter { $0 != symbolGraphs.path }.joined(separator: " "))
    hasher.add(keyedManifest)
    hasher.add(manifest?.digest ?? "no manifest")
    if let root {
      let resolved = root.appendingPathComponent("Package.resolved")
      hasher.add(bytes: FileManager.default.contents(atPath: resolved.path) ?? Data())
      let digests = sourceDigests("package")
      for target in manifest?.targets(building: products) ?? [] {
        try Self.hashFiles(
          in: root.appendingPathComponent(target.folder), as: target.folder, into: &hasher, digests: digests)
      }
      digests.save()
    }
    hasher.add(runtimeDigest)
    return hasher.hex()
  }

  /// The folders whose files make up the key (for `folio serve` to watch).
  public var watchedFolders: [URL] {
    var folders: [URL] = []
    if let root {
      folders += (manifest?.targets(building: products) ?? []).map { root.appendingPathComponent($0.folder) }
      folders.append(root.appendingPathComponent("Package.swift"))
    }
    if let runtime { folders += RuntimeSources.modules.map { runtime.appendingPathComponent($0) } }
    return folders
  }

  /// Where each of `modules` has its sources: a target of the book's package, or Folio's
  /// runtime when the package does not contain it (live cells compile them again for WebAssembly).
  func sourceFolders(_ modules: [String]) throws(FolioError) -> [String: URL] {
    var folders: [String: URL] = [:]
    for module in modules {
      if let root, let target = manifest?.targets.first(where: { $0.name == module }) {
        folders[module] = root.appendingPathComponent(target.folder)
      } else if RuntimeSources.modules.contains(module) {
        let sources: URL
        if let runtime { sources = runtime } else { sources = try RuntimeSources.locate() }
        folders[module] = sources.appendingPathComponent(module)
      }
    }
    return folders
  }

  /// The folders `folio serve` watches for a book: its package's sources (none when the book's
  /// settings cannot be read yet: the build will say why).
  public static func watchedFolders(book: URL) -> [URL] {
    let options = BuildOptions(book: book)
    guard let toolchain = try? Toolchain.locate(stateDirectory: options.stateDirectory),
      let config = try? BookLoader().loadConfig(book),
      let package = try? resolve(book: book, config: config, options: options, toolchain: toolchain)
    else { return [] }
    return package.watchedFolders
  }

  /// The built library for the current sources: SwiftPM runs only when the key changed since
  /// the last build of this FolioCells package. Concurrent builds wait for each other.
  func build(progress: (String) -> Void) throws(FolioError) -> CompiledLibraries {
    let key = try key()
    let fm = FileManager.default
    let stamp = cellsFolder.appendingPathComponent("built-key")
    let flagsFile = cellsFolder.appendingPathComponent("import-flags.json")
    func current() -> CompiledLibraries? {
      let libraries = CompiledLibraries(
        directory: outputFolder, key: key, symbolGraphs: symbolGraphs,
        importFlags: fm.contents(atPath: flagsFile.path).flatMap {
          try? JSONDecoder().decode([String].self, from: $0)
        }
          ?? [])
      let built =
        (try? String(contentsOf: stamp, encoding: .utf8)) == key
        && fm.fileExists(atPath: libraries.library.path)
      return built ? libraries : nil
    }
    if let libraries = current() { return libraries }
    do {
      try fm.createDirectory(at: cellsFolder, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.environment, "cannot create \(cellsFolder.path)", underlying: "\(error)")
    }
    let lock = try FileLock(
      buildRoot.appendingPathComponent("\(cellsFolder.lastPathComponent).lock"), wait: true)
    defer { lock.release() }
    if let libraries = current() { return libraries }
    try writeSources()
    try? fm.createDirectory(at: symbolGraphs, withIntermediateDirectories: true)
    let what = root == nil ? "Folio's runtime" : products.joined(separator: ", ")
    progress("building \(what) with SwiftPM (\(Self.configuration))")
    let log = cellsFolder.appendingPathComponent("build.log")
    guard let swift = ProcessRunner.which("swift") else {
      throw FolioError(.environment, "swift is not on the PATH: install Swift 6 (https://swift.org/install)")
    }
    let outcome = try ProcessRunner.run(
      swift,
      [
        "build", "-c", Self.configuration, "--package-path", cellsFolder.path, "--scratch-path", scratch.path,
        "--product", Self.libraryName,
      ] + buildFlags, environment: Self.swiftPMEnvironment, stdout: log, stderr: log, timeout: 1800)
    guard outcome.succeeded else {
      throw FolioError(
        .input, "the package does not build (\(outcome.summary)); SwiftPM said:\n\(Self.errors(in: log))")
    }
    let flags = Self.importFlags(scratch: scratch)
    if let data = try? JSONEncoder().encode(flags) { try? data.write(to: flagsFile, options: .atomic) }
    try? Data(key.utf8).write(to: stamp, options: .atomic)
    return CompiledLibraries(
      directory: outputFolder, key: key, symbolGraphs: symbolGraphs, importFlags: flags)
  }

  /// The `-Xcc` flags SwiftPM compiled FolioCells with (module maps and include folders of the
  /// C targets its modules import), read from its build manifest: a chapter program imports the
  /// same modules, so it needs the same.
  static func importFlags(scratch: URL) -> [String] {
    let manifest = scratch.appendingPathComponent("\(configuration).yaml")
    guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
    var inCommand = false
    for line in text.split(separator: "\n") {
      if line.hasPrefix("  \"C.\(libraryName)-") && line.hasSuffix("-\(configuration).module\":") {
        inCommand = true
      } else if inCommand, let start = line.range(of: "args: ") {
        guard let args = try? JSONDecoder().decode([String].self, from: Data(line[start.upperBound...].utf8))
        else { return [] }
        var flags: [String] = []
        var index = args.startIndex
        while index < args.endIndex {
          if args[index] == "-Xcc", index + 1 < args.endIndex {
            flags += ["-Xcc", args[index + 1]]
            index += 2
          } else {
            index += 1
          }
        }
        return flags
      } else if inCommand, line.hasPrefix("  \"") {
        return []
      }
    }
    return []
  }

  /// Writes FolioCells (and the runtime package, when needed), touching only what changed so
  /// SwiftPM's incremental build stays incremental.
  private func writeSources() throws(FolioError) {
    try Self.write(cellsManifest, to: cellsFolder.appendingPathComponent("Package.swift"))
    let source =
      "// Links every module cells may import into one library; written by folio.\n"
      + importedModules.map { "@_exported import \($0)\n" }.joined()
    try Self.write(
      source, to: cellsFolder.appendingPathComponent("Sources/\(Self.libraryName)/Exports.swift"))
    guard let runtime else { return }
    try Self.write(RuntimeSources.manifest, to: runtimeFolder.appendingPathComponent("Package.swift"))
    for module in RuntimeSources.modules {
      let from = runtime.appendingPathComponent(module)
      let to = runtimeFolder.appendingPathComponent("Sources/\(module)")
      let files =
        (FileManager.default.enumerator(at: from, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
        ?? [])
        .filter { $0.pathExtension == "swift" }
      // The copy is a folder per version of these sources (`runtimeFolder`): nothing goes away.
      for file in files {
        let relative = String(
          file.standardizedFileURL.path.dropFirst(from.standardizedFileURL.path.count + 1))
        guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
        try Self.write(String(decoding: bytes, as: UTF8.self), to: to.appendingPathComponent(relative))
      }
    }
  }

  /// Writes `text` to `url` unless it already holds exactly that.
  private static func write(_ text: String, to url: URL) throws(FolioError) {
    let data = Data(text.utf8)
    if FileManager.default.contents(atPath: url.path) == data { return }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw FolioError(.environment, "cannot write \(url.path)", underlying: "\(error)")
    }
  }

  /// SwiftPM's error lines (with their file and line), or its last lines when it printed none.
  static func errors(in log: URL) -> String {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    let lines = text.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.contains("error:") }
    var seen = Set<String>()
    let unique = errors.filter { seen.insert($0).inserted }
    return (unique.isEmpty ? Array(lines.suffix(20)) : Array(unique.prefix(40))).joined(separator: "\n")
  }

  /// A Swift string literal.
  static func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  /// Adds every regular file below `folder` (sorted, by path relative to it) to the key.
  static func hashFiles(
    in folder: URL, as name: String, into hasher: inout FieldHasher, digests: FileDigests
  ) throws(FolioError) {
    let files = FileStatus.files(below: folder)
    for relative in files.keys.sorted() {
      let file = files[relative]!
      hasher.add(name + "/" + relative)
      hasher.add(try digests.digest(of: file.url, size: file.size, modified: file.modified))
    }
  }

  /// The digests of the sources (`package` or `runtime`) earlier builds read (see `FileDigests`).
  func sourceDigests(_ kind: String) -> FileDigests {
    FileDigests(file: buildRoot.appendingPathComponent("source-digests-\(kind).json"))
  }

  /// SwiftPM's environment when Folio describes or builds a book's package: the inherited one
  /// with `FOLIO_BOOK_LIBRARIES=1`, so a manifest that also declares tools, tests and their
  /// dependencies can declare only what chapters link (this repository's does: a build of the
  /// chapters' libraries then resolves, checks out and compiles nothing of the `folio` tool).
  static var swiftPMEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["FOLIO_BOOK_LIBRARIES"] = "1"
    return environment
  }

  /// The package's manifest as `swift package dump-package` prints it, remembered by the bytes
  /// of its `Package*.swift` files and the toolchain, so most builds start no SwiftPM at all.
  static func describe(_ root: URL, toolchain: Toolchain, cache: URL) throws(FolioError) -> PackageManifest {
    let fm = FileManager.default
    var hasher = FieldHasher()
    hasher.add(toolchain.version)
    hasher.add(root.path)
    let names = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? [])
      .filter { $0.hasPrefix("Package") && $0.hasSuffix(".swift") }.sorted()
    for name in names {
      hasher.add(name)
      hasher.add(bytes: fm.contents(atPath: root.appendingPathComponent(name).path) ?? Data())
    }
    let remembered = cache.appendingPathComponent("manifest-\(hasher.hex().prefix(16)).json")
    func decoded(_ data: Data) -> PackageManifest? {
      guard var manifest = try? JSONDecoder().decode(PackageManifest.self, from: data) else { return nil }
      var text = String(decoding: data, as: UTF8.self)
      for path in [root.path, root.path.replacingOccurrences(of: "/", with: "\\/")] {
        text = text.replacingOccurrences(of: path, with: "<package>")
      }
      manifest.digest = FieldHasher.hex(SHA256.hash(data: Data(text.utf8)))
      return manifest
    }
    if let data = fm.contents(atPath: remembered.path), let manifest = decoded(data) {
      return manifest
    }
    guard let swift = ProcessRunner.which("swift") else {
      throw FolioError(.environment, "swift is not on the PATH: install Swift 6 (https://swift.org/install)")
    }
    try? fm.createDirectory(at: cache, withIntermediateDirectories: true)
    // Files of this call's own: builds sharing the folder may describe the package at once.
    let run = UUID().uuidString
    let out = cache.appendingPathComponent("dump-package-\(run).json")
    let err = cache.appendingPathComponent("dump-package-\(run).log")
    defer {
      try? fm.removeItem(at: out)
      try? fm.removeItem(at: err)
    }
    let outcome = try ProcessRunner.run(
      // A scratch folder of Folio's own: the package's `.build` may be locked by a `swift build`
      // or `swift test` running in it.
      swift,
      [
        "package", "dump-package", "--package-path", root.path, "--scratch-path",
        cache.appendingPathComponent("dump-scratch").path,
      ], environment: swiftPMEnvironment, stdout: out, stderr: err, timeout: 300)
    guard outcome.succeeded, let data = fm.contents(atPath: out.path), let manifest = decoded(data) else {
      throw FolioError(
        .input,
        "cannot read the package manifest at \(root.path) (\(outcome.summary)); SwiftPM said:\n"
          + errors(in: err))
    }
    try? data.write(to: remembered, options: .atomic)
    return manifest
  }
}
