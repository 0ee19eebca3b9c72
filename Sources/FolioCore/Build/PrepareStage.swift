// Prepare stage: the toolchain, the libraries' key, and the answer to "did anything change?".
import Foundation

/// Finds the compiler and the libraries' key, and ends the build at once when the book's files,
/// the libraries and the site are exactly as the last clean build left them.
struct PrepareStage: BuildStage {
  var name: StageName { .prepare }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let options = build.options
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    let libraryBuilder = LibraryBuilder(
      sourcesDirectory: LibraryBuilder.defaultSourcesDirectory,
      cacheDirectory: LibraryBuilder.repositoryRoot.appendingPathComponent(".build/folio/libraries"),
      toolchain: toolchain)
    build.toolchain = toolchain
    build.libraryBuilder = libraryBuilder
    build.libraryKey = try libraryBuilder.currentKey()
    // Decided from the files' bytes, before anything is parsed.
    build.inputsDigest = BuildStamp.inputsDigest(
      book: options.book, timeout: options.timeout, libraryKey: build.libraryKey,
      engine: options.engineDigest,
      output: options.siteDirectory)
    if options.useCache && options.writeSite && options.stopWhenUpToDate, let inputs = build.inputsDigest,
      let stamp = BuildStamp.read(in: options.stateDirectory),
      stamp.inputs == inputs, stamp.site == BuildStamp.stat(options.siteDirectory)
    {
      build.upToDate = stamp
    }
  }
}
