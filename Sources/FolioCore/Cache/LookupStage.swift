// Lookup stage: each chapter's results key, and the results the cache already holds.
import Foundation

/// Keys every chapter and takes what the results cache holds for it. A chapter with no cell
/// to run needs no program and is done here too.
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
    for (i, chapter) in build.chapters.enumerated() {
      if !chapter.cells.contains(where: { $0.options.mode != .norun }) {
        build.results[i] = ChapterResults(cells: chapter.cells.map { _ in CellResult(status: .ok) })
      } else if options.useCache, let cached = cache.load(key: build.keys[i], for: chapter) {
        build.results[i] = cached
        build.cachedChapters += 1
      }
    }
  }
}
