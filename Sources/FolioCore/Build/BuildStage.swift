// What a stage of the pipeline is: a name, and one entry point over the build context.
import Foundation

/// The stages of a build, in the order `Pipeline.stages` runs them.
public enum StageName: String, Sendable, Hashable, CaseIterable, Codable {
  /// Takes stock: toolchain, libraries key, and whether anything changed since the last build.
  case prepare
  /// Reads `book.yml` and the chapter files.
  case load
  /// Parses chapters with cmark-gfm: cells, outputs, headings, each with its identity.
  case parse
  /// Finds the chapters whose results are cached.
  case lookup
  /// Builds the book's package, and the libraries for live cells, when later stages need them.
  case libraries
  /// Reads the documented modules' symbol graphs; resolves symbol links; checks doc comments.
  case reference
  /// Plans, compiles and runs the other chapters' programs.
  case execute
  /// Verifies every promise the book makes.
  case check
  /// Turns chapters and results into the site's files.
  case render
  /// Writes the site in one atomic swap, and records a clean build.
  case write

  /// Whether the stage's work is about the whole book (API reference and symbol links, pages,
  /// the site) rather than one chapter at a time: a shard leaves it to the merge.
  public var wholeBook: Bool { self == .reference || self == .render || self == .write }
}

/// One stage: reads what earlier stages left in the context and adds its own part.
///
/// Errors are the book's or the machine's (`FolioError`); the pipeline names the stage they
/// came from. Failed cells and broken promises are not errors: they are findings in the context.
protocol BuildStage: Sendable {
  /// The stage's name, for timings, progress and errors.
  var name: StageName { get }
  /// Does the stage's work on `build`.
  func run(_ build: inout BuildContext) throws(FolioError)
}

/// A stage that works on a thread of its own alongside an earlier stage (render pages while
/// chapters still run), and ends where the pipeline lists it.
protocol ConcurrentStage: BuildStage {
  /// What the stage's thread hands back when it ends.
  associatedtype Work: Sendable
  /// The stage it starts with.
  var startsWith: StageName { get }
  /// Starts the work on a thread, from the context as it is when `startsWith` begins.
  func start(_ build: BuildContext) -> Parallel.Spawned<Work>
  /// Waits for the work and puts its outcome into the context.
  func finish(_ work: Parallel.Spawned<Work>, into build: inout BuildContext) throws(FolioError)
}

extension ConcurrentStage {
  /// Run alone (not alongside its partner, as in a test), the stage starts and finishes at once.
  func run(_ build: inout BuildContext) throws(FolioError) {
    build.feed.close()
    try finish(start(build), into: &build)
  }
}
