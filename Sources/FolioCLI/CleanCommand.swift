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
    let state = BuildOptions(book: book.bookURL).stateDirectory
    try Console.run { () throws(FolioError) in
      do {
        if FileManager.default.fileExists(atPath: state.path) {
          try FileManager.default.removeItem(at: state)
        }
      } catch {
        throw FolioError(.environment, "cannot remove \(state.path)", underlying: error.localizedDescription)
      }
    }
    Console.error("removed \(state.path)")
  }
}
