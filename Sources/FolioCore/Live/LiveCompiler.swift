// Compiles live cells to WebAssembly with Embedded Swift: the libraries once, then each cell.
import FolioProtocol
import Foundation

/// Builds a live cell's WebAssembly module: the cell's program (``LiveProgram``) compiled with
/// Embedded Swift for `wasm32-unknown-none-wasm` against the libraries compiled the same way,
/// linked by the toolchain's own `wasm-ld`, then shrunk by `wasm-opt -Oz` (Debian's `binaryen`):
/// a sixth smaller, which keeps a module with a figure under the 150 KB a page should carry.
///
/// The libraries are compiled once per set of sources and toolchain, into the book's state
/// directory. A library that does not compile in Embedded mode is remembered with the
/// compiler's reason, which a live cell importing it gets at its `import` line.
struct LiveCompiler: Sendable {
  /// Embedded Swift for the browser's WebAssembly, as small as it goes: link-time optimisation
  /// across the cell and the libraries, no stack protector (there is no libc to supply it).
  static let flags = [
    "-target", "wasm32-unknown-none-wasm", "-enable-experimental-feature", "Embedded",
    "-enable-experimental-feature", "Extern", "-wmo", "-Osize", "-disable-stack-protector", "-lto=llvm-full",
    "-parse-as-library", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm",
  ]

  /// `wasm-opt`'s size optimisation, allowing the WebAssembly features LLVM's default wasm32
  /// target already uses (every browser of the last four years has them).
  static let shrinkFlags = [
    "-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
    "--enable-mutable-globals",
  ]

  /// The library modules, in the order they are built (each after what it imports).
  static let modules = ["FolioProtocol", "MLMath", "FolioRuntime", "FolioPlot"]

  /// The Swift files Embedded Swift compiles for library `module`, whose sources are in `root`
  /// (the book's package's target folder, or Folio's runtime sources): of `FolioRuntime` only
  /// what a live module runs, its display types and its `Live` folder (the rest talks to a
  /// process and files).
  static func embeddedSources(of module: String, in root: URL) throws(FolioError) -> [URL] {
    let keep: (String) -> Bool =
      module == "FolioRuntime"
      ? {
        $0.hasPrefix("Live/")
          || ["Display/DisplayValue.swift", "Display/Displayable.swift", "Display/HTMLText.swift"].contains(
            $0)
      }
      : { _ in true }
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
      throw FolioError(.environment, "cannot read \(root.path)")
    }
    var files: [URL] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      if keep(relative) { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// `swiftc`.
  var swiftc: String
  /// The toolchain's `wasm-ld`, beside `swiftc`.
  var linker: String
  /// `wasm-opt`.
  var shrinker: String
  /// Where the compiled libraries are.
  var directory: URL
  /// Libraries that did not compile, with the compiler's reason.
  var failures: [String: String]

  /// Compiles the libraries for Embedded Swift, unless this toolchain already compiled these
  /// sources into `stateDirectory`.
  static func prepare(
    toolchain: Toolchain, folders: [String: URL], stateDirectory: URL, progress: (String) -> Void
  )
    throws(FolioError)
    -> LiveCompiler
  {
    // `swiftc` is a link to the driver, which reads its mode from the name it was run by: run
    // it by that name, look for `wasm-ld` where the link points.
    let swiftc = URL(fileURLWithPath: toolchain.swiftc)
    let linker = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
      "wasm-ld"
    ).path
    guard FileManager.default.isExecutableFile(atPath: linker) else {
      throw FolioError(.environment, "live cells need the toolchain's wasm-ld, which is not at \(linker)")
    }
    guard let shrinker = ProcessRunner.which("wasm-opt") else {
      throw FolioError(.environment, "live cells need wasm-opt; install the Debian package binaryen")
    }
    var hasher = FieldHasher()
    hasher.add("folio-live-libraries")
    hasher.add(toolchain.version)
    hasher.add(flags.joined(separator: " "))
    hasher.add(LiveWire.imports.joined(separator: " "))
    var sources: [String: [URL]] = [:]
    for module in modules {
      guard let folder = folders[module] else { continue }
      sources[module] = try embeddedSources(of: module, in: folder)
      for file in sources[module]! {
        hasher.add(module + "/" + file.lastPathComponent)
        hasher.add(bytes: FileManager.default.contents(atPath: file.path) ?? Data())
      }
    }
    let directory = stateDirectory.appendingPathComponent("live/\(hasher.hex().prefix(16))")
    let failuresFile = directory.appendingPathComponent("failures.json")
    var compiler = LiveCompiler(
      swiftc: swiftc.path, linker: linker, shrinker: shrinker, directory: directory, failures: [:])
    if let data = FileManager.default.contents(atPath: failuresFile.path),
      let failures = try? JSONDecoder().decode([String: String].self, from: data)
    {
      compiler.failures = failures
      return compiler
    }
    progress("compiling the libraries for live cells (Embedded Swift, WebAssembly)")
    try? FileManager.default.removeItem(at: directory)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try LiveWire.imports.joined(separator: "\n").write(
        to: directory.appendingPathComponent("imports.txt"), atomically: true, encoding: .utf8)
    } catch {
      throw FolioError(.environment, "cannot write \(directory.path)", underlying: "\(error)")
    }
    for module in modules {
      guard sources[module] != nil else {
        compiler.failures[module] = "the book's package has no \(module)"
        continue
      }
      let log = directory.appendingPathComponent("\(module).log")
      let arguments =
        flags + [
          "-module-name", module, "-emit-module", "-emit-module-path",
          directory.appendingPathComponent("\(module).swiftmodule").path, "-I", directory.path, "-c", "-o",
          directory.appendingPathComponent("\(module).o").path,
        ] + sources[module]!.map(\.path)
      let outcome = try ProcessRunner.run(swiftc.path, arguments, stdout: log, stderr: log, timeout: 600)
      if !outcome.succeeded {
        let errors = CompilerOutput.parse(Self.read(log)).filter { $0.severity == .error }
        compiler.failures[module] =
          errors.first.map { "\($0.location.file):\($0.location.line): \($0.message)" }
          ?? Self.read(log).trimmingCharacters(in: .whitespacesAndNewlines)
      }
    }
    if let data = try? JSONEncoder().encode(compiler.failures) {
      try? data.write(to: failuresFile, options: .atomic)
    }
    return compiler
  }

  /// Compiles and links live cell `cell` of `chapter` in `work`, without the earlier live cells
  /// in `failed`: its module, or the diagnostics at its lines that say why there is none.
  func compile(_ cell: Cell, in chapter: Chapter, work: URL, leavingOut failed: Set<Int> = [])
    throws(FolioError)
    -> LiveOutcome<LiveModule>
  {
    let here = SourceLocation(file: chapter.file.path, line: cell.codeLine, column: cell.codeColumn)
    let program: LiveProgram
    switch LiveProgram.plan(cell, in: chapter, leavingOut: failed) {
    case .done(let planned): program = planned
    case .failed(let problems): return .failed(problems)
    }
    // A library that does not compile in Embedded mode: the reason, at the line importing it.
    var problems: [Diagnostic] = []
    for (offset, line) in cell.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let words = line.split(separator: " ")
      guard words.count >= 2, words[0] == "import", let reason = failures[String(words[1])] else { continue }
      problems.append(
        Diagnostic(
          at: SourceLocation(file: chapter.file.path, line: cell.codeLine + offset, column: 1),
          "\(words[1]) does not compile in Embedded Swift, so a live cell cannot import it: \(reason)"))
    }
    if let reason = failures["FolioRuntime"] ?? failures["FolioProtocol"] {
      problems.append(Diagnostic(at: here, "the live runtime does not compile in Embedded Swift: \(reason)"))
    }
    guard problems.isEmpty else { return .failed(problems) }

    let folder = work.appendingPathComponent("live\(cell.index)")
    try? FileManager.default.removeItem(at: folder)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try program.source.write(
        to: folder.appendingPathComponent("cell.swift"), atomically: false, encoding: .utf8)
    } catch {
      throw FolioError(.environment, "cannot write \(folder.path)", underlying: "\(error)")
    }
    let log = folder.appendingPathComponent("compile.log")
    let object = folder.appendingPathComponent("cell.o")
    let compiled = try ProcessRunner.run(
      swiftc,
      Self.flags + [
        "-module-name", "LiveCell", "-I", directory.path, "-c", "-o", object.path,
        folder.appendingPathComponent("cell.swift").path,
      ], stdout: log, stderr: log, timeout: 600)
    guard compiled.succeeded else {
      let errors = CompilerOutput.parse(Self.read(log)).filter { $0.severity == .error }
      let mine = errors.filter { $0.location.file == chapter.file.path }
      if !mine.isEmpty {
        return .failed(
          mine.map {
            Diagnostic(at: $0.location, "does not compile in Embedded Swift (live cell): \($0.message)")
          })
      }
      let text = Self.read(log).trimmingCharacters(in: .whitespacesAndNewlines)
      return .failed([Diagnostic(at: here, "the live cell does not compile in Embedded Swift:\n\(text)")])
    }
    let module = folder.appendingPathComponent("cell.wasm")
    let linkLog = folder.appendingPathComponent("link.log")
    let libraries = Self.modules.filter { failures[$0] == nil }.map {
      directory.appendingPathComponent("\($0).o").path
    }
    let exports = LiveWire.Export.allCases.map { "--export=\($0.rawValue)" } + ["--export=__heap_base"]
    let linked = try ProcessRunner.run(
      linker,
      ["--no-entry", "--gc-sections", "--strip-all", "-O2", "--lto-O2"] + exports + [
        "--allow-undefined-file=\(directory.appendingPathComponent("imports.txt").path)", object.path,
      ] + libraries + ["-o", module.path],
      stdout: linkLog, stderr: linkLog, timeout: 600)
    let small = folder.appendingPathComponent("cell.min.wasm")
    let shrunk =
      linked.succeeded
      ? try ProcessRunner.run(
        shrinker, Self.shrinkFlags + [module.path, "-o", small.path], stdout: linkLog, stderr: linkLog,
        timeout: 600) : linked
    guard shrunk.succeeded, let bytes = FileManager.default.contents(atPath: small.path) else {
      let text = Self.read(linkLog).trimmingCharacters(in: .whitespacesAndNewlines)
      return .failed([
        Diagnostic(
          at: here,
          "the live cell's WebAssembly module does not link (what it uses needs more than the page supplies):\n\(text)"
        )
      ])
    }
    return .done(LiveModule(bytes: bytes))
  }

  private static func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }
}
