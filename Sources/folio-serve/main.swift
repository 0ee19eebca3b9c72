// `folio-serve`: the live preview `folio serve` hands over to, on its own so that `folio` does not
// link the HTTP server's dependencies.
import ArgumentParser
import Dispatch
import FolioCLI
import FolioCore
import FolioServer
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Builds, serves the site on 127.0.0.1, rebuilds on change and reloads open pages.
struct FolioServe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "folio serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

  @OptionGroup var options: ServeOptions

  var book: BookOptions { options.book }
  var port: Int { options.port }

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

// Bad arguments exit with status 2, as in `folio`.
Folio.runCommandLine(FolioServe.self)
