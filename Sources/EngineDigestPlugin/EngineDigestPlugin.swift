// Build-tool plugin: gives FolioCore a digest of the engine code that decides what a chapter
// program is and how its run becomes results, so cached results never outlive that code.
import Foundation
import PackagePlugin

/// Generates `EngineDigest.swift` for FolioCore from the files that can change a chapter's results.
@main
struct EngineDigestPlugin: BuildToolPlugin {
  /// The folders, relative to `Sources/`, whose code turns cells into results: the planner, the
  /// executor and transcript, the results cache, and the wire format the runtime shares. (The
  /// runtime and the libraries are in the libraries' own key.)
  static let folders = [
    "FolioCore/Plan", "FolioCore/Execute", "FolioCore/Live", "FolioCore/Cache", "FolioProtocol",
  ]

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let sources = context.package.directoryURL.appending(path: "Sources")
    var inputs: [URL] = []
    for folder in Self.folders {
      let root = sources.appending(path: folder)
      let files =
        FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
      inputs += files
    }
    inputs.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "EngineDigest.swift")
    return [
      .buildCommand(
        displayName: "Computing the engine digest",
        executable: try context.tool(named: "folio-engine-digest").url,
        arguments: [output.path, sources.path] + inputs.map(\.path), inputFiles: inputs, outputFiles: [output]
      )
    ]
  }
}
