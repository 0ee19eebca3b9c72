// Turns a request path into a file inside the site folder, refusing anything that would leave it.
import Foundation

/// Resolves request paths against the site folder.
///
/// A path is refused when, after percent-decoding, any component is `..`, it holds a NUL
/// or backslash, or the file it names (symbolic links followed) is not inside the site folder.
/// Directories resolve to their `index.html`.
public struct SitePath: Sendable {
  /// The site folder, symbolic links resolved.
  public let root: URL

  /// Creates a resolver for `root`.
  public init(root: URL) {
    self.root = root.standardizedFileURL.resolvingSymlinksInPath()
  }

  /// What a request path resolves to.
  public enum Resolution: Sendable, Equatable {
    /// A regular file inside the site folder.
    case file(URL)
    /// A path that tries to leave the site folder (or is malformed).
    case refused
    /// A well-formed path that names no file.
    case missing
  }

  /// What `requestPath` names.
  public func resolve(_ requestPath: String) -> Resolution {
    let withoutQuery =
      requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
      .map(String.init) ?? ""
    guard let decoded = withoutQuery.removingPercentEncoding,
      !decoded.contains("\0"), !decoded.contains("\\")
    else { return .refused }
    let components = decoded.split(separator: "/").map(String.init)
    if components.contains("..") { return .refused }
    var url = root
    for component in components where component != "." {
      url.appendPathComponent(component)
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      url.appendPathComponent("index.html")
    }
    let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
    guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else { return .missing }
    guard resolved.path.hasPrefix(root.path + "/") else { return .refused }
    return .file(resolved)
  }
}
