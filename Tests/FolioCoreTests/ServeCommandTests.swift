// `folio serve` as a user runs it: the real binary, stopped with Ctrl-C (SIGINT) or SIGTERM.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ServeCommandTests {
  /// A one-chapter book of prose: serving it needs no chapter program.
  private func proseBook() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
    try "# Served\n\nA page with $x^2$ in it.\n".write(
      to: root.appendingPathComponent("chapters/01-served.md"), atomically: true, encoding: .utf8)
    return root
  }

  /// Waits until `file` contains `text`, for up to `seconds`.
  private func wait(for text: String, in file: URL, seconds: Double) -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let log = try? String(contentsOf: file, encoding: .utf8), log.contains(text) { return log }
      usleep(50_000)
    }
    return nil
  }

  /// Waits for `process` to end, for up to `seconds`; false if it is still running.
  private func ended(_ process: Process, within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    return !process.isRunning
  }

  @Test func aFolioWithoutFolioServeBesideItSaysWhereItLooked() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "folio-alone-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let alone = folder.appendingPathComponent("folio")
    try FileManager.default.copyItem(at: FolioBinary.url, to: alone)
    let outputs = folder.appendingPathComponent("outputs")
    let process = try FolioBinary.start(
      ["serve", "--book", folder.path, "--port", "0"], outputs: outputs, executable: alone)
    process.waitUntilExit()
    let run = FolioBinary.finished(process, outputs: outputs)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(
      run.stderr.contains("cannot start \(folder.appendingPathComponent("folio-serve").path)"),
      "\(run.stderr)")
  }

  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalStopsTheServerCleanly(signal: Int32) throws {
    let book = try proseBook()
    let outputs = book.appendingPathComponent("outputs")
    defer { try? FileManager.default.removeItem(at: book) }
    let process = try FolioBinary.start(["serve", "--book", book.path, "--port", "0"], outputs: outputs)
    defer { if process.isRunning { process.terminate() } }
    let stderr = outputs.appendingPathComponent("stderr")
    let log = try #require(
      wait(for: "at http://127.0.0.1:", in: stderr, seconds: 120), "the server never said it was serving")
    // The port it chose is listening.
    let port = try #require(
      log.split(separator: "\n").first { $0.contains("at http://127.0.0.1:") }?
        .split(separator: ":").last?.split(separator: "/").first.flatMap { UInt16($0) })
    #expect(connects(to: port))

    kill(process.processIdentifier, signal)
    #expect(ended(process, within: 10), "the server did not stop")
    let run = FolioBinary.finished(process, outputs: outputs)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.errorLines.contains("stopping"))
    #expect(!run.stderr.contains("error"), "\(run.stderr)")
    #expect(!connects(to: port))
  }

  /// Whether a TCP connection to 127.0.0.1:`port` is accepted.
  private func connects(to port: UInt16) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}
