// Parse stage: every chapter file parsed, its cells, outputs and headings given their identity.
import Foundation

/// Parses the loaded chapter files.
struct ParseStage: BuildStage {
  var name: StageName { .parse }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let parser = ChapterParser()
    build.chapters = (build.book?.chapters ?? []).map { parser.parse($0) }
  }
}
