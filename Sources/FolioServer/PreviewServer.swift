// `folio serve`: build once, serve the site on loopback, rebuild on change, reload open pages.
import FlyingFox
import FlyingSocks
import FolioCore
import Foundation

/// The live preview.
///
/// Builds the book, serves the site folder on `127.0.0.1`, polls the watched files and rebuilds
/// when they change (one build at a time; edits made during a build cause exactly one more), then
/// tells open pages to reload through server-sent events. A failed build keeps the last good site
/// and shows its diagnostics over the page.
public final class PreviewServer: Sendable {
  /// What to serve and watch, and how to build.
  public struct Configuration: Sendable {
    /// The folder served.
    public var siteDirectory: URL
    /// Port on 127.0.0.1; 0 picks a free one.
    public var port: UInt16
    /// Files and folders whose changes trigger a rebuild.
    public var watched: [URL]
    /// How often the watched files are polled.
    public var pollInterval: Duration
    /// Runs one build (blocking; called on its own thread, never two at once); with `true`,
    /// live cells' WebAssembly is left for the build that follows (see `BuildOptions.liveLater`).
    public var build: @Sendable (_ liveLater: Bool) -> BuildOutcome
    /// Where status lines go.
    public var log: @Sendable (String) -> Void

    /// Creates a configuration.
    public init(
      siteDirectory: URL, port: UInt16, watched: [URL], pollInterval: Duration = .milliseconds(100),
      build: @escaping @Sendable (_ liveLater: Bool) -> BuildOutcome,
      log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
      self.siteDirectory = siteDirectory
      self.port = port
      self.watched = watched
      self.pollInterval = pollInterval
      self.build = build
      self.log = log
    }

    /// `folio serve`'s setup for `book`: the site in `book/site`; watching `chapters/`,
    /// `book.yml` and the sources of the package the chapters import. Each build runs with
    /// `options` (the command line's remote cache and package settings), else the defaults.
    public static func book(
      _ book: URL, port: UInt16, log: @escaping @Sendable (String) -> Void = { _ in },
      options: BuildOptions? = nil
    ) -> Configuration {
      Configuration(
        siteDirectory: BuildOptions(book: book).siteDirectory, port: port,
        watched: [
          book.appendingPathComponent("chapters"), book.appendingPathComponent(BookLoader.configName),
        ]
          + BookPackage.watchedFolders(book: book),
        build: { liveLater in
          var options = options ?? BuildOptions(book: book)
          options.liveLater = liveLater
          return BuildOutcome.build(options: options, progress: log)
        }, log: log)
    }
  }

  /// The configuration.
  public let configuration: Configuration
  /// Build state and connected pages.
  public let hub = ReloadHub()
  private let http: HTTPServer
  private let stopping = StopFlag()

  /// Creates a server (it does nothing until `run`).
  public init(_ configuration: Configuration) throws {
    self.configuration = configuration
    let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: configuration.port)
    self.http = HTTPServer(
      address: address, timeout: 30, logger: .disabled,
      handler: SiteHandler(site: SitePath(root: configuration.siteDirectory), hub: hub))
  }

  /// The port the server listens on, once listening.
  public var port: UInt16? {
    get async {
      guard case .ip4(_, let port)? = await http.listeningAddress else { return nil }
      return port
    }
  }

  /// Builds once, then serves and watches until `stop()` (or the task is cancelled).
  public func run() async throws {
    var watcher = ChangeWatcher(paths: configuration.watched)
    await rebuild()
    let server = Task { try await http.run() }
    do {
      try await http.waitUntilListening(timeout: 10)
    } catch {
      server.cancel()
      throw error
    }
    if let port = await port {
      configuration.log("serving \(configuration.siteDirectory.path) at http://127.0.0.1:\(port)/")
    }
    var ticks = 0
    while !stopping.isSet && !Task.isCancelled {
      try? await Task.sleep(for: configuration.pollInterval)
      ticks += 1
      if ticks % 50 == 0 { await hub.ping() }
      var changed = watcher.poll()
      guard !changed.isEmpty, !stopping.isSet else { continue }
      // A burst (an editor's save, a checkout): wait until the files hold still.
      for _ in 0..<20 {
        try? await Task.sleep(for: .milliseconds(50))
        let more = watcher.poll()
        if more.isEmpty { break }
        changed += more
      }
      let names = Set(changed.map { URL(fileURLWithPath: $0).lastPathComponent }).sorted()
      configuration.log(
        "changed: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : ""); rebuilding")
      await rebuild()
    }
    await hub.close()
    await http.stop(timeout: 1)
    server.cancel()
  }

  /// Asks `run` to return: ends the event streams and closes the listening socket.
  public func stop() async {
    stopping.set()
    await hub.close()
    await http.stop(timeout: 1)
  }

  /// Runs a build on its own thread (builds block) and publishes the outcome: pages first, with
  /// the chapters' native runs, then, when live cells were left out, a second build that
  /// compiles their WebAssembly (seconds per cell) and publishes again. An edit to the library
  /// shows on the page as soon as the chapters ran again, not after every figure recompiled.
  private func rebuild() async {
    if await publish(build(liveLater: true)).liveDeferred {
      configuration.log("compiling the live cells' WebAssembly")
      await publish(build(liveLater: false))
    }
  }

  private func build(liveLater: Bool) async -> BuildOutcome {
    await hub.buildStarted()
    let build = configuration.build
    return await withCheckedContinuation { (continuation: CheckedContinuation<BuildOutcome, Never>) in
      Thread { continuation.resume(returning: build(liveLater)) }.start()
    }
  }

  @discardableResult
  private func publish(_ outcome: BuildOutcome) async -> BuildOutcome {
    configuration.log(outcome.summary)
    if !outcome.succeeded {
      for line in outcome.diagnostics.prefix(20) { configuration.log(line) }
    }
    await hub.buildFinished(outcome)
    return outcome
  }
}

/// A flag set once from any thread.
private final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }
}
