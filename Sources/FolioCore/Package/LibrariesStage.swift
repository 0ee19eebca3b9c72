// Libraries stage: the book's package built by SwiftPM and, beside it, the libraries for live cells.
import Foundation

/// Builds what the execute stage compiles against, when chapters are left to run: the book's
/// package, and the Embedded Swift libraries (for live cells among those chapters). (The
/// reference stage builds the package itself when no cache has the API symbols.)
///
/// The two builds compile the same sources for two targets and need nothing of each other, so
/// they run side by side: each Embedded library is one whole-module job on one core, and SwiftPM
/// leaves a core idle for much of an incremental build.
struct LibrariesStage: BuildStage {
  var name: StageName { .libraries }

  func run(_ build: inout BuildContext) throws(FolioError) {
    guard let package = build.package, let toolchain = build.toolchain else { return }
    let pending = build.pendingChapters
    let hasLive =
      !build.options.liveLater && pending.contains { build.chapters[$0].cells.contains { $0.options.live } }
    let options = build.options
    var liveBuild: Parallel.Spawned<LiveCompiler>?
    if hasLive {
      let folders = try package.sourceFolders(LiveCompiler.modules)
      liveBuild = Parallel.spawn { () throws(FolioError) -> LiveCompiler in
        try LiveCompiler.prepare(
          toolchain: toolchain, folders: folders, stateDirectory: options.stateDirectory,
          progress: options.progress)
      }
    }
    // However the native build ends, the Embedded one is waited for: no thread outlives a stage.
    let native: Result<CompiledLibraries?, FolioError>
    do throws(FolioError) {
      native = .success(pending.isEmpty ? nil : try package.build(progress: options.progress))
    } catch {
      native = .failure(error)
    }
    let live = liveBuild?.wait()
    build.libraries = try native.get()
    build.live = try live?.get()
  }
}
