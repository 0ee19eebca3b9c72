// The Swift compiler the chapter programs are built with, and what identifies it in cache keys.
import Foundation

/// The `swiftc` on the PATH and its version text.
public struct Toolchain: Sendable, Hashable {
  /// Absolute path of `swiftc`.
  public var swiftc: String
  /// `swiftc --version`'s output: part of every cache key.
  public var version: String

  /// Finds `swiftc` on the PATH. Its version is read once per compiler binary and remembered in
  /// `stateDirectory`, so a rebuild with nothing to compile starts no process.
  public static func locate(stateDirectory: URL) throws(FolioError) -> Toolchain {
    guard let found = ProcessRunner.which("swiftc") else {
      throw FolioError(.environment, "swiftc is not on the PATH: install Swift 6 (https://swift.org/install)")
    }
    let resolved = URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    let status = FileStatus.of(resolved)
    let stamp = "\(resolved)|\(status?.size ?? 0)|\(status?.modified ?? 0)"
    let digest = FieldHasher.hex(SHA256.hash(data: Data(stamp.utf8)))
    let remembered = stateDirectory.appendingPathComponent("toolchain-\(digest.prefix(16)).txt")
    if let version = try? String(contentsOf: remembered, encoding: .utf8), !version.isEmpty {
      return Toolchain(swiftc: found, version: version)
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-version-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outcome = try ProcessRunner.run(found, ["--version"], stdout: scratch, stderr: scratch, timeout: 60)
    let version = (try? String(contentsOf: scratch, encoding: .utf8)) ?? ""
    guard outcome.succeeded, !version.isEmpty else {
      throw FolioError(.environment, "\(found) --version failed (\(outcome.summary))")
    }
    try? FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
    try? version.write(to: remembered, atomically: true, encoding: .utf8)
    return Toolchain(swiftc: found, version: version)
  }
}
