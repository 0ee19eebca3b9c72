// Load stage: the book's settings and chapter files, read from disk.
import Foundation

/// Reads `book.yml` and every chapter file.
struct LoadStage: BuildStage {
  var name: StageName { .load }

  func run(_ build: inout BuildContext) throws(FolioError) {
    // `book.yml` as the prepare stage read it (once a build).
    let book = try BookLoader().load(build.options.book, config: build.config)
    build.book = book
    build.limits = ExecutionLimits(timeout: build.options.timeout ?? book.config.timeout)
  }
}
