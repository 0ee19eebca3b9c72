// The pipeline: load → parse → plan → execute (cached) → render → write.
import Foundation

/// Runs the stages in order and hands back a report; the command line prints it.
public struct BookBuilder: Sendable {
  /// Creates a builder.
  public init() {}

  /// Builds the book as `options` say.
  ///
  /// Cell failures do not throw: they are in the report and on the pages. What throws is a book
  /// that cannot be built at all (no chapters, a broken config, a missing dependency).
  public func build(_ options: BuildOptions) throws(FolioError) -> BuildReport {
    var timings: [String: Double] = [:]
    var clock = Date()
    func lap(_ stage: String) {
      timings[stage, default: 0] += Date().timeIntervalSince(clock)
      clock = Date()
    }
    let fm = FileManager.default
    let state = options.stateDirectory
    try BookLoader.requireDirectory(options.book)
    do {
      try fm.createDirectory(at: state, withIntermediateDirectories: true)
    } catch {
      throw FolioError(.usage, "cannot create \(state.path)", underlying: "\(error)")
    }
    let lock = try Self.lockBook(state, progress: options.progress)
    defer { lock.release() }

    let toolchain = try Toolchain.locate(stateDirectory: state)
    let libraryBuilder = LibraryBuilder(
      sourcesDirectory: LibraryBuilder.defaultSourcesDirectory,
      cacheDirectory: LibraryBuilder.repositoryRoot.appendingPathComponent(".build/folio/libraries"),
      toolchain: toolchain)
    let libraryKey = try libraryBuilder.currentKey()
    // Nothing changed since the last clean build: decided from the files' bytes, before parsing.
    let inputs = BuildStamp.inputsDigest(
      book: options.book, timeout: options.timeout, libraryKey: libraryKey, output: options.siteDirectory)
    if options.useCache && options.writeSite && options.stopWhenUpToDate, let inputs,
      let stamp = BuildStamp.read(in: state),
      stamp.inputs == inputs, stamp.site == BuildStamp.stat(options.siteDirectory)
    {
      lap("up-to-date")
      return BuildReport(upToDate: stamp, timings: timings)
    }
    let book = try BookLoader().load(options.book)
    let limits = ExecutionLimits(timeout: options.timeout ?? book.config.timeout)
    lap("load")
    let parser = ChapterParser()
    let chapters = book.chapters.map { parser.parse($0) }
    lap("parse")

    let cache = ResultsCache(directory: state.appendingPathComponent("results"))
    var results: [ChapterResults?] = Array(repeating: nil, count: chapters.count)
    var keys: [String] = []
    for (i, chapter) in chapters.enumerated() {
      let key = ResultsCache.key(for: chapter, libraryKey: libraryKey, limits: limits)
      keys.append(key)
      if !chapter.cells.contains(where: { $0.options.mode != .norun }) {
        results[i] = ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
      } else if options.useCache {
        results[i] = cache.load(key: key, for: chapter)
      }
    }
    let cached = results.enumerated().filter {
      $0.element != nil && chapters[$0.offset].cells.contains { $0.options.mode != .norun }
    }.count
    lap("cache")

    // The largest programs first, so the last job to finish is a short one.
    let pending = results.indices.filter { results[$0] == nil }.sorted {
      chapters[$0].cells.reduce(0) { $0 + $1.code.utf8.count }
        > chapters[$1].cells.reduce(0) { $0 + $1.code.utf8.count }
    }
    // The pages are rendered on a thread of their own: first everything that does not depend on
    // results (maths, index, search, the pages of chapters already known), then each chapter's
    // page as soon as its program has run, so little is left once the last one finishes.
    let renderer = SiteRenderer(cacheDirectory: state.appendingPathComponent("render"))
    let finished = FinishedChapters()
    let known = results
    let rendering = Parallel.spawn { () throws -> RenderedSite in
      let pages = try renderer.pages(book: book, chapters: chapters)
      for (index, result) in known.enumerated() where result != nil { pages.render(index, results: result) }
      while let (index, result) = finished.next() { pages.render(index, results: result) }
      return pages.finish()
    }
    // However this build ends, the rendering thread is done with before it returns.
    defer {
      finished.close()
      _ = rendering.wait()
    }

    if !pending.isEmpty {
      let libraries = try libraryBuilder.build(jobs: options.jobs, progress: options.progress)
      lap("libraries")
      let executor = ChapterExecutor(
        libraries: libraries, toolchain: toolchain, limits: limits,
        plan: ChapterExecutor.plan(toolchain: toolchain, stateDirectory: state))
      let total = chapters.count
      let computed = try Parallel.map(pending, jobs: options.jobs) {
        (i: Int) throws(FolioError) -> ChapterResults in
        options.progress("[\(i + 1)/\(total)] \(chapters[i].file.path)")
        let work = state.appendingPathComponent("work/\(chapters[i].file.slug)")
        // Planned here, in the job: a chapter whose results are cached needs no program.
        let program = ProgramPlanner().plan(chapters[i])
        let result = try executor.execute(program, chapter: chapters[i], workDirectory: work)
        finished.add(i, result)
        return result
      }
      for (i, result) in zip(pending, computed) {
        results[i] = result
        cache.store(result, key: keys[i], for: chapters[i])
      }
      lap("execute")
    }
    let finalResults = results.map { $0! }

    finished.close()
    let site: RenderedSite
    switch rendering.wait() {
    case .success(let rendered):
      site = rendered
    case .failure(let error as FolioError):
      throw error
    case .failure(let error):
      throw FolioError(.usage, "rendering failed", underlying: "\(error)")
    }
    lap("render")

    var summary: SiteWriter.Summary?
    if options.writeSite {
      summary = try SiteWriter().write(site.files, to: options.siteDirectory)
      lap("write")
    }
    let report = BuildReport(
      book: book, chapters: chapters, results: finalResults, site: site, cachedChapters: cached,
      written: summary, timings: timings)
    if options.writeSite {
      var stamp: BuildStamp?
      if report.diagnostics.isEmpty, let inputs {
        stamp = BuildStamp(
          inputs: inputs, site: BuildStamp.stat(options.siteDirectory), chapterCount: chapters.count,
          cellCounts: Dictionary(uniqueKeysWithValues: report.cellCounts.map { ($0.key.rawValue, $0.value) }))
      }
      BuildStamp.record(stamp, in: state)
    }
    return report
  }

  /// Takes the book's build lock, waiting (and saying so) while another build holds it.
  static func lockBook(_ state: URL, progress: (String) -> Void) throws(FolioError) -> FileLock {
    let url = state.appendingPathComponent("build.lock")
    if let lock = try? FileLock(url, wait: false) { return lock }
    progress("waiting for another folio build of this book to finish")
    return try FileLock(url, wait: true)
  }
}

/// Chapters whose programs have run, handed from the jobs to the rendering thread.
private final class FinishedChapters: @unchecked Sendable {
  private let lock = NSLock()
  private let available = DispatchSemaphore(value: 0)
  private var queue: [(Int, ChapterResults)] = []
  private var closed = false

  /// Hands over chapter `index`'s results.
  func add(_ index: Int, _ results: ChapterResults) {
    lock.lock()
    queue.append((index, results))
    lock.unlock()
    available.signal()
  }

  /// No more chapters will come.
  func close() {
    lock.lock()
    closed = true
    lock.unlock()
    available.signal()
  }

  /// The next finished chapter, waiting for one; nil once closed and drained.
  func next() -> (Int, ChapterResults)? {
    while true {
      lock.lock()
      if !queue.isEmpty {
        let item = queue.removeFirst()
        lock.unlock()
        return item
      }
      if closed {
        lock.unlock()
        return nil
      }
      lock.unlock()
      available.wait()
    }
  }
}
