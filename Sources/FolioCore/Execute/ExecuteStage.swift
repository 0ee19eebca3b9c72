// Execute stage: plans, compiles and runs the programs of the chapters the cache did not have.
import Foundation

/// Runs every chapter without results (the shard's, when the build is one), largest first, `jobs` at a time; each chapter's results
/// go to the render stage as soon as its program ends, and into the cache unless it was cut off
/// (the local cache, then the remote cache unless it is read-only).
struct ExecuteStage: BuildStage {
  var name: StageName { .execute }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let chapters = build.chapters
    // The largest programs first, so the last job to finish is a short one.
    let pending = build.pendingChapters.sorted {
      chapters[$0].cells.reduce(0) { $0 + $1.code.utf8.count }
        > chapters[$1].cells.reduce(0) { $0 + $1.code.utf8.count }
    }
    guard !pending.isEmpty, let toolchain = build.toolchain, let libraries = build.libraries else { return }
    let options = build.options
    let state = options.stateDirectory
    var configured = ChapterExecutor(
      libraries: libraries, toolchain: toolchain, limits: build.limits,
      plan: ChapterExecutor.plan(toolchain: toolchain, stateDirectory: state))
    configured.live = build.live
    let deferred = Set(
      options.liveLater ? pending.filter { chapters[$0].cells.contains { $0.options.live } } : [])
    build.liveDeferred = !deferred.isEmpty
    configured.programs = (state.appendingPathComponent("programs"), libraries.interfaceDigest())
    // The book's live cells compile together while the chapters run (unless all are kept),
    // started by the libraries stage as soon as it could.
    if let live = build.live, let plan = LiveBatchPlan.of(chapters) {
      configured.livePlan = plan
      configured.liveBatch =
        build.liveBatch ?? live.startBatch(plan, work: state.appendingPathComponent("work"))
    }
    defer { configured.liveBatch?.finish() }
    // `jobs` chapters work at once; those waiting for the batch to be compiled and linked do not
    // count, and up to twice `jobs` of them have a thread besides.
    let gate = Parallel.Gate(permits: options.jobs)
    configured.gate = gate
    let batching = configured.liveBatch != nil
    let waiting = batching ? configured.livePlan?.chapters ?? [] : []
    let threads =
      options.jobs + min(2 * options.jobs, pending.filter { waiting.contains(chapters[$0].file.slug) }.count)
    let executor = configured
    let feed = build.feed
    let total = chapters.count
    let computed = try Parallel.map(pending, jobs: threads) {
      (i: Int) throws(FolioError) -> ChapterResults in
      // The batch's compile and link are the longest path: the chapters give way to them.
      if batching { Parallel.lowerPriority(to: 10) }
      return try gate.hold { () throws(FolioError) -> ChapterResults in
        options.progress("[\(i + 1)/\(total)] \(chapters[i].file.path)")
        let work = state.appendingPathComponent("work/\(chapters[i].file.slug)")
        // Planned here, in the job: a chapter whose results are cached needs no program.
        let program = ProgramPlanner().plan(chapters[i])
        let result = try executor.execute(program, chapter: chapters[i], workDirectory: work)
        feed.add(i, result)
        return result
      }
    }
    build.executedChapters = pending.count
    let cache = ResultsCache(directory: state.appendingPathComponent("results"))
    var entries: [(key: String, entry: Data)] = []
    for (i, result) in zip(pending, computed) {
      build.results[i] = result
      if !result.interrupted, !deferred.contains(i),
        let entry = cache.store(result, key: build.keys[i], for: chapters[i])
      {
        entries.append((build.keys[i], entry))
      }
    }
    build.remoteCache?.store(entries)
  }
}
