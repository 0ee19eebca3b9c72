// Write stage: the site swapped in whole, and the stamp that lets an unchanged rebuild stop early.
import Foundation

/// Writes the rendered site (unless the build only compares, as `check` does) and records a
/// clean build; a build with errors removes the stamp, so the next one runs and reports again.
struct WriteStage: BuildStage {
  var name: StageName { .write }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let options = build.options
    guard options.writeSite, let site = build.site else { return }
    build.written = try SiteWriter().write(site.files, to: options.siteDirectory)
    var stamp: BuildStamp?
    if !build.findings.hasErrors, !build.liveDeferred, let inputs = build.inputsDigest {
      var counts: [String: Int] = [:]
      for result in build.results {
        for cell in result?.cells ?? [] { counts[cell.status.rawValue, default: 0] += 1 }
      }
      stamp = BuildStamp(
        inputs: inputs, site: BuildStamp.stat(options.siteDirectory), chapterCount: build.chapters.count,
        cellCounts: counts)
    }
    BuildStamp.record(stamp, in: options.stateDirectory)
  }
}
