// `folio init`: a first book for the package in a folder, ready to build.
import Foundation

/// Writes a new book for a Swift package: `book.yml` naming its library products and a first
/// chapter whose cell imports one of them, as `mdbook init` starts a book.
public enum BookScaffold {
  /// What `create` wrote, relative to the folder.
  public struct Created: Sendable, Hashable {
    /// The files written, in order.
    public var files: [String]
    /// The library products the book lists.
    public var products: [String]
  }

  /// Creates the book in `folder`, which must hold a `Package.swift` with at least one library
  /// product; never overwrites an existing `book.yml` or `chapters/`.
  public static func create(in folder: URL) throws(FolioError) -> Created {
    let fm = FileManager.default
    guard fm.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) else {
      throw FolioError(
        .input,
        "\(folder.path) has no Package.swift: run `folio init` in the folder of the package the book documents"
      )
    }
    for existing in [BookLoader.configName, "chapters"]
    where fm.fileExists(atPath: folder.appendingPathComponent(existing).path) {
      throw FolioError(
        .input, at: SourceLocation(file: existing), "already exists; `folio init` starts a new book only")
    }
    let options = BuildOptions(book: folder)
    let toolchain = try Toolchain.locate(stateDirectory: options.stateDirectory)
    let manifest = try BookPackage.describe(
      folder, toolchain: toolchain, cache: BookPackage.buildRoot(options, root: folder))
    let products = manifest.libraryProducts
    guard let first = manifest.products.first(where: { $0.isLibrary }), let module = first.targets.first
    else {
      throw FolioError(
        .input, at: SourceLocation(file: "Package.swift"), "the package has no library product to document")
    }
    let config = """
      title: \(manifest.name)
      # The package the cells import, and the library products they may use.
      package: .
      products: [\(products.joined(separator: ", "))]
      timeout: 60

      """
    let chapter = """
      # Getting started with \(manifest.name)

      Every `swift` block in a chapter is compiled and run when the book is built, against the
      package's \(products.count == 1 ? "library" : "libraries") (\(products.joined(separator: ", "))); the page shows the code and
      what it printed. Later blocks in a chapter see what earlier ones declared.

      ```swift
      import \(module)

      print("Hello from \(module)")
      ```

      Run `folio build` to write the book to `site/`, `folio serve` to preview it while you edit,
      and `folio check` in CI to prove every example still runs and prints what the page says.

      """
    let written = [(BookLoader.configName, config), ("chapters/01-getting-started.md", chapter)]
    for (path, text) in written {
      let url = folder.appendingPathComponent(path)
      do {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .withoutOverwriting)
      } catch {
        throw FolioError(.environment, at: SourceLocation(file: path), "cannot write", underlying: "\(error)")
      }
    }
    return Created(files: written.map(\.0), products: products)
  }
}
