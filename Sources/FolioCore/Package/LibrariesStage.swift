// Libraries stage: the book's package built by SwiftPM and, beside it, the libraries for live cells.
import Foundation

/// Builds what the execute stage compiles against, when chapters are left to run: the book's
/// package, and the Embedded Swift libraries (for live cells among those chapters). (The
/// reference stage builds the package itself when no cache has the API symbols.)
///
/// The two builds compile the same sources for two targets and need nothing of each other, so
/// they run side by side: each Embedded library is one whole-module job on one core, and SwiftPM
/// leaves a core idle for much of an incremental build. The live cells need only the Embedded
/// libraries, so they start compiling (as one batch) as soon as those are ready.
struct LibrariesStage: BuildStage {
  var name: StageName { .libraries }

  func run(_ build: inout BuildContext) throws(FolioError) {
    guard let package = build.package, let toolchain = build.toolchain else { return }
    let pending = build.pendingChapters
    let hasLive =
      !build.options.liveLater && pending.contains { build.chapters[$0].cells.contains { $0.options.live } }
    let options = build.options
    var liveBuild: Parallel.Spawned<(LiveCompiler, LiveBatch?)>?
    if hasLive {
      let folders = try package.sourceFolders(LiveCompiler.modules)
      let plan = LiveBatchPlan.of(build.chapters)
      liveBuild = Parallel.spawn { () throws(FolioError) -> (LiveCompiler, LiveBatch?) in
        let compiler = try LiveCompiler.prepare(
          toolchain: toolchain, folders: folders, stateDirectory: options.stateDirectory,
          progress: options.progress)
        let batch = plan.flatMap {
          compiler.startBatch($0, work: options.stateDirectory.appendingPathComponent("work"))
        }
        return (compiler, batch)
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
    if case .success(let prepared)? = live {
      build.live = prepared.0
      build.liveBatch = prepared.1
    }
    build.libraries = try native.get()
    _ = try live?.get()
  }
}
