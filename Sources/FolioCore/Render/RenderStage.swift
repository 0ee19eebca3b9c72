// Render stage: the site's files, rendered alongside execution, each page as soon as it can be.
import Foundation

/// Renders the site on a thread of its own that starts with the execute stage: first everything
/// that does not depend on results (maths, index, search, the pages of chapters already known),
/// then each chapter's page as its program ends, so little is left when the last one finishes.
struct RenderStage: ConcurrentStage {
  var name: StageName { .render }
  var startsWith: StageName { .execute }

  func start(_ build: BuildContext) -> Parallel.Spawned<RenderedSite> {
    // The renderer's identity is the engine's digest and the running folio's files
    // (`BuildStamp.executableIdentity`): the digest covers only how cells become results, so a
    // folio that renders pages differently must be told apart by its own files, or kept pages
    // would outlive it.
    let renderer = SiteRenderer(
      cacheDirectory: build.options.stateDirectory.appendingPathComponent("render"),
      engine: build.options.engineDigest + "\n" + BuildStamp.executableIdentity)
    let book = build.book
    let chapters = build.chapters
    let known = build.results
    let digests = build.resultDigests
    let reference = build.reference
    let feed = build.feed
    return Parallel.spawn { () throws(FolioError) -> RenderedSite in
      guard let book else { throw FolioError(.internal, "rendering started before the book was loaded") }
      let pages = try renderer.pages(book: book, chapters: chapters, reference: reference)
      for (index, result) in known.enumerated() where result != nil {
        pages.render(index, results: result, resultsDigest: index < digests.count ? digests[index] : nil)
      }
      while let (index, result) = feed.next() { pages.render(index, results: result) }
      return try pages.finish()
    }
  }

  func finish(_ work: Parallel.Spawned<RenderedSite>, into build: inout BuildContext) throws(FolioError) {
    switch work.wait() {
    case .success(let site):
      build.site = site
      build.findings.diagnostics += site.diagnostics
    case .failure(let error):
      throw error
    }
  }
}
