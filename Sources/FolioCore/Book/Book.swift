// The book as loaded from disk: its configuration and its chapter files, in order.
import Foundation

/// A book: a directory with `chapters/*.md` and an optional `book.yml`.
public struct Book: Sendable {
  /// The book directory.
  public var root: URL
  /// The settings from `book.yml` (defaults when there is none).
  public var config: BookConfig
  /// The chapter files, in file-name order.
  public var chapters: [ChapterFile]

  /// Creates a book from parts already loaded.
  public init(root: URL, config: BookConfig, chapters: [ChapterFile]) {
    self.root = root
    self.config = config
    self.chapters = chapters
  }
}

/// One Markdown file of the book, as bytes read from disk.
public struct ChapterFile: Sendable, Hashable {
  /// Path relative to the book root, e.g. `chapters/01-norms.md`: what diagnostics print.
  public var path: String
  /// The page name without extension, e.g. `01-norms`; the page is `<slug>.html`.
  public var slug: String
  /// The file's text (validated UTF-8).
  public var text: String

  /// Creates a chapter file.
  public init(path: String, slug: String, text: String) {
    self.path = path
    self.slug = slug
    self.text = text
  }

  /// The name of the chapter's page in the site, e.g. `01-norms.html`.
  public var pageName: String { slug + ".html" }
}
