// The one value the stages of a build read and fill in, in pipeline order.
import Foundation

/// Everything a build knows so far. Each stage reads what earlier stages left and adds its part;
/// nothing is recomputed downstream.
public struct BuildContext: Sendable {
  /// What the build was asked to do.
  public var options: BuildOptions

  // prepare
  /// The compiler the chapter programs are built with.
  var toolchain: Toolchain?
  /// The package the chapters import, and how it is built.
  public var package: BookPackage?
  /// The package's key (toolchain, its sources, the runtime's): part of every results key.
  var libraryKey = ""
  /// The digest of every input, for the up-to-date stamp (nil when the book cannot be read yet).
  var inputsDigest: String?
  /// Set when nothing changed since the last clean build: the pipeline stops after `prepare`.
  var upToDate: BuildStamp?
  /// The remote cache (results, API symbols), when the build uses one.
  var remoteCache: RemoteCache?

  // load, parse
  /// `book.yml`, as the prepare stage read it.
  var config: BookConfig?
  /// The book as loaded.
  public var book: Book?
  /// The parsed chapters, in order.
  public var chapters: [Chapter] = []

  // libraries
  /// The book's package as built, when a later stage needs it.
  var libraries: CompiledLibraries?
  /// The libraries compiled for live cells, when a chapter to run has any.
  var live: LiveCompiler?
  /// The book's live cells compiling as one module, started as soon as the Embedded libraries
  /// were ready (while SwiftPM still builds the package); the execute stage links from it.
  var liveBatch: LiveBatch?

  // reference
  /// The API reference read from the symbols an earlier build of these libraries left, on a
  /// thread the prepare stage starts (nil inside: there was no such copy).
  var referenceLoad: Parallel.Spawned<APIReference?>?
  /// The documented modules' API, as the site lays it out (nil when the book documents none).
  public var reference: APIReference?
  /// Public declarations without a doc comment, at their source line.
  var referenceDiagnostics: [Diagnostic] = []

  // lookup, execute
  /// One result set per chapter, once known.
  public var results: [ChapterResults?] = []
  /// For results read from a cache entry, the entry's digest (`ResultsCache.entryDigest`): the
  /// render stage keeps pages by it.
  var resultDigests: [String?] = []
  /// Each chapter's results key.
  var keys: [String] = []
  /// Chapters whose results came from the cache (either level).
  public var cachedChapters = 0
  /// Of those, chapters whose results came from the remote cache.
  public var remoteChapters = 0
  /// Chapters whose programs this build compiled and ran.
  public var executedChapters = 0
  /// Whether live cells ran without their WebAssembly (`BuildOptions.liveLater`).
  var liveDeferred = false
  /// The limits chapter programs run under.
  var limits = ExecutionLimits()
  /// Chapters handed from execute to render as they finish.
  let feed = ResultFeed()

  // check, render, write
  /// Every broken promise and problem found, located in the book.
  public var findings = Findings()
  /// The rendered site.
  public var site: RenderedSite?
  /// What writing the site did.
  public var written: SiteWriter.Summary?

  /// Seconds per stage.
  public var timings: [StageName: Double] = [:]

  /// A context for a build with these options.
  public init(options: BuildOptions) {
    self.options = options
  }

  /// The modules whose API the book documents (API pages, symbol links, linked code): the
  /// book's products. The one place that names them.
  var documentedModules: [String] { package?.documentedModules ?? [] }

  /// Whether this build runs and checks `chapter`: every chapter, or a shard's own.
  func selects(_ chapter: Chapter) -> Bool { options.shard?.contains(chapter.file.path) ?? true }

  /// The chapters this build still has to run, by index: those without results (after lookup,
  /// the ones no cache had), of the shard when the build is one.
  var pendingChapters: [Int] { results.indices.filter { results[$0] == nil && selects(chapters[$0]) } }

  /// The limits from the command line or the book.
  var timeout: Double { options.timeout ?? book?.config.timeout ?? ExecutionLimits().timeout }
}

/// What the check stage (and rendering) found: located problems and per-cell verdicts.
public struct Findings: Sendable, Hashable {
  /// Every error, warning and note, located in the book.
  public var diagnostics: [Diagnostic] = []
  /// Runnable cells that ran as declared and printed what their page says.
  public var passed = 0
  /// Runnable cells that did not.
  public var failed = 0
  /// The cells' verdicts per chapter checked, by the chapter's path.
  public var chapters: [String: Tally] = [:]

  /// How many of a chapter's runnable cells passed and failed.
  public struct Tally: Sendable, Hashable, Codable {
    /// Cells that ran as declared and printed what their page says.
    public var passed: Int
    /// Cells that did not.
    public var failed: Int
  }

  /// Creates empty findings.
  public init() {}

  /// Whether any finding is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
