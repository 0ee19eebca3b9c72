// The pipeline: the stages of a build, in order, and the one runner `build`, `serve` and `check` use.
import Foundation

/// Runs the stages over one build context and hands back one report.
public enum Pipeline {
  /// Every stage, in order. Render starts with execute, on a thread of its own, and renders
  /// each chapter's page as soon as its results are known; the pipeline waits for it where it
  /// is listed.
  static let stages: [any BuildStage] = [
    PrepareStage(),  // toolchain, libraries key; stops the build when nothing changed
    LoadStage(),  // book.yml and the chapter files
    ParseStage(),  // cmark-gfm: cells, outputs, headings, with their identity
    LookupStage(),  // cached results
    LibrariesStage(),  // the package by SwiftPM; beside it, the Embedded libraries for live cells
    ReferenceStage(),  // symbol graphs of the documented modules; symbol links; doc comments
    ExecuteStage(),  // plan, compile and run the other chapters
    CheckStage(),  // every promise: cells, outputs, links
    RenderStage(),  // pages, index, search, assets
    WriteStage(),  // the site, swapped in at once; the up-to-date stamp
  ]

  /// The stages a build with `options` runs: all of them, or for a shard only those that work
  /// chapter by chapter.
  static func stages(for options: BuildOptions) -> [any BuildStage] {
    options.shard == nil ? stages : stages.filter { !$0.name.wholeBook }
  }

  /// Builds the book as `options` say.
  ///
  /// Cell failures and broken promises do not throw: they are findings in the report and on the
  /// pages. What throws is a book that cannot be built at all (no chapters, a broken
  /// `book.yml`, a missing dependency); the error names the stage it came from.
  public static func run(_ options: BuildOptions) throws(FolioError) -> BuildReport {
    let build = try run(stages(for: options), options: options)
    if let stamp = build.upToDate { return .upToDate(BuildSummary(stamp: stamp, timings: build.timings)) }
    return .built(BuiltBook(build))
  }

  /// Runs `stages` (the whole list, or the first few in a test) over a fresh context, and
  /// returns the context as they left it.
  static func run(_ stages: [any BuildStage], options: BuildOptions) throws(FolioError) -> BuildContext {
    try BookLoader.requireDirectory(options.book)
    let state = options.stateDirectory
    do {
      try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.environment, "cannot create \(state.path)", underlying: "\(error)")
    }
    let lock = try lockBook(state, progress: options.progress)
    defer { lock.release() }

    var build = BuildContext(options: options)
    let feeding = Set(stages.compactMap { ($0 as? any ConcurrentStage)?.startsWith })
    var started: [StageName: Any] = [:]
    // However the build ends, no stage's thread outlives it.
    var waits: [() -> Void] = []
    defer {
      build.feed.close()
      waits.forEach { $0() }
      build.liveBatch?.finish()
      _ = build.referenceLoad?.wait()
    }
    for (position, stage) in stages.enumerated() {
      for later in stages[(position + 1)...] {
        guard let concurrent = later as? any ConcurrentStage, concurrent.startsWith == stage.name else {
          continue
        }
        let (work, wait) = start(concurrent, build)
        started[later.name] = work
        waits.append(wait)
      }
      let clock = Date()
      do {
        if let concurrent = stage as? any ConcurrentStage, let work = started[stage.name] {
          try finish(concurrent, work, into: &build)
        } else {
          try stage.run(&build)
        }
      } catch {
        build.feed.close()
        throw error.in(stage.name)
      }
      // A stage that others run alongside feeds them until it ends.
      if feeding.contains(stage.name) { build.feed.close() }
      build.timings[stage.name, default: 0] += Date().timeIntervalSince(clock)
      if build.upToDate != nil { break }
    }
    return build
  }

  /// Starts a concurrent stage's work (opening the existential's type); also returns how to
  /// wait for it.
  private static func start<S: ConcurrentStage>(_ stage: S, _ build: BuildContext) -> (Any, () -> Void) {
    let work = stage.start(build)
    return (work, { _ = work.wait() })
  }

  /// Finishes a concurrent stage with the work it started (opening the existential's type).
  private static func finish<S: ConcurrentStage>(_ stage: S, _ work: Any, into build: inout BuildContext)
    throws(FolioError)
  {
    guard let work = work as? Parallel.Spawned<S.Work> else {
      throw FolioError(.internal, "the \(stage.name.rawValue) stage's work has the wrong type")
    }
    try stage.finish(work, into: &build)
  }

  /// Takes the book's build lock, waiting (and saying so) while another build holds it.
  static func lockBook(_ state: URL, progress: (String) -> Void) throws(FolioError) -> FileLock {
    let url = state.appendingPathComponent("build.lock")
    if let lock = try? FileLock(url, wait: false) { return lock }
    progress("waiting for another folio build of this book to finish")
    return try FileLock(url, wait: true)
  }
}

extension FolioError {
  /// The error, naming the stage it came from (unless it already does).
  func `in`(_ stage: StageName) -> FolioError {
    var error = self
    if error.stage == nil { error.stage = stage }
    return error
  }
}
