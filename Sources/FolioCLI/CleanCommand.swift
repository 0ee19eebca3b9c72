// `folio clean`: empty the caches.
import ArgumentParser
import FolioCore
import Foundation

/// Removes the book's cache and scratch files.
struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean", abstract: "Empty the book's cache (cached results, compiled chapter programs).")

  @OptionGroup var book: BookOptions

  func run() throws {
    let state = book.bookURL.appendingPathComponent(".build/folio")
    do {
      if FileManager.default.fileExists(atPath: state.path) { try FileManager.default.removeItem(at: state) }
    } catch {
      Console.error("error: cannot remove \(state.path): \(error.localizedDescription)")
      throw ExitCode(2)
    }
    Console.error("removed \(state.path)")
  }
}
