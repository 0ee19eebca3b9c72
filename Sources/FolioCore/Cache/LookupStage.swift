// Lookup stage: each chapter's results key, and the results the caches already hold.
import Foundation

/// Keys every chapter and takes what the results cache holds for it: the local cache first,
/// then the remote cache (when the build has one) for the chapters still missing, all at once;
/// a remote entry is written to the local cache. In a merge, every chapter's results come from
/// the shards' reports instead. A chapter with no cell to run needs no program and is done here
/// too. A shard looks up only its own chapters.
struct LookupStage: BuildStage {
  var name: StageName { .lookup }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let options = build.options
    let cache = ResultsCache(directory: options.stateDirectory.appendingPathComponent("results"))
    let liveBatch = LiveBatchPlan.digest(of: build.chapters)
    build.keys = build.chapters.map {
      ResultsCache.key(
        for: $0, libraryKey: build.libraryKey, limits: build.limits, engine: options.engineDigest,
        liveBatch: liveBatch)
    }
    build.results = Array(repeating: nil, count: build.chapters.count)
    build.resultDigests = Array(repeating: nil, count: build.chapters.count)
    build.cachedChapters = 0
    var unknown: [String] = []
    var local: [Int] = []
    for (i, chapter) in build.chapters.enumerated() where build.selects(chapter) {
      if !chapter.cells.contains(where: { $0.options.mode != .norun }) {
        build.results[i] = ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
        build.resultDigests[i] = "no cell runs"
      } else if let known = options.knownResults {
        build.results[i] = known[build.keys[i]]
        build.cachedChapters += 1
        if build.results[i] == nil { unknown.append(chapter.file.path) }
      } else if options.useCache {
        local.append(i)
      }
    }
    // Entries carry every figure and live module: decoded a chapter per core.
    let chapters = build.chapters
    let keys = build.keys
    // The longest chapters (the most output, as a rule) first.
    let loaded = try Parallel.map(local, jobs: options.jobs, weight: { chapters[$0].file.text.utf8.count }) {
      i in
      cache.loadEntry(key: keys[i], for: chapters[i])
    }
    for (i, cached) in zip(local, loaded) {
      guard let cached else { continue }
      build.results[i] = cached.results
      build.resultDigests[i] = cached.digest
      build.cachedChapters += 1
    }
    if !unknown.isEmpty {
      throw FolioError(
        .input,
        "the shards' reports hold no results for \(unknown.count) chapter\(unknown.count == 1 ? "" : "s") as "
          + "this folio would run them (another folio, toolchain or library than the shards had?): "
          + unknown.joined(separator: ", "))
    }
    guard options.useCache, options.knownResults == nil, let remote = build.remoteCache else { return }
    let missing = build.pendingChapters
    let entries = remote.fetch(missing.map { build.keys[$0] })
    for (i, entry) in zip(missing, entries) {
      guard let entry else { continue }
      guard let results = ResultsCache.decode(entry, for: build.chapters[i]) else {
        remote.rejected(key: build.keys[i], because: "the entry's SHA-256 header does not match its body")
        continue
      }
      cache.store(entry: entry, key: build.keys[i])
      build.results[i] = results
      build.resultDigests[i] = ResultsCache.entryDigest(entry)
      build.cachedChapters += 1
      build.remoteChapters += 1
    }
  }
}
