// Compiles live cells to WebAssembly with Embedded Swift: the libraries once, then each cell.
import FolioProtocol
import Foundation
import Synchronization

/// Builds a live cell's WebAssembly module: the cell's program (``LiveProgram``) compiled with
/// Embedded Swift for `wasm32-unknown-none-wasm` against the libraries compiled the same way,
/// linked by the toolchain's own `wasm-ld`, then shrunk by `wasm-opt -O1` (Debian's `binaryen`):
/// about a tenth smaller, which keeps a module with a figure under the 150 KB a page should carry.
/// The book's live cells compile and link as one module, from which each cell's is cut
/// (``startBatch(_:work:)``).
///
/// Each library is compiled once per version of its sources (and of the libraries it imports)
/// and toolchain, into the book's state directory (`prepare`); each cell's module is kept by
/// what it is compiled from (`compile`). Embedded Swift compiles the library code a cell uses
/// into the cell's own module, so a library's object file is linked only for what a module
/// cannot have compiled into it: C entry points (`@_cdecl`) and the like. A library without any
/// is compiled to its module alone, half the work (see `needsObject`). A library that does not compile in Embedded mode is remembered with the
/// compiler's reason, which a live cell importing it gets at its `import` line.
struct LiveCompiler: Sendable {
  /// Embedded Swift for the browser's WebAssembly, as small as it goes: link-time optimisation
  /// across the cell and the libraries, no stack protector (there is no libc to supply it).
  static let flags = [
    "-target", "wasm32-unknown-none-wasm", "-enable-experimental-feature", "Embedded",
    "-enable-experimental-feature", "Extern", "-wmo", "-Osize", "-disable-stack-protector", "-lto=llvm-full",
    "-parse-as-library", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm",
  ]

  /// The flags library `sources` compile with: Embedded Swift's and, unless the library defines
  /// a symbol by `@_silgen_name` (which that mode does not emit), code generated only for what
  /// clients cannot compile themselves (`@export(interface)`, `@_cdecl`, `@_used` …). Everything
  /// else a cell uses is compiled into the cell, so the object file need not hold it: a third
  /// less work for `MLMath`.
  static func libraryFlags(_ sources: [String]) -> [String] {
    let named = sources.contains { $0.contains("@_silgen_name") }
    return named ? flags : flags + ["-enable-experimental-feature", "DeferredCodeGen"]
  }

  /// `wasm-opt`'s quick optimisation, allowing the WebAssembly features LLVM's default wasm32
  /// target already uses (every browser of the last four years has them). After the linker's
  /// LTO, `-O1` takes a tenth of `-Oz`'s time (0.25 s against 2.5 s of CPU a module) for
  /// modules 5 % larger (3 % gzipped): this book's are 118–141 KB instead of 112–133 KB.
  static let shrinkFlags = shrinkPasses + features

  /// `wasm-opt`'s passes of ``shrinkFlags``.
  static let shrinkPasses = ["-O1"]

  /// The WebAssembly features `wasm-opt` accepts in a module: those LLVM's default wasm32 target
  /// uses.
  static let features = [
    "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
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

  /// Whether library code must be linked from the library's own object file: Embedded Swift
  /// compiles everything else a cell uses into the cell's module, but not what is declared for
  /// C or the linker, or kept out of clients on purpose.
  static func needsObject(_ sources: [String]) -> Bool {
    let markers = [
      "@_cdecl", "@c ", "@c(", "@_silgen_name", "@_neverEmitIntoClient", "@export(interface)", "@_used",
      "@_section", "@_expose",
    ]
    return sources.contains { text in markers.contains { text.contains($0) } }
  }

  /// `swiftc`.
  var swiftc: String
  /// The toolchain's `wasm-ld`, beside `swiftc`.
  var linker: String
  /// `wasm-opt`.
  var shrinker: String
  /// Each compiled library's folder (its `.o` and `.swiftmodule`), in build order.
  var libraries: [(module: String, folder: URL)]
  /// The symbols the page supplies (`wasm-ld --allow-undefined-file`).
  var imports: URL
  /// Libraries that did not compile, with the compiler's reason.
  var failures: [String: String]
  /// Where each live cell's module is kept between builds (a slot per cell), reused while its
  /// program and the libraries are unchanged: an edit to another cell of the chapter re-runs
  /// the chapter but compiles no WebAssembly. Nil: nothing is kept.
  var modules: URL?

  /// Compiles the libraries for Embedded Swift, each unless this toolchain already compiled its
  /// sources (and those of the libraries it imports) into `stateDirectory`: an edit to one
  /// library compiles that one and the ones importing it again, not the others. Libraries that
  /// do not import each other compile at once (each is one whole-module job: one core).
  static func prepare(
    toolchain: Toolchain, folders: [String: URL], stateDirectory: URL,
    progress: @escaping @Sendable (String) -> Void
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
    let root = stateDirectory.appendingPathComponent("live")
    let imports = root.appendingPathComponent(
      "imports-\(FieldHasher.hex(SHA256.hash(data: Data(LiveWire.imports.joined(separator: "\n").utf8))).prefix(16)).txt"
    )
    do {
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      if !FileManager.default.fileExists(atPath: imports.path) {
        try LiveWire.imports.joined(separator: "\n").write(to: imports, atomically: true, encoding: .utf8)
      }
    } catch {
      throw FolioError(.environment, "cannot write \(root.path)", underlying: "\(error)")
    }
    // Each library's sources, the libraries it imports, and its key (which covers theirs).
    var sources: [String: [URL]] = [:]
    var imported: [String: [String]] = [:]
    var keys: [String: String] = [:]
    var objects: Set<String> = []
    var compileFlags: [String: [String]] = [:]
    for module in modules {
      guard let folder = folders[module] else { continue }
      let files = try embeddedSources(of: module, in: folder)
      var hasher = FieldHasher()
      hasher.add("folio-live-library")
      hasher.add(toolchain.version)
      hasher.add(module)
      var uses: Set<String> = []
      var contents: [String] = []
      for file in files {
        let bytes = FileManager.default.contents(atPath: file.path) ?? Data()
        let text = String(decoding: bytes, as: UTF8.self)
        contents.append(text)
        hasher.add(file.lastPathComponent)
        hasher.add(bytes: bytes)
        for line in text.split(separator: "\n") {
          let words = line.split(separator: " ")
          if let at = words.firstIndex(of: "import"), at + 1 < words.count,
            modules.contains(String(words[at + 1]))
          {
            uses.insert(String(words[at + 1]))
          }
        }
      }
      // What it imports and, through them, everything they import: the compiler reads them all.
      let direct = modules.filter { uses.contains($0) && keys[$0] != nil }
      imported[module] = modules.filter { other in
        direct.contains(other) || direct.contains { imported[$0]!.contains(other) }
      }
      for other in imported[module]! { hasher.add(keys[other]!) }
      compileFlags[module] = libraryFlags(contents)
      hasher.add(compileFlags[module]!.joined(separator: " "))
      if Self.needsObject(contents) {
        objects.insert(module)
      } else {
        hasher.add("module only")
      }
      sources[module] = files
      keys[module] = hasher.hex()
    }
    let built = modules.compactMap { module in
      keys[module].map { (module: module, folder: root.appendingPathComponent("\(module)-\($0.prefix(16))")) }
    }
    let folderOf = Dictionary(uniqueKeysWithValues: built.map { ($0.module, $0.folder) })
    // Compile what is missing, each library once the ones it imports are done.
    let announced = Mutex(false)
    var jobs: [String: Parallel.Spawned<String?>] = [:]
    for (module, folder) in built {
      let before = imported[module]!.compactMap { jobs[$0] }
      let dependencies = imported[module]!.compactMap { folderOf[$0] }
      let files = sources[module]!
      let object = objects.contains(module)
      let moduleFlags = compileFlags[module]!
      jobs[module] = Parallel.spawn { () throws(FolioError) -> String? in
        for job in before { _ = job.wait() }
        if let failure = Self.remembered(folder) { return failure }
        if announced.withLock({ was in
          defer { was = true }; return !was
        }) {
          progress("compiling the libraries for live cells (Embedded Swift, WebAssembly)")
        }
        return try Self.compile(
          module, files: files, into: folder, searching: dependencies, object: object, flags: moduleFlags,
          swiftc: swiftc.path)
      }
    }
    var failures: [String: String] = [:]
    var firstError: FolioError?
    for (module, _) in built {
      switch jobs[module]!.wait() {
      case .success(let failure): if let failure { failures[module] = failure }
      case .failure(let error): firstError = firstError ?? error
      }
    }
    if let firstError { throw firstError }
    for module in modules where keys[module] == nil {
      failures[module] = "the book's package has no \(module)"
    }
    // Builds of other versions of the sources go: the folder holds this book's libraries once.
    let current = Set(built.map(\.folder.lastPathComponent))
    for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    where !current.contains(name) && Self.isLibraryFolder(name) {
      try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
    }
    return LiveCompiler(
      swiftc: swiftc.path, linker: linker, shrinker: shrinker, libraries: built,
      imports: imports,
      failures: failures, modules: root.appendingPathComponent("modules"))
  }

  /// Whether `name` is a folder `prepare` writes: `<Module>-<key>`, or a folder of all the
  /// libraries from before they were kept one by one.
  static func isLibraryFolder(_ name: String) -> Bool {
    let hex = { (text: Substring) in text.count == 16 && text.allSatisfy(\.isHexDigit) }
    if hex(name[...]) { return true }
    guard let dash = name.lastIndex(of: "-") else { return false }
    return modules.contains(String(name[..<dash])) && hex(name[name.index(after: dash)...])
  }

  /// What a library compiled before left in `folder`: nil for a module, the compiler's reason
  /// when it did not compile; nil too when it was never compiled (the caller checks `done`).
  private static func remembered(_ folder: URL) -> String?? {
    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("outcome.json").path),
      let outcome = try? JSONDecoder().decode([String].self, from: data)
    else { return nil }
    return .some(outcome.first)
  }

  /// Compiles library `module` into `folder` (its module, and its object file when `object`),
  /// against the libraries in `dependencies`; the compiler's first error when it does not compile.
  private static func compile(
    _ module: String, files: [URL], into folder: URL, searching dependencies: [URL], object: Bool,
    flags: [String], swiftc: String
  ) throws(FolioError) -> String? {
    let fm = FileManager.default
    let scratch = folder.deletingLastPathComponent().appendingPathComponent(
      ".\(folder.lastPathComponent).\(getpid()).tmp")
    try? fm.removeItem(at: scratch)
    do {
      try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.environment, "cannot create \(scratch.path)", underlying: "\(error)")
    }
    let log = scratch.appendingPathComponent("\(module).log")
    let arguments =
      flags + [
        "-module-name", module, "-emit-module", "-emit-module-path",
        scratch.appendingPathComponent("\(module).swiftmodule").path,
      ] + dependencies.flatMap { ["-I", $0.path] }
      + (object ? ["-c", "-o", scratch.appendingPathComponent("\(module).o").path] : []) + files.map(\.path)
    let outcome = try ProcessRunner.run(swiftc, arguments, stdout: log, stderr: log, timeout: 600)
    var failure: String?
    if !outcome.succeeded {
      let errors = CompilerOutput.parse(Self.read(log)).filter { $0.severity == .error }
      failure =
        errors.first.map { "\($0.location.file):\($0.location.line): \($0.message)" }
        ?? Self.read(log).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let record = (try? JSONEncoder().encode(failure.map { [$0] } ?? [])) ?? Data("[]".utf8)
    _ = fm.createFile(atPath: scratch.appendingPathComponent("outcome.json").path, contents: record)
    // Swapped in whole: a folder with an outcome is complete.
    try? fm.removeItem(at: folder)
    if rename(scratch.path, folder.path) != 0 { try? fm.removeItem(at: scratch) }
    return failure
  }

  /// The key a live cell's module is kept under: its program without the `#sourceLocation`
  /// lines (they place compiler messages; a module carries no line numbers), the flags, the
  /// page's imports and the libraries' versions.
  func moduleKey(_ program: LiveProgram) -> String {
    var hasher = FieldHasher()
    hasher.add("folio-live-module-v1")
    hasher.add((Self.flags + Self.shrinkFlags).joined(separator: " "))
    hasher.add(imports.lastPathComponent)
    for library in libraries where failures[library.module] == nil {
      hasher.add(library.folder.lastPathComponent)
    }
    hasher.add(program.sourceWithoutLines)
    return hasher.hex()
  }

  /// Where the module of live cell `cell` of the chapter with page name `chapter` is kept
  /// between builds.
  func kept(cell: Int, of chapter: String) -> KeptFile? {
    modules.map { KeptFile(slot: $0.appendingPathComponent("\(chapter)/cell\(cell)"), name: "cell.wasm") }
  }

  /// The key a module cut from `plan`'s batch is kept under: its own and the batch's.
  func batchKey(_ program: LiveProgram, plan: LiveBatchPlan) -> String {
    var hasher = FieldHasher()
    hasher.add(moduleKey(program))
    hasher.add("cut from live batch " + plan.digest)
    return hasher.hex()
  }

  /// Starts compiling `plan`'s programs as one module, on a thread of its own, unless every
  /// module linked from it is kept: the library code they use is then compiled once, not once
  /// per cell. The batch is then linked once, every program's entry exported, so the link's
  /// optimisation of the code they share is done once too; ``compile(_:in:work:leavingOut:plan:batch:)``
  /// cuts each cell's module from it.
  func startBatch(_ plan: LiveBatchPlan, work: URL) -> LiveBatch? {
    var programs: [(key: String, program: LiveProgram)] = []
    var missing = false
    for (chapter, program) in plan.programs {
      let key = batchKey(program, plan: plan)
      if kept(cell: program.cell, of: chapter)?.url(for: key) == nil { missing = true }
      if !programs.contains(where: { $0.key == key }) { programs.append((key, program)) }
    }
    guard missing else { return nil }
    guard programs.count >= 2 else { return nil }
    var source = ""
    var entries: [String: Int] = [:]
    for (number, planned) in programs.enumerated() {
      source += planned.program.fileScope
      entries[planned.key] = number
    }
    for (number, planned) in programs.enumerated() {
      source +=
        "\n"
        + LiveProgram.function(
          planned.program.body, entry: LiveBatch.entry(number), name: "\(LiveProgram.runFunction)_\(number)")
    }
    let folder = work.appendingPathComponent("live-batch")
    let compiler = self
    let batchSource = source
    let count = programs.count
    let job = Parallel.spawn { () throws(FolioError) -> URL? in
      let fm = FileManager.default
      try? fm.removeItem(at: folder)
      do {
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try batchSource.write(
          to: folder.appendingPathComponent("batch.swift"), atomically: false, encoding: .utf8)
      } catch {
        throw FolioError(.environment, "cannot write \(folder.path)", underlying: "\(error)")
      }
      let log = folder.appendingPathComponent("compile.log")
      let object = folder.appendingPathComponent("batch.o")
      let compiled = try ProcessRunner.run(
        compiler.swiftc,
        Self.flags + ["-module-name", "LiveCells"] + compiler.libraries.flatMap { ["-I", $0.folder.path] } + [
          "-c", "-o", object.path, folder.appendingPathComponent("batch.swift").path,
        ], stdout: log, stderr: log, timeout: 600)
      guard compiled.succeeded else { return nil }
      let module = folder.appendingPathComponent("batch.wasm")
      let small = folder.appendingPathComponent("batch.min.wasm")
      let linkLog = folder.appendingPathComponent("link.log")
      guard
        try compiler.link(
          [object.path], exporting: (0..<count).map(LiveBatch.entry), into: module, log: linkLog)
      else { return nil }
      return try compiler.shrink(module, into: small, log: linkLog) ? small : nil
    }
    return LiveBatch(entries: entries, job: job)
  }

  /// Compiles and links live cell `cell` of `chapter` in `work`, without the earlier live cells
  /// in `failed`: its module, or the diagnostics at its lines that say why there is none. A
  /// program of the book's batch (`plan`) is linked from `batch`, or compiled alone when the
  /// batch does not compile (and kept under the batch's key either way).
  func compile(
    _ cell: Cell, in chapter: Chapter, work: URL, leavingOut failed: Set<Int> = [],
    plan: LiveBatchPlan? = nil,
    batch: LiveBatch? = nil
  )
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

    // A program of the book's batch is linked from it (when it compiles), and kept as such.
    let inBatch = plan.map { $0.contains(program) } ?? false
    let key = inBatch ? batchKey(program, plan: plan!) : moduleKey(program)
    let kept = kept(cell: cell.index, of: chapter.file.slug)
    if let module = kept?.url(for: key), let bytes = FileManager.default.contents(atPath: module.path) {
      return .done(LiveModule(bytes: bytes))
    }

    let folder = work.appendingPathComponent("live\(cell.index)")
    try? FileManager.default.removeItem(at: folder)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try program.source.write(
        to: folder.appendingPathComponent("cell.swift"), atomically: false, encoding: .utf8)
    } catch {
      throw FolioError(.environment, "cannot write \(folder.path)", underlying: "\(error)")
    }
    // From the batch: its module with this program's entry alone, under the name the page calls,
    // and without what no export reaches.
    if inBatch, let batch, let number = batch.entries[key], let linked = batch.module(),
      case .done(let bytes) = try cut(
        LiveBatch.entry(number), of: batch.entries.count, from: linked, in: folder)
    {
      kept?.keep(bytes: bytes, key: key)
      return .done(LiveModule(bytes: bytes))
    }
    let log = folder.appendingPathComponent("compile.log")
    let object = folder.appendingPathComponent("cell.o")
    let compiled = try ProcessRunner.run(
      swiftc,
      Self.flags + [
        "-module-name", "LiveCell",
      ] + libraries.flatMap { ["-I", $0.folder.path] } + [
        "-c", "-o", object.path,
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
    let linked = try link([object.path], in: folder, at: here)
    if case .done(let bytes) = linked { kept?.keep(bytes: bytes, key: key) }
    return linked.map { LiveModule(bytes: $0) }
  }

  /// Links `objects` with the libraries' objects into a module the page can run, shrunk by
  /// `wasm-opt`: its bytes, or why it does not link.
  private func link(_ objects: [String], in folder: URL, at here: SourceLocation) throws(FolioError)
    -> LiveOutcome<Data>
  {
    let module = folder.appendingPathComponent("cell.wasm")
    let small = folder.appendingPathComponent("cell.min.wasm")
    let log = folder.appendingPathComponent("link.log")
    guard try link(objects, exporting: [LiveWire.Export.run.rawValue], into: module, log: log),
      try shrink(module, into: small, log: log),
      let bytes = FileManager.default.contents(atPath: small.path)
    else {
      let text = Self.read(log).trimmingCharacters(in: .whitespacesAndNewlines)
      return .failed([
        Diagnostic(
          at: here,
          "the live cell's WebAssembly module does not link (what it uses needs more than the page supplies):\n\(text)"
        )
      ])
    }
    return .done(bytes)
  }

  /// Links `objects` with the libraries' objects (link-time optimised together) into `module`,
  /// exporting the functions `entries` and what the page calls besides a cell's run; whether it
  /// linked (the linker's messages are in `log`).
  private func link(_ objects: [String], exporting entries: [String], into module: URL, log: URL)
    throws(FolioError) -> Bool
  {
    let libraryObjects = libraries.filter { failures[$0.module] == nil }.map {
      $0.folder.appendingPathComponent("\($0.module).o").path
    }.filter { FileManager.default.fileExists(atPath: $0) }
    let exported = entries + LiveWire.Export.allCases.filter { $0 != .run }.map(\.rawValue) + ["__heap_base"]
    return try ProcessRunner.run(
      linker,
      ["--no-entry", "--gc-sections", "--strip-all", "-O2", "--lto-O2"] + exported.map { "--export=\($0)" }
        + [
          "--allow-undefined-file=\(imports.path)"
        ] + objects + libraryObjects + ["-o", module.path],
      stdout: log, stderr: log, timeout: 600
    ).succeeded
  }

  /// `module` rewritten by `wasm-opt` into `small`: `passes` (by default ``shrinkPasses``) after
  /// removing what no export reaches; whether it worked.
  private func shrink(_ module: URL, into small: URL, log: URL, passes: [String] = shrinkPasses)
    throws(FolioError)
    -> Bool
  {
    try ProcessRunner.run(
      shrinker,
      ["--remove-unused-module-elements"] + passes + Self.features + [module.path, "-o", small.path],
      stdout: log, stderr: log, timeout: 600
    ).succeeded
  }

  /// The module of the batch's program with function `entry` (of `count` programs), cut from the
  /// batch's `linked` module in `folder`: that entry exported as the page's run, the other
  /// programs' entries dropped with everything only they reach (the batch's module was shrunk
  /// whole: shrinking each cut again saves a few dozen bytes for 0.4 s). Failed when it cannot be
  /// cut (the caller then compiles the cell alone).
  private func cut(_ entry: String, of count: Int, from linked: URL, in folder: URL) throws(FolioError)
    -> LiveOutcome<Data>
  {
    let module = folder.appendingPathComponent("cell.wasm")
    let small = folder.appendingPathComponent("cell.min.wasm")
    let run = LiveWire.Export.run.rawValue
    let others = (0..<count).map(LiveBatch.entry).filter { $0 != entry }
    guard let bytes = FileManager.default.contents(atPath: linked.path),
      let (own, exports) = WasmExports.rewriting(
        bytes,
        { name in
          name == entry ? run : others.contains(name) ? nil : name
        }),
      exports.contains(run),
      FileManager.default.createFile(atPath: module.path, contents: own),
      try shrink(module, into: small, log: folder.appendingPathComponent("link.log"), passes: []),
      let shrunk = FileManager.default.contents(atPath: small.path)
    else { return .failed([]) }
    return .done(shrunk)
  }

  private static func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }
}

/// Live cells' programs compiled and linked as one module by ``LiveCompiler/startBatch(_:work:)``,
/// each program its own exported function (`folio_run_<n>`); a cell's module is cut from it: its
/// own function exported as the page's run, the others removed with what only they use.
final class LiveBatch: Sendable {
  /// The function of program `number`.
  static func entry(_ number: Int) -> String { "\(LiveWire.Export.run.rawValue)_\(number)" }

  /// Each program's number, by the key its module is kept under.
  let entries: [String: Int]
  private let job: Parallel.Spawned<URL?>

  init(entries: [String: Int], job: Parallel.Spawned<URL?>) {
    self.entries = entries
    self.job = job
  }

  /// The batch's linked module, once it is compiled and linked; nil when it did not compile or
  /// link (each cell is then compiled alone, which says where).
  func module() -> URL? {
    switch job.wait() {
    case .success(let module): module
    case .failure: nil
    }
  }

  /// Waits for the compiler and the linker, so no thread outlives the stage.
  func finish() { _ = job.wait() }
}

extension LiveOutcome {
  /// The outcome with its value transformed.
  func map<Other>(_ transform: (Value) -> Other) -> LiveOutcome<Other> {
    switch self {
    case .done(let value): .done(transform(value))
    case .failed(let problems): .failed(problems)
    }
  }
}
