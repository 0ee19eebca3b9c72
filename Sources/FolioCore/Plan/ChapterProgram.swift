// Plan stage output: the Swift sources one chapter compiles to.
import Foundation

/// The program that runs a chapter's cells in order, plus the lone sources of its
/// `compile-fail` cells. Plain text, so the planner is testable without a compiler.
public struct ChapterProgram: Sendable, Hashable {
  /// The chapter file, e.g. `chapters/01-norms.md`.
  public var chapterPath: String
  /// `main.swift`: every runnable cell in order, each behind a `#sourceLocation` into the Markdown.
  public var main: String
  /// For each `compile-fail` cell (by cell index), the source compiled alone.
  public var compileFailSources: [Int: String]
  /// The indices of the cells that run, in order.
  public var runnableCells: [Int]

  /// Creates a program.
  public init(chapterPath: String, main: String, compileFailSources: [Int: String], runnableCells: [Int]) {
    self.chapterPath = chapterPath
    self.main = main
    self.compileFailSources = compileFailSources
    self.runnableCells = runnableCells
  }
}
