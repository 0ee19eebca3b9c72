// The second level of the results cache: a Bazel HTTP remote cache shared between machines. Kept
// out of Cache/ (part of the engine digest): how entries travel does not change what they hold,
// so a change here does not invalidate every cached result.
import CFolioHTTP
import Foundation
import Synchronization

/// Results entries in a Bazel HTTP cache: `GET`/`PUT` on `<base>/ac/<key>` and
/// `<base>/cas/<sha256>`.
///
/// An entry's bytes (the local cache's file, SHA-256 header and all) go to `cas/<their SHA-256>`,
/// and an `ActionRecord` naming them to `ac/<results key>`, the local cache's key. Nothing read
/// is trusted on the server's word: the CAS body must hash to the name the record gives and
/// have its size, and the entry's own header must check (`ResultsCache.decode`).
///
/// The remote cache never fails a build. A request that cannot connect, times out, or gets an
/// answer other than success or 404 (a miss) turns the remote cache off for the rest of the
/// build, so a dead server costs at most one timeout; an entry that does not check out is a
/// miss (the chapter runs, and a writable cache gets a good entry). Every problem goes into
/// one warning for the whole build.
///
/// Requests go through libcurl (`CFolioHTTP`, which opens it on the first request: Foundation's
/// URLSession would be linked into every run of folio, and with it libcurl and two dozen
/// libraries, 13 ms of start-up), synchronously, each on a build thread: the stages are
/// synchronous, and a few dozen requests at once are plenty.
final class RemoteCache: Sendable {
  /// The cache and how it is used.
  let settings: RemoteCacheSettings
  private let state = Mutex(State())

  /// Requests in flight at once.
  static let connections = 16

  private struct State {
    /// Set after a transport failure: nothing more is asked of the server.
    var off = false
    /// The first problem, as the warning says it.
    var first: String?
    /// How many problems there were.
    var count = 0
  }

  /// A client for the cache `settings` name.
  init(_ settings: RemoteCacheSettings) {
    self.settings = settings
  }

  /// Whether a transport failure has turned the cache off for this build.
  var isOff: Bool { state.withLock { $0.off } }

  // MARK: - Entries

  /// The entries the cache holds for `keys`, fetched in parallel; nil for a miss, for an entry
  /// that does not check out, and for every key once the cache is off.
  func fetch(_ keys: [String]) -> [Data?] {
    (try? Parallel.map(keys, jobs: Self.connections) { key in self.fetch(key) })
      ?? Array(repeating: nil, count: keys.count)
  }

  /// Stores entries by results key, in parallel: the CAS body first, then the record naming
  /// it, so a reader never finds a record without its body. Nothing when read-only or off.
  func store(_ entries: [(key: String, entry: Data)]) {
    guard !settings.readOnly, !isOff, !entries.isEmpty else { return }
    _ = try? Parallel.map(entries, jobs: Self.connections) { item in
      let record = ActionRecord(entry: item.entry)
      guard self.put("cas/\(record.hash)", item.entry) else { return }
      _ = self.put("ac/\(item.key)", record.encoded)
    }
  }

  /// Records an entry that came back whole but is not what its key promises (its own header
  /// does not check, say): the caller does without it.
  func rejected(key: String, because reason: String) {
    problem("ac/\(key): \(reason)", turnsOff: false)
  }

  /// The one warning about everything that went wrong with the remote cache in this build.
  var warning: Diagnostic? {
    state.withLock { state in
      guard let first = state.first else { return nil }
      var message = "remote cache: \(first)"
      if state.count > 1 { message += " (and \(state.count - 1) more problem\(state.count == 2 ? "" : "s"))" }
      message +=
        state.off
        ? "; not used for the rest of this build, chapters ran here"
        : "; those chapters ran here"
      return Diagnostic(.warning, at: SourceLocation(file: settings.displayName), message)
    }
  }

  private func fetch(_ key: String) -> Data? {
    guard case .body(let body) = get("ac/\(key)") else { return nil }
    guard let record = ActionRecord(decoding: body) else {
      problem("ac/\(key) is not an action result naming \(ActionRecord.outputPath)", turnsOff: false)
      return nil
    }
    guard case .body(let entry) = get("cas/\(record.hash)") else { return nil }
    guard entry.count == record.size, FieldHasher.hex(SHA256.hash(data: entry)) == record.hash else {
      problem("cas/\(record.hash) does not hash to its name (\(entry.count) bytes)", turnsOff: false)
      return nil
    }
    return entry
  }

  // MARK: - HTTP

  private enum Answer {
    case body(Data)
    case missing
    case failed
  }

  /// GET `path`: its body, a miss (404), or a failure (recorded; the cache is then off).
  private func get(_ path: String) -> Answer { transfer("GET", path, body: nil) }

  /// PUT `body` at `path`; whether the server took it.
  private func put(_ path: String, _ body: Data) -> Bool {
    if case .body = transfer("PUT", path, body: body) { return true }
    return false
  }

  private func transfer(_ method: String, _ path: String, body: Data?) -> Answer {
    guard !isOff else { return .failed }
    let url = settings.base.appendingPathComponent(path).absoluteString
    let authorization = settings.authorization
    let milliseconds = Int(settings.timeout * 1000)
    var response = folio_http_response()
    func send(_ bytes: UnsafeRawBufferPointer?) {
      // An empty body is still a body (a PUT with Content-Length: 0), never a null pointer.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in
        let pointer = bytes.map { $0.baseAddress ?? UnsafeRawPointer(empty.baseAddress!) }
        folio_http_request(method, url, authorization, pointer, bytes?.count ?? 0, milliseconds, &response)
      }
    }
    if let body {
      body.withUnsafeBytes { send($0) }
    } else {
      send(nil)
    }
    defer { folio_http_release(&response) }
    if response.failure != FOLIO_HTTP_OK {
      problem("\(method) \(path): \(Self.describe(response, timeout: settings.timeout))", turnsOff: true)
      return .failed
    }
    guard response.status >= 100 else {
      problem("\(method) \(path): not an HTTP answer", turnsOff: true)
      return .failed
    }
    switch response.status {
    case 200..<300:
      return .body(response.body.map { Data(bytes: $0, count: response.length) } ?? Data())
    case 404 where method == "GET": return .missing
    default:
      problem("\(method) \(path): HTTP \(response.status)", turnsOff: true)
      return .failed
    }
  }

  private func problem(_ text: String, turnsOff: Bool) {
    state.withLock { state in
      // Requests already in flight when the cache went off fail too: one problem, not many.
      if state.off { return }
      if state.first == nil { state.first = text }
      state.count += 1
      if turnsOff { state.off = true }
    }
  }

  /// A transport error in a few words, never with the URL (it is in the warning's location).
  private static func describe(_ response: folio_http_response, timeout: Double) -> String {
    switch response.failure {
    case FOLIO_HTTP_NO_LIBCURL: "libcurl (Debian's libcurl4) cannot be loaded"
    case FOLIO_HTTP_TIMEOUT: "no answer within \(seconds(timeout))"
    case FOLIO_HTTP_REFUSED: "connection refused"
    case FOLIO_HTTP_UNKNOWN_HOST: "unknown host"
    case FOLIO_HTTP_CLOSED: "connection closed mid-answer"
    case FOLIO_HTTP_TLS: "TLS failed"
    default: "network error \(response.code)"
    }
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
