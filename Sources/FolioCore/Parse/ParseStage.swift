// Parse stage: every chapter file parsed, its cells, outputs and headings given their identity.
import Foundation

/// Parses the loaded chapter files, `jobs` at a time.
struct ParseStage: BuildStage {
  var name: StageName { .parse }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let parser = ChapterParser()
    build.chapters = try Parallel.map(
      build.book?.chapters ?? [], jobs: build.options.jobs, weight: { $0.text.utf8.count }
    ) { parser.parse($0) }
  }
}
