// Execute stage: compiles one chapter program, runs it, and cuts what it wrote into cell results.
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
      toolchain: toolchain, flags: flags, linkerFlags: linkerFlags, modules: LibraryBuilder.modules,
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
      throw FolioError(.usage, "cannot create \(workDirectory.path)", underlying: "\(error)")
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

    guard !program.runnableCells.isEmpty else { return ChapterResults(cells: results) }

    // Compile the chapter program.
    let main = workDirectory.appendingPathComponent("main.swift")
    let binary = workDirectory.appendingPathComponent("chapter")
    try write(program.main, to: main)
    let compileLog = workDirectory.appendingPathComponent("compile.log")
    let compiled = try build(main, into: binary, log: compileLog)
    if !compiled.succeeded {
      let messages = CompilerOutput.parse(read(compileLog))
      let errors = messages.filter { $0.severity == .error }
      var placed = false
      for index in program.runnableCells {
        let cell = chapter.cells[index]
        let mine = errors.filter {
          $0.location.file == chapter.file.path && cell.contains(line: $0.location.line)
        }
        if !mine.isEmpty {
          results[index] = CellResult(status: .failed, diagnostics: mine)
          placed = true
        }
      }
      if !placed {
        let text = read(compileLog).trimmingCharacters(in: .whitespacesAndNewlines)
        chapterDiagnostics.append(
          Diagnostic(
            at: SourceLocation(file: chapter.file.path, line: 1, column: 1),
            "the chapter program does not compile:\n\(text)"))
      }
      return ChapterResults(cells: results, diagnostics: chapterDiagnostics)
    }

    // Run it.
    let control = workDirectory.appendingPathComponent("control.jsonl")
    let stdout = workDirectory.appendingPathComponent("stdout.txt")
    let stderr = workDirectory.appendingPathComponent("stderr.txt")
    _ = fm.createFile(atPath: control.path, contents: nil)
    var environment = ProcessInfo.processInfo.environment
    environment["FOLIO_CONTROL"] = control.path
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let outcome = try ProcessRunner.run(
      binary.path, [], environment: environment, currentDirectory: workDirectory, stdout: stdout,
      stderr: stderr,
      timeout: limits.timeout)
    let out = OutputFile(stdout)
    let err = OutputFile(stderr)
    var transcript = Transcript(
      control: ControlRecords(
        contentsOf: control, cellCount: chapter.cells.count, stdoutCount: out.count, stderrCount: err.count,
        limits: limits),
      stdout: out, stderr: err, chapterPath: chapter.file.path, limits: limits)
    transcript.assign(
      to: &results, chapter: chapter, program: program, outcome: outcome, timeout: limits.timeout)
    return ChapterResults(cells: results, diagnostics: chapterDiagnostics)
  }

  /// Compiles and links `main` into `binary`, diagnostics into `log`: through the plan when
  /// there is one, else (or when the plan's link fails, so the driver has the last word) `swiftc`.
  private func build(_ main: URL, into binary: URL, log: URL) throws(FolioError) -> ProcessOutcome {
    if let plan {
      let object = main.deletingPathExtension().appendingPathExtension("o")
      let files = CompilerPlan.Files(
        source: main, object: object, output: binary, libraries: libraries.directory)
      let compile = plan.compileCommand(files)
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
      throw FolioError(.usage, "cannot write \(url.path)", underlying: "\(error)")
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
