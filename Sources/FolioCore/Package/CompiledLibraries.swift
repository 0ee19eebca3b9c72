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

  /// A digest of what a chapter program is compiled against: every module's interface
  /// (`Modules/*.swiftmodule`), the import flags and the C modules they name. The library is
  /// built one file at a time, so an edit inside a function body leaves every interface
  /// byte-identical: the chapter programs already compiled stay valid (they call into the shared
  /// library) and only run again. Reads the files: computed once per build, by the execute stage.
  func interfaceDigest() -> String {
    let modules = directory.appendingPathComponent("Modules")
    let fm = FileManager.default
    var hasher = FieldHasher()
    hasher.add("folio-interface-v1")
    hasher.add(directory.path)
    hasher.add(importFlags.joined(separator: " "))
    let names = ((try? fm.contentsOfDirectory(atPath: modules.path)) ?? [])
      .filter { $0.hasSuffix(".swiftmodule") }.sorted()
    for name in names {
      hasher.add(name)
      hasher.add(bytes: fm.contents(atPath: modules.appendingPathComponent(name).path) ?? Data())
    }
    // C modules: their module maps and the headers beside them, or in the include folders.
    for flag in importFlags {
      let folder: String
      if flag.hasPrefix("-fmodule-map-file=") {
        folder = (String(flag.dropFirst("-fmodule-map-file=".count)) as NSString).deletingLastPathComponent
      } else if flag.hasPrefix("-I"), flag.count > 2 {
        folder = String(flag.dropFirst(2))
      } else {
        continue
      }
      for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      where name.hasSuffix(".h") || name.hasSuffix(".modulemap") {
        hasher.add(name)
        hasher.add(bytes: fm.contents(atPath: folder + "/" + name) ?? Data())
      }
    }
    return hasher.hex()
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
