// `cache:` in `book.yml`: the remote results cache a book's builds share.
import Foundation

/// The book's remote cache, as `book.yml` names it:
///
/// ```yaml
/// cache:
///   url: https://cache.example.org/folio   # a Bazel HTTP cache (bazel-remote, nginx WebDAV, …)
///   read-only: true                        # authors read what CI wrote (default: false)
///   timeout: 5                             # seconds per request (default: 5)
/// ```
///
/// `--cache-url` and `FOLIO_CACHE_URL` name another cache for one build; `read-only:` belongs to
/// the URL written here and does not carry over to theirs.
public struct CacheConfig: Sendable, Hashable, Codable {
  /// The cache's base URL: entries live under `<url>/ac/` and `<url>/cas/`.
  public var url: String?
  /// Whether builds only read from it (GET), never write to it (PUT).
  public var readOnly: Bool
  /// Seconds any one request may take before the remote cache is given up for the build.
  public var timeout: Double?

  /// Creates a cache setting.
  public init(url: String? = nil, readOnly: Bool = false, timeout: Double? = nil) {
    self.url = url
    self.readOnly = readOnly
    self.timeout = timeout
  }

  enum CodingKeys: String, CodingKey {
    case url
    case readOnly = "read-only"
    case timeout
  }

  /// Decodes, with `read-only` false when missing.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    url = try c.decodeIfPresent(String.self, forKey: .url)
    readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly) ?? false
    timeout = try c.decodeIfPresent(Double.self, forKey: .timeout)
  }
}
