// The Content-Type of a site file, from its extension.

/// Maps file extensions to the media types the site uses.
public enum ContentType {
  /// The media type for a file name; `application/octet-stream` for anything unknown.
  public static func forFile(named name: String) -> String {
    let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
    return types[ext] ?? "application/octet-stream"
  }

  private static let types: [String: String] = [
    "html": "text/html; charset=utf-8",
    "htm": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "mjs": "text/javascript; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "txt": "text/plain; charset=utf-8",
    "xml": "application/xml",
  ]
}
