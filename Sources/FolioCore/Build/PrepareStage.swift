// Prepare stage: the toolchain, the book's package and its key, and the answer to "did anything
// change?".
import Foundation

/// Finds the compiler, the book's package (with the key of everything it is built from) and the
/// remote cache, if the build has one, and ends the build at once when the book's files, the
/// package and the site are exactly as the last clean build left them.
struct PrepareStage: BuildStage {
  var name: StageName { .prepare }

  func run(_ build: inout BuildContext) throws(FolioError) {
    let options = build.options
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    let config = try BookLoader().loadConfig(options.book, cache: options.stateDirectory)
    let package = try BookPackage.resolve(
      book: options.book, config: config, options: options, toolchain: toolchain)
    build.toolchain = toolchain
    build.config = config
    build.package = package
    build.libraryKey = try package.key()
    build.remoteCache = try RemoteCacheSettings.resolve(options, config: config).map(RemoteCache.init)
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
      return
    }
    // The API reference does not depend on the chapters: read while they load and parse.
    if options.shard == nil { build.referenceLoad = ReferenceStage.startReadingKept(build) }
  }
}
