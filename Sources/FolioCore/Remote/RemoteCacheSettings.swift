// Which remote cache a build uses, and how: from the command line, the environment or `book.yml`.
import Foundation

/// The remote cache a build talks to: its base URL (without credentials), the credentials apart,
/// whether it may be written, and how long a request may take.
public struct RemoteCacheSettings: Sendable, Hashable {
  /// The base URL, credentials removed: `<base>/ac/<key>` and `<base>/cas/<sha256>`.
  public var base: URL
  /// `Authorization: Basic …` for a URL that carried a user and password.
  var authorization: String?
  /// Only GET, never PUT.
  public var readOnly: Bool
  /// Seconds any one request may take.
  public var timeout: Double

  /// Seconds per request when nothing says otherwise: a dead server costs one of these per build.
  public static let defaultTimeout = 5.0

  /// Settings for `url`; the URL must be `http` or `https`. A user and password in it become a
  /// basic-authorization header and are never shown.
  public init(url text: String, readOnly: Bool, timeout: Double = defaultTimeout) throws(FolioError) {
    guard var parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
      scheme == "http" || scheme == "https", parts.host?.isEmpty == false
    else {
      // Not echoed: the text may hold a password.
      throw FolioError(.input, "the remote cache URL is not an http or https URL with a host")
    }
    if let user = parts.user {
      let credentials =
        "\(user.removingPercentEncoding ?? user):\(parts.password?.removingPercentEncoding ?? "")"
      authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
    }
    parts.user = nil
    parts.password = nil
    while parts.path.hasSuffix("/") { parts.path.removeLast() }
    guard let base = parts.url else {
      throw FolioError(.input, "the remote cache URL is not an http or https URL with a host")
    }
    self.base = base
    self.readOnly = readOnly
    self.timeout = timeout > 0 ? timeout : Self.defaultTimeout
  }

  /// The cache as warnings name it: scheme, host, port and path; never credentials or a query.
  public var displayName: String {
    var parts = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
    parts.query = nil
    parts.fragment = nil
    return parts.string ?? base.host ?? "remote cache"
  }

  /// The remote cache a build with `options` uses for a book with `config`, if any. The URL
  /// comes from the options (command line, then environment) or else from `book.yml`;
  /// `book.yml`'s `read-only:` goes with `book.yml`'s URL only, so CI can name a writable
  /// cache (with credentials) in `FOLIO_CACHE_URL` for a book whose authors only read.
  static func resolve(_ options: BuildOptions, config: BookConfig?) throws(FolioError) -> RemoteCacheSettings?
  {
    guard options.useCache else { return nil }
    let timeout = options.cacheTimeout ?? config?.cache?.timeout ?? defaultTimeout
    if let url = options.cacheURL {
      if url.isEmpty { return nil }
      return try RemoteCacheSettings(url: url, readOnly: options.cacheReadOnly, timeout: timeout)
    }
    guard let cache = config?.cache, let url = cache.url, !url.isEmpty else { return nil }
    do {
      return try RemoteCacheSettings(
        url: url, readOnly: options.cacheReadOnly || cache.readOnly, timeout: timeout)
    } catch {
      throw FolioError(
        .input, at: SourceLocation(file: BookLoader.configName),
        "cache: url: is not an http or https URL with a host")
    }
  }
}
