// Where Folio's runtime (FolioProtocol, FolioRuntime, FolioPlot) is, found from the `folio`
// executable itself: installed beside it, or in the checkout it was built in.
import Foundation

/// The sources of the modules every chapter program links whatever its book: the cell hooks and
/// display channel (FolioRuntime), the wire format (FolioProtocol) and plots (FolioPlot).
///
/// They travel with `folio`: `make install` puts them in `PREFIX/share/folio/Sources`, beside
/// `PREFIX/bin/folio`; a `folio` run from its build folder finds them in the checkout's
/// `Sources`. Never found through the path this file was compiled at.
enum RuntimeSources {
  /// The runtime's modules, in dependency order.
  static let modules = ["FolioProtocol", "FolioRuntime", "FolioPlot"]

  /// The folder holding one subfolder per runtime module.
  static func locate(executable: URL = URL(fileURLWithPath: "/proc/self/exe")) throws(FolioError) -> URL {
    let binary = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    var candidates = [binary.appendingPathComponent("../share/folio/Sources").standardizedFileURL]
    // A build folder: <checkout>/.build/<triple>/<configuration>/folio.
    var folder = binary
    for _ in 0..<5 {
      folder = folder.deletingLastPathComponent()
      candidates.append(folder.appendingPathComponent("Sources"))
    }
    for candidate in candidates
    where modules.allSatisfy({
      FileManager.default.fileExists(atPath: candidate.appendingPathComponent($0).path)
    }) {
      return candidate
    }
    throw FolioError(
      .environment,
      "cannot find Folio's runtime sources beside \(binary.path) (looked in ../share/folio/Sources and the checkout "
        + "it was built in); install folio with `make install PREFIX=…`")
  }

  /// The manifest of the runtime as a package of its own, for books whose package does not
  /// contain it.
  static let manifest = """
    // swift-tools-version: 6.0
    // Folio's runtime, linked into every chapter program; written by folio.
    import PackageDescription

    let package = Package(
      name: "FolioRuntime",
      products: [
        .library(name: "FolioRuntime", targets: ["FolioRuntime"]),
        .library(name: "FolioPlot", targets: ["FolioPlot"]),
      ],
      targets: [
        .target(name: "FolioProtocol"),
        .target(name: "FolioRuntime", dependencies: ["FolioProtocol"]),
        .target(name: "FolioPlot", dependencies: ["FolioRuntime"]),
      ],
      swiftLanguageModes: [.v6]
    )

    """
}
