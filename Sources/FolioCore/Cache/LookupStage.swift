// Lookup stage: each chapter's results key, and the results the cache already holds.
import Foundation

/// Keys every chapter and takes what the results cache holds for it (or, in a merge, what the
/// shards' reports hold). A chapter with no cell to run needs no program and is done here too.
/// A shard looks up only its own chapters.
struct LookupStage: BuildStage {
  var name: StageName { .lookup }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let options = build.options
    let cache = ResultsCache(directory: options.stateDirectory.appendingPathComponent("results"))
    build.keys = build.chapters.map {
      ResultsCache.key(
        for: $0, libraryKey: build.libraryKey, limits: build.limits, engine: options.engineDigest)
    }
    build.results = Array(repeating: nil, count: build.chapters.count)
    build.cachedChapters = 0
    var unknown: [String] = []
    for (i, chapter) in build.chapters.enumerated() where build.selects(chapter) {
      if !chapter.cells.contains(where: { $0.options.mode != .norun }) {
        build.results[i] = ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
      } else if let known = options.knownResults {
        build.results[i] = known[build.keys[i]]
        build.cachedChapters += 1
        if build.results[i] == nil { unknown.append(chapter.file.path) }
      } else if options.useCache, let cached = cache.load(key: build.keys[i], for: chapter) {
        build.results[i] = cached
        build.cachedChapters += 1
      }
    }
    if !unknown.isEmpty {
      throw FolioError(
        .input,
        "the shards' reports hold no results for \(unknown.count) chapter\(unknown.count == 1 ? "" : "s") as "
          + "this folio would run them (another folio, toolchain or library than the shards had?): "
          + unknown.joined(separator: ", "))
    }
  }
}
