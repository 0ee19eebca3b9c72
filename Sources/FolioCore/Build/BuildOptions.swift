// What a build is asked to do.
import Foundation

/// The options of `folio build` (and of the build `folio check` runs).
public struct BuildOptions: Sendable {
  /// The book directory.
  public var book: URL
  /// Where the site goes; nil for `<book>/site`.
  public var output: URL?
  /// Chapter programs compiled and run at once.
  public var jobs: Int
  /// Seconds per chapter program; nil for the book's setting.
  public var timeout: Double?
  /// Whether cached results may be used.
  public var useCache: Bool
  /// Whether to write the site (check compares instead).
  public var writeSite: Bool
  /// Whether a build whose inputs and site are as the last clean build left them may stop at
  /// once, with a report that holds no chapters (`folio build`); `folio check` needs them.
  public var stopWhenUpToDate = true
  /// The package cells import, overriding `book.yml` (`--package`).
  public var package: URL?
  /// The products cells may import, overriding `book.yml`.
  public var products: [String]?
  /// Where the package is built, instead of the book's `.build/folio/package` (tests share one).
  public var packageBuildDirectory: URL?
  /// Only this shard's chapters are run and checked (`folio check --shard I/N`); the stages that
  /// work on the whole book (reference, render, write) are left to the merge. Nil: every chapter.
  public var shard: Shard?
  /// Results already known, by results key (the merge's, from the shards' reports): every
  /// chapter's results come from here, and a chapter they do not hold is an error, never run.
  /// Nil: results come from the cache or from running the chapter.
  public var knownResults: [String: ChapterResults]?
  /// The remote cache to use, from `--cache-url` or `FOLIO_CACHE_URL`; wins over `book.yml`'s
  /// `cache:`, and an empty string turns that off. Nil: `book.yml` decides.
  public var cacheURL: String?
  /// Whether the remote cache is only read, never written (`--cache-read-only`).
  public var cacheReadOnly = false
  /// Seconds a remote cache request may take; nil: `book.yml`'s, else 5.
  public var cacheTimeout: Double?
  /// Whether live cells' WebAssembly is left for a following build (`folio serve` shows the
  /// chapters' native runs first): their cells show the build's output without sliders, their
  /// chapters' results are not cached, and the build is not recorded as clean.
  public var liveLater = false
  /// The engine digest the results keys carry (tests change it to stand for a new Folio).
  var engineDigest = EngineDigest.value
  /// Called with one line of progress at a time.
  public var progress: @Sendable (String) -> Void

  /// Creates options with the defaults of `folio build`.
  public init(
    book: URL, output: URL? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
    timeout: Double? = nil, useCache: Bool = true, writeSite: Bool = true,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.book = book
    self.output = output
    self.jobs = max(1, jobs)
    self.timeout = timeout
    self.useCache = useCache
    self.writeSite = writeSite
    self.progress = progress
  }

  /// The site folder.
  public var siteDirectory: URL { output ?? book.appendingPathComponent("site") }
  /// Where this book's cache and scratch files live.
  public var stateDirectory: URL { book.appendingPathComponent(".build/folio") }
}
