// The live preview end to end: a real build of a small book, served on a loopback port, edited.
import Foundation
import Testing

@testable import FolioServer

/// Starts the preview on a free port over a temporary prose-only book (no cells, so no chapter
/// program is compiled), and drives it over raw sockets.
@Suite(.serialized) struct PreviewServerTests {
  /// Writes a book with one chapter whose body says `sentence`.
  static func makeBook(sentence: String) throws -> URL {
    let book = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
    try "title: Serve Test\nlanguage: en\n".write(
      to: book.appendingPathComponent("book.yml"), atomically: true, encoding: .utf8)
    try writeChapter(book, sentence: sentence)
    return book
  }

  static func writeChapter(_ book: URL, sentence: String) throws {
    try "# Intro\n\n\(sentence)\n".write(
      to: book.appendingPathComponent("chapters/01-intro.md"), atomically: true, encoding: .utf8)
  }

  /// Polls `condition` every 50 ms for up to `seconds`.
  static func eventually(_ seconds: Double = 60, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return false
  }

  @Test func servesRebuildsReloadsAndShowsFailures() async throws {
    let book = try Self.makeBook(sentence: "The first sentence.")
    defer { try? FileManager.default.removeItem(at: book) }
    var configuration = PreviewServer.Configuration.book(book, port: 0)
    configuration.pollInterval = .milliseconds(100)
    let server = try PreviewServer(configuration)
    let running = Task { try await server.run() }

    let ready = await Self.eventually {
      guard await server.port != nil else { return false }
      return await server.hub.generation >= 1
    }
    #expect(ready)
    let port = try #require(await server.port)
    let firstOutcome = try #require(await server.hub.outcome)
    #expect(firstOutcome.succeeded, "\(firstOutcome.diagnostics)")

    // The page is served with the reload script; the file on disk has none.
    let page = try LoopbackClient.get("/01-intro.html", port: port)
    #expect(page.status == 200)
    #expect(page.headers.lowercased().contains("content-type: text/html"))
    #expect(page.body.contains("The first sentence."))
    #expect(page.body.contains("folio-live-reload"))
    let onDisk = try String(contentsOf: book.appendingPathComponent("site/01-intro.html"), encoding: .utf8)
    #expect(onDisk.contains("The first sentence."))
    #expect(!onDisk.contains("folio-live-reload"))

    // A page listening for events sees the rebuild the edit causes, then the new text is served.
    let events = try LoopbackClient(port: port)
    try events.sendGet(PageInjector.eventsPath)
    #expect(try events.read(until: "event: hello\ndata: 1\n").contains("text/event-stream"))
    try Self.writeChapter(book, sentence: "The edited sentence.")
    #expect(try events.read(until: "event: reload\ndata: 2\n").contains("event: building"))
    let edited = try LoopbackClient.get("/01-intro.html", port: port)
    #expect(edited.body.contains("The edited sentence."))
    #expect(!edited.body.contains("The first sentence."))
    #expect(!edited.body.contains("folio-error-overlay"))

    // A broken config fails the rebuild: the server stays up and the page carries the overlay.
    try "title: [unclosed\n".write(
      to: book.appendingPathComponent("book.yml"), atomically: true, encoding: .utf8)
    _ = try events.read(until: "event: reload\ndata: 3\n")
    let failed = try #require(await server.hub.outcome)
    #expect(!failed.succeeded)
    let overlaid = try LoopbackClient.get("/01-intro.html", port: port)
    #expect(overlaid.status == 200)
    #expect(overlaid.body.contains("folio-error-overlay"))
    #expect(overlaid.body.contains("The edited sentence."))

    // Fixing it clears the overlay.
    try "title: Serve Test\n".write(
      to: book.appendingPathComponent("book.yml"), atomically: true, encoding: .utf8)
    _ = try events.read(until: "event: reload\ndata: 4\n")
    #expect(!(try LoopbackClient.get("/01-intro.html", port: port)).body.contains("folio-error-overlay"))

    // Paths that try to leave the site are refused; nothing outside it is ever sent.
    let secret = book.appendingPathComponent("secret.txt")
    try "top secret".write(to: secret, atomically: true, encoding: .utf8)
    for path in [
      "/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt",
    ] {
      let response = try LoopbackClient.get(path, port: port)
      #expect([403, 404].contains(response.status), "\(path): \(response.status)")
      #expect(!response.body.contains("top secret"), "\(path)")
    }

    await server.stop()
    try await running.value
    #expect(throws: (any Error).self) { try LoopbackClient.get("/", port: port) }
  }
}
