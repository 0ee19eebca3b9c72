// Plan stage output: the Swift sources one chapter compiles to.
import Foundation

/// The programs that run a chapter's cells in order, plus the lone sources of its
/// `compile-fail` cells. Plain text, so the planner is testable without a compiler.
///
/// A chapter is one program unless a cell says `fresh`: each such cell starts another. A
/// program's source is assembled from its cells' bodies, so the executor can also compile just
/// the cells before one that does not compile, and show their output.
public struct ChapterProgram: Sendable, Hashable {
  /// The cells of one program, in order.
  public struct Segment: Sendable, Hashable {
    /// The indices of the cells, in order.
    public var cells: [Int]
  }

  /// The chapter file, e.g. `chapters/01-norms.md`.
  public var chapterPath: String
  /// The programs, in order; each runs on its own.
  public var segments: [Segment]
  /// For each runnable cell (by cell index), its part of `main.swift`: the cell's hooks around
  /// its code, behind a `#sourceLocation` into the Markdown.
  public var bodies: [Int: String]
  /// For each `compile-fail` cell (by cell index), the source compiled alone.
  public var compileFailSources: [Int: String]

  /// Creates a program.
  public init(
    chapterPath: String, segments: [Segment], bodies: [Int: String], compileFailSources: [Int: String]
  ) {
    self.chapterPath = chapterPath
    self.segments = segments
    self.bodies = bodies
    self.compileFailSources = compileFailSources
  }

  /// The indices of the cells that run, in order.
  public var runnableCells: [Int] { segments.flatMap(\.cells) }

  /// `main.swift` of a program made of `cells` (a segment, or the start of one).
  public func source<C: Collection<Int>>(of cells: C) -> String {
    ProgramPlanner.prelude + cells.map { bodies[$0] ?? "" }.joined() + ProgramPlanner.finish
  }

  /// `main.swift` of the whole chapter when it is one program (what most tests read).
  public var main: String { source(of: runnableCells) }
}
