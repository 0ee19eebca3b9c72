// `folio init`: start a book for the package in this folder.
import ArgumentParser
import FolioCore
import Foundation

/// Writes `book.yml` and a first chapter for the Swift package in the book folder.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Start a book for the Swift package in this folder (book.yml and a first chapter).")

  @OptionGroup var book: BookOptions

  func run() throws {
    try Console.run { () throws(FolioError) in
      let created = try BookScaffold.create(in: book.bookURL)
      for file in created.files { Console.error("created \(file)") }
      Console.error(
        "the book's cells may import \(created.products.joined(separator: ", ")); next: folio build --book \(book.book)"
      )
    }
  }
}
