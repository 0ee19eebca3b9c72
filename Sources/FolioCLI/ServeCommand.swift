// `folio serve`: live preview on localhost.
import ArgumentParser
import Dispatch
import FolioCore
import FolioServer
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Builds, serves the site on 127.0.0.1, rebuilds on change and reloads open pages.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Build, serve the site on 127.0.0.1 and rebuild and reload on every change.",
    discussion: """
      Watches chapters/, book.yml and the MLMath, FolioRuntime and FolioPlot sources. Pages reload \
      by themselves after each rebuild; a failed rebuild shows its errors over the page. The site \
      files on disk are exactly what `folio build` writes. Ctrl-C stops the server.
      """)

  @OptionGroup var book: BookOptions

  @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
  var port: Int = 8000

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  func run() throws {
    var started: PreviewServer?
    try Console.run { () throws(FolioError) in
      do {
        started = try PreviewServer(
          .book(book.bookURL, port: UInt16(port), log: Console.progress, options: book.options()))
      } catch {
        throw FolioError(.environment, "cannot listen on 127.0.0.1:\(port)", underlying: "\(error)")
      }
    }
    guard let server = started else { return }
    let done = DispatchSemaphore(value: 0)
    let failure = FailureBox()
    let task = Task {
      do { try await server.run() } catch { failure.set("\(error)") }
      done.signal()
    }
    var sources: [DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        Console.error("stopping")
        Task {
          await server.stop()
          task.cancel()
        }
      }
      source.resume()
      sources.append(source)
    }
    done.wait()
    for source in sources { source.cancel() }
    if let message = failure.value {
      try Console.run { () throws(FolioError) in
        throw FolioError(.environment, "cannot serve on 127.0.0.1:\(port)", underlying: message)
      }
    }
  }
}

/// The error `run` ended with, handed across threads.
private final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var message: String?

  var value: String? {
    lock.lock()
    defer { lock.unlock() }
    return message
  }

  func set(_ text: String) {
    lock.lock()
    message = text
    lock.unlock()
  }
}
