// Execute stage: compiles one chapter program, runs it, and cuts what it wrote into cell results.
import FolioProtocol
import Foundation

/// Limits that keep a misbehaving cell from taking the build down with it.
public struct ExecutionLimits: Sendable, Hashable {
  /// Seconds a chapter program may run.
  public var timeout: Double
  /// Bytes of standard output kept per cell.
  public var outputBytes: Int
  /// Lines of standard output kept per cell.
  public var outputLines: Int
  /// Rich values (`display`, notebook values, per-line values) kept per cell.
  public var richValues: Int
  /// Bytes of rich values kept per cell.
  public var richBytes: Int

  /// Creates limits; the defaults keep 1 MiB or 2,000 lines of each stream per cell, and 100
  /// rich values or 16 MiB of them (a plot is tens of kilobytes).
  public init(
    timeout: Double = 60, outputBytes: Int = 1 << 20, outputLines: Int = 2_000, richValues: Int = 100,
    richBytes: Int = 16 << 20
  ) {
    self.timeout = timeout
    self.outputBytes = outputBytes
    self.outputLines = outputLines
    self.richValues = richValues
    self.richBytes = richBytes
  }
}

/// Compiles and runs chapter programs against the compiled libraries.
public struct ChapterExecutor: Sendable {
  /// The libraries to link.
  public var libraries: CompiledLibraries
  /// The compiler.
  public var toolchain: Toolchain
  /// Time and output limits.
  public var limits: ExecutionLimits
  /// The frontend and linker commands to run directly, or nil to run `swiftc`.
  public var plan: CompilerPlan?
  /// Compiles live cells to WebAssembly; nil when the chapters have none.
  var live: LiveCompiler?
  /// The book's live cells that compile together, and their compilation
  /// (``LiveCompiler/startBatch(_:work:)``; nil when every module of it is kept).
  var livePlan: LiveBatchPlan?
  var liveBatch: LiveBatch?
  /// The permits chapter jobs work under: a chapter waiting for the live batch gives its permit
  /// to another chapter. Nil: none.
  var gate: Parallel.Gate?
  /// Where compiled chapter programs are kept between builds (one per chapter program), and
  /// the digest of the library interface they were compiled against
  /// (``CompiledLibraries/interfaceDigest()``): a program is reused while its source, the flags
  /// and that interface are unchanged, so after an edit inside a library function the chapters
  /// only run again. Nil: nothing is kept.
  var programs: (folder: URL, interface: String)?

  /// Flags chapter programs are compiled with: unoptimised (fast to compile; the maths in the
  /// libraries is optimised), Swift 5 mode (notebook-style globals), warnings off (cells are examples).
  static let flags = [
    "-Onone", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm", "-module-name",
    "Chapter",
  ]

  /// The toolchain's own lld links a chapter program faster than the system's gold.
  static let linkerFlags = ["-use-ld=lld"]

  /// Creates an executor; with a `plan`, chapter programs are built without the drivers.
  public init(
    libraries: CompiledLibraries, toolchain: Toolchain, limits: ExecutionLimits, plan: CompilerPlan? = nil
  ) {
    self.libraries = libraries
    self.toolchain = toolchain
    self.limits = limits
    self.plan = plan
  }

  /// The plan for these flags and this toolchain (see ``CompilerPlan``), remembered in `stateDirectory`.
  public static func plan(toolchain: Toolchain, stateDirectory: URL) -> CompilerPlan? {
    CompilerPlan.load(
      toolchain: toolchain, flags: flags, linkerFlags: linkerFlags,
      stateDirectory: stateDirectory)
  }

  /// Compiles and runs `program` for `chapter` in `workDirectory` and returns one result per cell.
  public func execute(_ program: ChapterProgram, chapter: Chapter, workDirectory: URL) throws(FolioError)
    -> ChapterResults
  {
    let fm = FileManager.default
    try? fm.removeItem(at: workDirectory)
    do {
      try fm.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.environment, "cannot create \(workDirectory.path)", underlying: "\(error)")
    }
    var results = chapter.cells.map { cell in
      CellResult(status: cell.options.runs ? .notRun : .ok)
    }
    var chapterDiagnostics: [Diagnostic] = []

    // compile-fail cells: each compiled alone, must not compile.
    for (index, source) in program.compileFailSources.sorted(by: { $0.key < $1.key }) {
      let cell = chapter.cells[index]
      let file = workDirectory.appendingPathComponent("cell\(index).swift")
      try write(source, to: file)
      let log = workDirectory.appendingPathComponent("cell\(index).log")
      let outcome = try ProcessRunner.run(
        toolchain.swiftc, ["-typecheck"] + Self.flags + libraries.linkFlags + [file.path], stdout: log,
        stderr: log,
        timeout: 120)
      let messages = CompilerOutput.parse(read(log))
      if outcome.succeeded {
        results[index] = CellResult(
          status: .failed,
          diagnostics: [Diagnostic(at: location(of: cell, chapter), "declared compile-fail, but it compiles")]
        )
      } else {
        let text = messages.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        results[index] = CellResult(status: .failedAsDeclared, outputs: [.stderr(text + "\n")])
      }
    }

    var interrupted = false
    for (number, segment) in program.segments.enumerated() {
      let folder = workDirectory.appendingPathComponent("program\(number)")
      do {
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw FolioError(.environment, "cannot create \(folder.path)", underlying: "\(error)")
      }
      let outcome = try run(
        segment, of: program, chapter: chapter, in: folder, results: &results,
        diagnostics: &chapterDiagnostics)
      interrupted = interrupted || outcome?.timedOut == true
    }
    // Live cells that ran natively are compiled to WebAssembly too; the page re-runs them.
    if let live {
      var failed = Set(
        chapter.cells.filter { $0.options.live && results[$0.index].status != .ok }.map(\.index))
      // The batch compiles and links on its own thread: wait for it without holding a permit.
      if let liveBatch, let gate, livePlan?.chapters.contains(chapter.file.slug) == true {
        _ = gate.stepAside { liveBatch.module() }
      }
      for cell in chapter.cells where cell.options.live && results[cell.index].status == .ok {
        switch try live.compile(
          cell, in: chapter, work: workDirectory, leavingOut: failed, plan: livePlan, batch: liveBatch)
        {
        case .done(let module):
          results[cell.index].live = module
        case .failed(let problems):
          results[cell.index].status = .failed
          results[cell.index].diagnostics += problems
          failed.insert(cell.index)
        }
      }
    }
    return ChapterResults(cells: results, diagnostics: chapterDiagnostics, interrupted: interrupted)
  }

  /// Compiles and runs one program of the chapter, filling in its cells' results; nil when
  /// nothing of it could run.
  ///
  /// A chapter goes as far as it can: when a cell does not compile, the cells before it are
  /// compiled and run without it (and again, if an earlier cell then fails to compile), so
  /// their output stays on the page; the failing cell shows the compiler's message, and the
  /// cells after it say why they did not run.
  private func run(
    _ segment: ChapterProgram.Segment, of program: ChapterProgram, chapter: Chapter, in folder: URL,
    results: inout [CellResult], diagnostics: inout [Diagnostic]
  ) throws(FolioError) -> ProcessOutcome? {
    var cells = segment.cells[...]
    let main = folder.appendingPathComponent("main.swift")
    let binary = folder.appendingPathComponent("chapter")
    let compileLog = folder.appendingPathComponent("compile.log")
    let slot = programs.map {
      (
        folder: $0.folder.appendingPathComponent("\(chapter.file.slug)/\(folder.lastPathComponent)"),
        interface: $0.interface
      )
    }
    while true {
      try write(program.source(of: cells), to: main)
      let compiled = try build(main, into: binary, log: compileLog, keptIn: slot)
      if compiled.succeeded { break }
      let errors = CompilerOutput.parse(read(compileLog)).filter { $0.severity == .error }
      let failing = cells.firstIndex { index in
        errors.contains {
          $0.location.file == chapter.file.path && chapter.cells[index].contains(line: $0.location.line)
        }
      }
      guard let failing else {
        // Not the cells' fault (a broken library, a missing tool): the whole program is reported.
        let text = read(compileLog).trimmingCharacters(in: .whitespacesAndNewlines)
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: chapter.file.path, line: 1, column: 1),
            "the chapter program does not compile:\n\(text)"))
        return nil
      }
      let cell = chapter.cells[cells[failing]]
      var mine = errors.filter {
        $0.location.file == chapter.file.path && cell.contains(line: $0.location.line)
      }
      if let missing = mine.first(where: { $0.message.hasPrefix("no such module") }) {
        mine.append(
          Diagnostic(
            .note, at: missing.location,
            "cells import the library products `products:` in book.yml lists (of the package `package:` names);"
              + " add the product that provides this module there"))
      }
      results[cell.index] = CellResult(status: .failed, diagnostics: mine)
      for later in cells[(failing + 1)...] where results[later].status == .notRun {
        results[later].note = "the cell at line \(cell.codeLine) does not compile"
      }
      cells = cells[..<failing]
      if cells.isEmpty { return nil }
    }
    let outcome = try launch(binary, in: folder, environment: [:])
    var transcript = Transcript(
      control: ControlRecords(
        contentsOf: outcome.control, cellCount: chapter.cells.count, stdoutCount: outcome.stdout.count,
        stderrCount: outcome.stderr.count, limits: limits),
      stdout: outcome.stdout, stderr: outcome.stderr, chapterPath: chapter.file.path, limits: limits)
    transcript.assign(
      to: &results, cells: Array(cells), chapter: chapter, outcome: outcome.process, timeout: limits.timeout)
    if !outcome.process.timedOut,
      let trapped = cells.first(where: { needsTrapLocation(chapter.cells[$0], results[$0]) }),
      let place = try locateTrap(in: chapter.cells[trapped], chapter: chapter, main: main, folder: folder)
    {
      results[trapped].diagnostics[0].location = place
    }
    return outcome.process
  }

  /// Whether a cell failed at run time with a message that names no line of its own: the
  /// diagnostic still sits at the cell's first line.
  private func needsTrapLocation(_ cell: Cell, _ result: CellResult) -> Bool {
    guard result.status == .failed, cell.options.mode != .shouldFail, let first = result.diagnostics.first
    else { return false }
    return first.location.line == cell.codeLine && first.location.column == cell.codeColumn
      && first.message.hasPrefix("trapped:")
  }

  /// Where a trap happened: the program is built again with line tables and run again under
  /// the Swift runtime's backtracer, whose frames name `chapters/x.md:LINE:COL` through the
  /// `#sourceLocation` mapping. Only a run that trapped pays for this; the page shows the same
  /// text either way (no addresses, no timings), so pages stay byte-identical.
  ///
  /// The innermost frame inside the failing cell wins; failing that, the innermost frame in the
  /// chapter (a function an earlier cell declared); nil when no frame is in the chapter.
  private func locateTrap(in cell: Cell, chapter: Chapter, main: URL, folder: URL) throws(FolioError)
    -> SourceLocation?
  {
    let located = folder.appendingPathComponent("located")
    try? FileManager.default.removeItem(at: located)
    try? FileManager.default.createDirectory(at: located, withIntermediateDirectories: true)
    let binary = located.appendingPathComponent("chapter")
    let log = located.appendingPathComponent("compile.log")
    let compiled = try ProcessRunner.run(
      toolchain.swiftc,
      Self.flags + ["-gline-tables-only"] + libraries.linkFlags + [main.path, "-o", binary.path]
        + Self.linkerFlags,
      stdout: log, stderr: log, timeout: 300)
    guard compiled.succeeded else { return nil }
    let run = try launch(
      binary, in: located,
      environment: ["SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,sanitize=yes,threads=crashed"])
    let text = String(
      decoding: run.stderr.read(max(0, run.stderr.count - (256 << 10)), run.stderr.count), as: UTF8.self)
    let frames = Self.backtraceFrames(text, chapterPath: chapter.file.path)
    let inCell = frames.first { cell.contains(line: $0.line) }
    return inCell ?? frames.first
  }

  /// The frames of a backtrace that are in the chapter, innermost first: every ` at PATH:L:C`.
  static func backtraceFrames(_ text: String, chapterPath: String) -> [SourceLocation] {
    let marker = " at \(chapterPath):"
    var frames: [SourceLocation] = []
    for line in text.split(separator: "\n") {
      guard let found = line.range(of: marker) else { continue }
      let numbers = line[found.upperBound...].split(separator: ":", maxSplits: 1)
      guard let row = numbers.first.flatMap({ Int($0) }) else { continue }
      let column = numbers.count > 1 ? Int(numbers[1].prefix { $0.isNumber }) ?? 0 : 0
      frames.append(SourceLocation(file: chapterPath, line: row, column: column))
    }
    return frames
  }

  /// What one run of a chapter program left.
  private struct Launch {
    var process: ProcessOutcome
    var control: URL
    var stdout: OutputFile
    var stderr: OutputFile
  }

  /// Runs a compiled chapter program in `folder`, with its control file and its two streams there.
  private func launch(_ binary: URL, in folder: URL, environment extra: [String: String]) throws(FolioError)
    -> Launch
  {
    let control = folder.appendingPathComponent("control.jsonl")
    let stdout = folder.appendingPathComponent("stdout.txt")
    let stderr = folder.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: control.path, contents: nil)
    var environment = ProcessInfo.processInfo.environment
    environment[RuntimeWire.controlVariable] = control.path
    environment["SWIFT_BACKTRACE"] = "enable=no"
    environment.merge(extra) { $1 }
    let outcome = try ProcessRunner.run(
      binary.path, [], environment: environment, currentDirectory: folder, stdout: stdout, stderr: stderr,
      timeout: limits.timeout, sweep: true)
    return Launch(process: outcome, control: control, stdout: OutputFile(stdout), stderr: OutputFile(stderr))
  }

  /// Compiles and links `main` into `binary`, diagnostics into `log`, unless `slot` keeps the
  /// program built from the same source against the same library interface.
  private func build(
    _ main: URL, into binary: URL, log: URL, keptIn slot: (folder: URL, interface: String)?
  ) throws(FolioError)
    -> ProcessOutcome
  {
    guard let slot, let source = FileManager.default.contents(atPath: main.path) else {
      return try build(main, into: binary, log: log)
    }
    var hasher = FieldHasher()
    hasher.add("folio-program-v1")
    hasher.add(toolchain.version)
    hasher.add((Self.flags + Self.linkerFlags).joined(separator: " "))
    hasher.add(slot.interface)
    hasher.add(bytes: source)
    let key = hasher.hex()
    let kept = KeptFile(slot: slot.folder, name: "chapter")
    if let program = kept.url(for: key), (try? FileManager.default.copyItem(at: program, to: binary)) != nil {
      _ = FileManager.default.createFile(atPath: log.path, contents: nil)
      return ProcessOutcome(exitCode: 0, signal: nil, timedOut: false)
    }
    let outcome = try build(main, into: binary, log: log)
    if outcome.succeeded { kept.keep(copyOf: binary, key: key) }
    return outcome
  }

  /// Compiles and links `main` into `binary`, diagnostics into `log`: through the plan when
  /// there is one, else (or when the plan's link fails, so the driver has the last word) `swiftc`.
  private func build(_ main: URL, into binary: URL, log: URL) throws(FolioError) -> ProcessOutcome {
    if let plan {
      let object = main.deletingPathExtension().appendingPathExtension("o")
      let files = CompilerPlan.Files(
        source: main, object: object, output: binary, libraries: libraries.directory)
      let compile = plan.compileCommand(files) + libraries.importFlags
      let compiled = try ProcessRunner.run(
        compile[0], Array(compile.dropFirst()), stdout: log, stderr: log, timeout: 300)
      guard compiled.succeeded else { return compiled }
      if let entries = FileManager.default.contents(atPath: object.path).flatMap(AutolinkEntries.read) {
        let link = plan.linkCommand(files, autolink: entries)
        let linkLog = log.deletingPathExtension().appendingPathExtension("link.log")
        let linked = try ProcessRunner.run(
          link[0], Array(link.dropFirst()), stdout: linkLog, stderr: linkLog, timeout: 300)
        if linked.succeeded { return linked }
      }
    }
    return try ProcessRunner.run(
      toolchain.swiftc, Self.flags + libraries.linkFlags + [main.path, "-o", binary.path] + Self.linkerFlags,
      stdout: log, stderr: log, timeout: 300)
  }

  private func location(of cell: Cell, _ chapter: Chapter) -> SourceLocation {
    SourceLocation(file: chapter.file.path, line: cell.codeLine, column: cell.codeColumn)
  }

  private func write(_ text: String, to url: URL) throws(FolioError) {
    do {
      try text.write(to: url, atomically: false, encoding: .utf8)
    } catch {
      throw FolioError(.environment, "cannot write \(url.path)", underlying: "\(error)")
    }
  }

  private func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }
}

extension Cell {
  /// The number of lines of code.
  var lineCount: Int { max(code.rawLines.count - (code.hasSuffix("\n") ? 1 : 0), 1) }

  /// Whether a Markdown line falls inside this cell's code.
  func contains(line: Int) -> Bool { line >= codeLine && line < codeLine + lineCount }
}
