// The built library a chapter program links: SwiftPM's release folder for the book's package.
import Foundation

/// The shared library (`libFolioCells.so`) and module files chapter programs are compiled and
/// linked against.
public struct CompiledLibraries: Sendable, Hashable {
  /// SwiftPM's configuration folder: the library, and `Modules/` with every module's interface.
  public var directory: URL
  /// The key of what it was built from: part of every results key.
  public var key: String
  /// The compiler's symbol graphs of every module built (`<Module>.symbols.json`, and
  /// `<Module>@<Other>.symbols.json` for its extensions of other modules' types): the API pages'
  /// source.
  public var symbolGraphs: URL
  /// Clang flags that find the C modules the package's Swift modules import (a dependency's
  /// shims, say), as SwiftPM passed them when it compiled FolioCells.
  public var importFlags: [String]

  /// Creates the description of a built library.
  public init(directory: URL, key: String, symbolGraphs: URL, importFlags: [String] = []) {
    self.directory = directory
    self.symbolGraphs = symbolGraphs
    self.key = key
    self.importFlags = importFlags
  }

  /// The shared library itself.
  var library: URL { directory.appendingPathComponent("lib\(BookPackage.libraryName).so") }

  /// Flags for `swiftc` to find the modules and link the library (found again at run time
  /// through its rpath).
  public var linkFlags: [String] { Self.flags(directory) + importFlags }

  /// The flags for a library folder at `directory` (a placeholder, in a compiler plan).
  static func flags(_ directory: URL) -> [String] {
    [
      "-I", directory.appendingPathComponent("Modules").path, "-L", directory.path,
      "-l\(BookPackage.libraryName)", "-Xlinker", "-rpath", "-Xlinker", directory.path,
    ]
  }
}
