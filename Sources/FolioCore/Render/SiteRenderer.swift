// Turns parsed chapters and their results into the files of the site.
import Foundation

/// One file of the generated site.
public struct SiteFile: Sendable, Hashable {
  /// The path inside the site folder, with `/` separators, e.g. `01-norms.html` or `assets/folio.css`.
  public var path: String
  /// The bytes to write.
  public var contents: Data

  /// Creates a file.
  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }
}

/// Everything one build hands the renderer.
public struct RenderInput: Sendable {
  /// The book, with its configuration.
  public var book: Book
  /// The parsed chapters, in order.
  public var chapters: [Chapter]
  /// One result set per chapter, same order as `chapters`.
  public var results: [ChapterResults]

  /// Creates the renderer's input.
  public init(book: Book, chapters: [Chapter], results: [ChapterResults]) {
    self.book = book
    self.chapters = chapters
    self.results = results
  }
}

/// What the renderer produces: the site's files, and anything it found wrong on the way
/// (a formula KaTeX cannot parse, say), located in the Markdown.
public struct RenderedSite: Sendable {
  /// Every file of the site, in a deterministic order.
  public var files: [SiteFile]
  /// Problems found while rendering.
  public var diagnostics: [Diagnostic]

  /// Creates a rendered site.
  public init(files: [SiteFile], diagnostics: [Diagnostic] = []) {
    self.files = files
    self.diagnostics = diagnostics
  }
}
