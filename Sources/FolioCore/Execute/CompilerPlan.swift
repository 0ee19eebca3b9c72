// The commands `swiftc` would run to build a chapter program, asked for once per toolchain and
// then run directly: a chapter compile skips two driver start-ups and the autolink tool.
import Foundation

/// The frontend and linker commands that build one chapter program, with placeholders for the
/// files that change from chapter to chapter.
///
/// `swiftc main.swift -o chapter` on Linux runs four programs: the swift driver, which starts
/// `swift-frontend -c`, then `swift-autolink-extract` on the object, then `clang`, which starts
/// `ld.lld`. Only the frontend and the linker do work that differs between chapters; the rest
/// (about 0.1 s of a chapter's build) works out the same command lines every time. The plan asks
/// the drivers for those command lines once (`swiftc -###`, `clang -###`), remembers them next
/// to the toolchain's version, and reads the autolink entries from the object itself.
public struct CompilerPlan: Codable, Sendable, Hashable {
  /// `swift-frontend` and its arguments; contains ``Placeholder/source`` and ``Placeholder/object``.
  public var frontend: [String]
  /// The linker and its arguments; contains ``Placeholder/object``, ``Placeholder/output`` and
  /// one argument that is exactly ``Placeholder/autolink``, replaced by the object's entries.
  public var linker: [String]

  /// Stand-ins in the remembered command lines.
  public enum Placeholder {
    /// The chapter's `main.swift`.
    public static let source = "{FOLIO_SOURCE}"
    /// The object the frontend writes.
    public static let object = "{FOLIO_OBJECT}"
    /// The executable the linker writes.
    public static let output = "{FOLIO_OUTPUT}"
    /// The folder of the compiled libraries.
    public static let libraries = "{FOLIO_LIBRARIES}"
    /// Where the object's autolink entries (`-lswiftCore`, `-lFoundation`, …) go.
    public static let autolink = "{FOLIO_AUTOLINK}"
  }

  /// The files of one chapter's build.
  public struct Files: Sendable, Hashable {
    /// The chapter's `main.swift`.
    public var source: URL
    /// The object the frontend writes.
    public var object: URL
    /// The executable the linker writes.
    public var output: URL
    /// The folder of the compiled libraries.
    public var libraries: URL

    /// Names the files of one build.
    public init(source: URL, object: URL, output: URL, libraries: URL) {
      self.source = source
      self.object = object
      self.output = output
      self.libraries = libraries
    }
  }

  /// The frontend command that compiles `files.source` to `files.object`.
  public func compileCommand(_ files: Files) -> [String] {
    frontend.map { Self.fill($0, files) }
  }

  /// The linker command that links `files.object` and the libraries into `files.output`, with
  /// the object's `autolink` entries.
  public func linkCommand(_ files: Files, autolink: [String]) -> [String] {
    linker.flatMap { $0 == Placeholder.autolink ? autolink : [Self.fill($0, files)] }
  }

  private static func fill(_ argument: String, _ files: Files) -> String {
    paths(files)
      .reduce(argument) { $0.replacingOccurrences(of: $1.placeholder, with: $1.path) }
  }

  /// Each placeholder with the path it stands for.
  private static func paths(_ files: Files) -> [(placeholder: String, path: String)] {
    [
      (Placeholder.source, files.source.path), (Placeholder.object, files.object.path),
      (Placeholder.output, files.output.path), (Placeholder.libraries, files.libraries.path),
    ]
  }

  /// The plan for `toolchain` and these flags: remembered in `stateDirectory`, or worked out by
  /// asking the drivers (about 0.1 s, once per toolchain). Nil when the drivers' jobs do not
  /// have the expected shape (another platform, a future toolchain): callers then run `swiftc`.
  public static func load(
    toolchain: Toolchain, flags: [String], linkerFlags: [String], stateDirectory: URL
  ) -> CompilerPlan? {
    var hasher = SHA256()
    let libraryFlags = CompiledLibraries.flags(URL(fileURLWithPath: Placeholder.libraries))
    for field in [toolchain.swiftc, toolchain.version] + flags + ["|"] + linkerFlags + ["|"] + libraryFlags {
      hasher.update(data: Data(field.utf8))
      hasher.update(data: Data([0]))
    }
    let digest = FieldHasher.hex(hasher.finalize())
    let remembered = stateDirectory.appendingPathComponent("compile-plan-\(digest.prefix(16)).json")
    if let data = FileManager.default.contents(atPath: remembered.path),
      let plan = try? JSONDecoder().decode(CompilerPlan.self, from: data)
    {
      return plan
    }
    guard
      let plan = derive(swiftc: toolchain.swiftc, flags: flags, linkerFlags: linkerFlags)
    else { return nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    if let data = try? encoder.encode(plan) {
      try? FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
      try? data.write(to: remembered, options: .atomic)
    }
    return plan
  }

  /// Asks `swiftc -###` for the jobs of a one-file program, then `clang -###` for the linker it
  /// would start, and replaces the paths that vary with placeholders.
  static func derive(swiftc: String, flags: [String], linkerFlags: [String]) -> CompilerPlan? {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("folio-plan-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: scratch) }
    let libraries = scratch.appendingPathComponent("libraries")
    let source = scratch.appendingPathComponent("main.swift")
    let output = scratch.appendingPathComponent("chapter")
    let object = scratch.appendingPathComponent("main.o")
    let autolinkFile = scratch.appendingPathComponent("main.autolink")
    let autolinkMarker = "-lfolio-autolink-marker"
    do {
      try fm.createDirectory(at: libraries, withIntermediateDirectories: true)
      try Data().write(to: source)
      try Data().write(to: object)
      try Data((autolinkMarker + "\n").utf8).write(to: autolinkFile)
    } catch {
      return nil
    }
    let libraryFlags = CompiledLibraries.flags(libraries)
    guard
      let jobs = capture(
        swiftc, ["-###"] + flags + libraryFlags + [source.path, "-o", output.path] + linkerFlags,
        in: scratch, stream: .stdout)?
        .split(separator: "\n").map({ ShellWords.split(String($0)) }).filter({ !$0.isEmpty }),
      jobs.count == 3,
      // 1. swift-frontend -frontend -c … -o <driver's temporary object>
      let compile = Optional(jobs[0]), compile.count > 2, compile[0].hasSuffix("swift-frontend"),
      compile[1] == "-frontend", compile.contains("-c"),
      let objectIndex = compile.lastIndex(of: "-o").map({ $0 + 1 }), objectIndex < compile.count,
      // 2. swift-autolink-extract <object> -o <driver's temporary autolink file>
      jobs[1].first?.hasSuffix("swift-autolink-extract") == true,
      let autolinkIndex = jobs[1].lastIndex(of: "-o").map({ $0 + 1 }), autolinkIndex < jobs[1].count,
      // 3. clang … <object> @<autolink file> … -o chapter
      let linkDriver = Optional(jobs[2]), linkDriver.contains(compile[objectIndex]),
      linkDriver.contains("@" + jobs[1][autolinkIndex])
    else { return nil }

    // What clang starts for that link, with our own object and autolink file in it.
    let temporaryObject = compile[objectIndex]
    let temporaryAutolink = "@" + jobs[1][autolinkIndex]
    let driverArguments = linkDriver.dropFirst().map { argument in
      argument == temporaryObject
        ? object.path : argument == temporaryAutolink ? "@" + autolinkFile.path : argument
    }
    guard
      let printed = capture(linkDriver[0], ["-###"] + driverArguments, in: scratch, stream: .stderr),
      let line = printed.split(separator: "\n").last(where: { $0.hasPrefix(" \"") }),
      var linker = Optional(ShellWords.split(String(line))), !linker.isEmpty,
      linker.contains(object.path), linker.contains(autolinkMarker), linker.contains(output.path)
    else { return nil }
    // clang expanded the response file: the marker stands where the entries go.
    linker = linker.map { $0 == autolinkMarker ? Placeholder.autolink : $0 }

    var frontend = compile
    frontend[objectIndex] = object.path
    let paths = Self.paths(Files(source: source, object: object, output: output, libraries: libraries))
    func placeholders(_ argument: String) -> String {
      paths.reduce(argument) { $0.replacingOccurrences(of: $1.path, with: $1.placeholder) }
    }
    let plan = CompilerPlan(frontend: frontend.map(placeholders), linker: linker.map(placeholders))
    // Any other scratch path (a file the driver meant to create) would be a job we do not know.
    let leftovers = (plan.frontend + plan.linker).contains {
      $0.contains(scratch.path) || $0.contains(temporaryObject)
    }
    return leftovers ? nil : plan
  }

  private enum Stream { case stdout, stderr }

  /// Runs a driver with `-###` and returns what it printed on `stream`, or nil if it failed.
  private static func capture(_ executable: String, _ arguments: [String], in folder: URL, stream: Stream)
    -> String?
  {
    let out = folder.appendingPathComponent("driver.out")
    let err = folder.appendingPathComponent("driver.err")
    guard
      let outcome = try? ProcessRunner.run(executable, arguments, stdout: out, stderr: err, timeout: 60),
      outcome.succeeded
    else { return nil }
    return try? String(contentsOf: stream == .stdout ? out : err, encoding: .utf8)
  }
}

/// Splits a command line as a POSIX shell would (quotes and backslashes; no expansion): enough
/// for the jobs the drivers print with `-###`.
enum ShellWords {
  static func split(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        word.append(character)
        escaped = false
        continue
      }
      switch (quote, character) {
      case ("'", "'"), ("\"", "\""):
        quote = nil
      case ("'", _):
        word.append(character)
      case ("\"", "\\"), (nil, "\\"):
        escaped = true
        inWord = true
      case ("\"", _):
        word.append(character)
      case (nil, "'"), (nil, "\""):
        quote = character
        inWord = true
      case (nil, " "), (nil, "\t"):
        if inWord { words.append(word) }
        word = ""
        inWord = false
      default:
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }
}
