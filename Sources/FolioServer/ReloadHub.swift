// Keeps the open pages' event streams and the state of the last build.
import Foundation

/// The server's shared state: the build generation, the last outcome, and every connected page.
///
/// Each finished build bumps `generation` and sends `reload` with it; pages compare it with the
/// generation they were served at, so a page never misses a build it was disconnected for.
public actor ReloadHub {
  /// Builds finished so far (the first build is generation 1).
  public private(set) var generation = 0
  /// The last finished build, nil before the first one.
  public private(set) var outcome: BuildOutcome?
  /// Whether a build is running now.
  public private(set) var building = false
  private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
  private var closed = false

  /// Creates an empty hub.
  public init() {}

  /// Pages listening now.
  public var clientCount: Int { clients.count }

  /// A new page's event stream; starts with `hello` carrying the current generation.
  func subscribe() -> AsyncStream<[UInt8]> {
    let id = UUID()
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(64))
    continuation.yield(Self.frame(event: nil, data: nil, retry: 1000))
    continuation.yield(Self.frame(event: "hello", data: "\(generation)"))
    if building { continuation.yield(Self.frame(event: "building", data: "\(generation)")) }
    if closed {
      continuation.finish()
      return stream
    }
    continuation.onTermination = { [weak self] _ in
      Task { await self?.remove(id) }
    }
    clients[id] = continuation
    return stream
  }

  /// Tells the pages a build started.
  func buildStarted() {
    building = true
    broadcast(Self.frame(event: "building", data: "\(generation)"))
  }

  /// Records a finished build and tells the pages to reload.
  func buildFinished(_ result: BuildOutcome) {
    building = false
    generation += 1
    outcome = result
    broadcast(Self.frame(event: "reload", data: "\(generation)"))
  }

  /// A comment line, so that dead connections are noticed and dropped.
  func ping() {
    broadcast(Array(": ping\n\n".utf8))
  }

  /// Ends every stream (the server is stopping).
  func close() {
    closed = true
    for continuation in clients.values { continuation.finish() }
    clients.removeAll()
  }

  private func remove(_ id: UUID) {
    clients[id] = nil
  }

  private func broadcast(_ frame: [UInt8]) {
    for continuation in clients.values { continuation.yield(frame) }
  }

  /// One server-sent event.
  static func frame(event: String?, data: String?, retry: Int? = nil) -> [UInt8] {
    var text = ""
    if let retry { text += "retry: \(retry)\n" }
    if let event { text += "event: \(event)\n" }
    if let data { text += "data: \(data)\n" }
    if retry != nil && event == nil && data == nil { text += ": connected\n" }
    return Array((text + "\n").utf8)
  }
}
